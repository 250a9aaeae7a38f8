/**
 * The client's defaults and bounds, each in one place (as @azure/core-lro's constants.ts and ky's
 * defaultRetryOptions), justified in docs/decisions/0005-poll-defaults.md unless said beside it.
 * Plain literals: bundlers keep an unused `60 * 1_000` in an app, not knowing it free of side effects.
 */

/** A call's retries: 4, within a minute of waiting. */
export const DEFAULT_RETRY = { maxRetries: 4, maxDelayMs: 60_000 };

/** Backoff of a retry without Retry-After: full jitter below BASE_DELAY_MS · 2^attempt, at most MAX_BACKOFF_MS. */
export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 30_000;

/**
 * The shortest wait before a request is sent again, a retry or a poll: `Retry-After: 0`, a date in
 * the past (clock skew) or a jitter of 0 must not turn a throttled wait into a burst of requests.
 */
export const MIN_WAIT_MS = 100;

/** The longest wait a `Retry-After` can ask for, and any wait between polls: a day, well under setTimeout's 2^31-1 ms. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** The most bytes of a response body read by default: an operation is under 1 KB. */
export const DEFAULT_MAX_BODY_BYTES = 4_194_304;

/** Redirects followed within the configured origin (decision 0003). */
export const MAX_REDIRECTS = 5;

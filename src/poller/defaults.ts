/**
 * The poller's defaults, each in one place (the client's are in src/client/defaults.ts), justified in
 * docs/decisions/0005-poll-defaults.md. Plain literals (15 minutes as 900_000): bundlers keep an
 * unused `15 * 60_000` in an app, not knowing a product to be free of side effects.
 */

/** Without Retry-After, polls back off from `intervalMs` by `backoffFactor` to `maxIntervalMs`, within `timeoutMs`. */
export const POLL_DEFAULTS = { timeoutMs: 900_000, intervalMs: 1_000, maxIntervalMs: 30_000, backoffFactor: 2 };

/** The least time a poll sent before the timeout gets to answer. */
export const MIN_POLL_BUDGET_MS = 2_000;

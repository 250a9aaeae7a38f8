import { terminalStatuses } from "../../generated/graph-lro.routes.ts";
import { MAX_RETRY_AFTER_MS } from "../client/retry-after.ts";

/** The states after which an operation changes no more: the spec's `x-terminal-values`. */
export const TERMINAL_STATUSES = terminalStatuses;

/** True for `succeeded` and `failed`; unknown and future values are not terminal. */
export function isTerminal(status: unknown): status is (typeof TERMINAL_STATUSES)[number] {
  return (TERMINAL_STATUSES as readonly unknown[]).includes(status);
}

/**
 * Bounds on any wait between polls. The floor keeps a server that answers `Retry-After: 0` on
 * every poll (or `intervalMs: 0`) from making the poller spin; the ceiling (a day, like
 * parseRetryAfter's) keeps each wait within what setTimeout can do (2^31-1 ms).
 */
export const MIN_POLL_DELAY_MS = 100;
export const MAX_POLL_DELAY_MS = MAX_RETRY_AFTER_MS;

export interface Backoff {
  intervalMs: number;
  maxIntervalMs: number;
  factor: number;
}

/**
 * The wait before the next poll. A server's Retry-After is followed exactly: never earlier, and
 * no later, since each extra wait only delays the caller. Without one, the wait grows from
 * `intervalMs` by `factor` up to `maxIntervalMs`, one step per poll that came without it. Either
 * way it stays within MIN_POLL_DELAY_MS and MAX_POLL_DELAY_MS.
 */
export function nextPollDelay(
  retryAfterMs: number | undefined,
  backoffStep: number,
  backoff: Backoff,
): { delayMs: number; backoffStep: number } {
  const stepped = retryAfterMs === undefined;
  const ms = stepped
    ? Math.min(backoff.maxIntervalMs, backoff.intervalMs * backoff.factor ** backoffStep)
    : retryAfterMs;
  const delayMs = Math.min(MAX_POLL_DELAY_MS, Math.max(MIN_POLL_DELAY_MS, Math.round(ms)));
  return { delayMs, backoffStep: stepped ? backoffStep + 1 : backoffStep };
}

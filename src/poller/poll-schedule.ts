import { terminalStatuses } from "../../generated/graph-lro.routes.ts";
import { MAX_RETRY_AFTER_MS, MIN_WAIT_MS } from "../client/defaults.ts";

/** The states after which an operation changes no more: the spec's `x-terminal-values`. */
export const TERMINAL_STATUSES = terminalStatuses;

/** True for `succeeded` and `failed`; unknown and future values are not terminal. */
export function isTerminal(status: unknown): status is (typeof TERMINAL_STATUSES)[number] {
  return (TERMINAL_STATUSES as readonly unknown[]).includes(status);
}

export interface Backoff {
  intervalMs: number;
  maxIntervalMs: number;
  factor: number;
}

/**
 * The wait before the next poll. A server's Retry-After is followed exactly: never earlier, and
 * no later, since each extra wait only delays the caller. Without one, the wait grows from
 * `intervalMs` by `factor` up to `maxIntervalMs`, one step per poll that came without it. Either
 * way it stays within MIN_WAIT_MS and MAX_RETRY_AFTER_MS.
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
  const delayMs = Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_WAIT_MS, Math.round(ms)));
  return { delayMs, backoffStep: stepped ? backoffStep + 1 : backoffStep };
}

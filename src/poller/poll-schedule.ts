import type { LongRunningOperationStatus } from "../client/operation-types.ts";

/**
 * The states after which Graph's operations change no more: the spec's `x-terminal-values`, kept here
 * (typed against its enum, and compared with it by a test) so the client bundle need not carry the spec.
 */
export const TERMINAL_STATUSES = ["succeeded", "failed"] as const satisfies readonly LongRunningOperationStatus[];

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
 * `intervalMs` by `factor` up to `maxIntervalMs`, one step per poll that came without it.
 */
export function nextPollDelay(
  retryAfterMs: number | undefined,
  backoffStep: number,
  backoff: Backoff,
): { delayMs: number; backoffStep: number } {
  if (retryAfterMs !== undefined) return { delayMs: retryAfterMs, backoffStep };
  const delayMs = Math.min(backoff.maxIntervalMs, backoff.intervalMs * backoff.factor ** backoffStep);
  return { delayMs: Math.round(delayMs), backoffStep: backoffStep + 1 };
}

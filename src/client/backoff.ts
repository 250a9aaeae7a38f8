/** First backoff ceiling; doubled on each retry. */
export const BASE_DELAY_MS = 500;
/** Backoff never waits longer than this for one retry. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(cap, base·2^attempt))): clients
 * throttled together do not retry together. `attempt` counts from 0; `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt));
}

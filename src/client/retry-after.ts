/** The longest wait a `Retry-After` can ask for: a day, well under setTimeout's 2^31-1 ms limit. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

const SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Parses a `Retry-After` value into milliseconds from `nowMs`: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). A date in the past gives 0, garbage or a negative number gives undefined,
 * and anything longer than `maxMs` is clamped to it. Fractional seconds are accepted, as Graph's
 * gateways are not the only servers a client meets.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (SECONDS.test(text)) {
    ms = Number(text) * 1000;
  } else {
    // Only strings that look like an HTTP date: Date.parse also accepts "1" or "2024" as years.
    const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(Math.max(0, Math.ceil(ms)), maxMs);
}

import { checkNumber } from "../util/check/check-number.ts";
import { BASE_DELAY_MS, DEFAULT_RETRY, MAX_BACKOFF_MS, MIN_WAIT_MS } from "./defaults.ts";
import { parseRetryAfter } from "./retry-after.ts";

/** How far a call may retry: `maxRetries` extra attempts, `maxDelayMs` of waiting in all. */
export interface RetryPolicy {
  maxRetries: number;
  maxDelayMs: number;
}

/** Whether a GET answered with `status` is retried (a POST only on 429): throttled (429), unavailable (503) or timed out (504). */
export const isRetryableStatus = (status: number): boolean => status === 429 || status === 503 || status === 504;

/**
 * The policy for a client's `retry` option, field by field: an omitted or undefined field takes its
 * default (a spread would copy `undefined` over it and lift the bound). Throws an
 * InvalidArgumentError naming a field that is not a number ≥ 0 (a whole one for maxRetries).
 */
export function resolveRetryPolicy(retry: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxRetries: checkNumber("retry.maxRetries", retry.maxRetries ?? DEFAULT_RETRY.maxRetries, 0, true),
    // Infinity is allowed: no budget, only maxRetries (each wait is still at most a day).
    maxDelayMs: checkNumber("retry.maxDelayMs", retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs, 0, false, Infinity),
  };
}

/** One attempt's outcome, as retryDelay weighs it. */
export interface Attempt {
  method: string;
  /** The answer, or undefined after a network error. */
  response: Response | undefined;
  /** Attempts before this one. */
  attempt: number;
  /** Ms already waited between this call's attempts. */
  waited: number;
}

/**
 * The wait before sending again, or undefined when the outcome stands, one reason per line. A
 * Retry-After longer than the budget is not shortened, as Graph asks: the outcome stands instead,
 * with its Retry-After for the caller (a poller waits it out).
 */
export function retryDelay(
  policy: RetryPolicy,
  { method, response, attempt, waited }: Attempt,
  now: () => number,
  random: () => number,
): number | undefined {
  if (response && !isRetryableStatus(response.status)) return undefined; // a final answer
  // Only GET is safe to repeat; a throttled POST was not acted on (decision 0021), any other outcome may have been.
  if (method !== "GET" && response?.status !== 429) return undefined;
  if (attempt >= policy.maxRetries) return undefined; // retries used up
  const asked = parseRetryAfter(response?.headers.get("retry-after"), now()) ?? backoffDelay(attempt, random);
  const delay = Math.max(MIN_WAIT_MS, asked);
  if (waited + delay > policy.maxDelayMs) return undefined; // past the budget
  return delay;
}

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(cap, base·2^attempt))): clients
 * throttled together do not retry together. `attempt` counts from 0; `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt));
}

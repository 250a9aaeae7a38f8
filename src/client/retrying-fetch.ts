import { backoffDelay } from "./backoff.ts";
import type { Fetch, Sleep } from "./fetch-types.ts";
import { parseRetryAfter } from "./retry-after.ts";

/** Statuses Graph documents as transient: throttled, unavailable, gateway timeout. */
const RETRYABLE = new Set([429, 503, 504]);

/** How far a call may retry: `maxRetries` extra attempts, `maxDelayMs` of waiting in all. */
export interface RetryPolicy {
  maxRetries: number;
  maxDelayMs: number;
}

/** The clock, sleep and randomness of the retry loop, injectable so tests never wait. */
export interface RetryTools {
  sleep: Sleep;
  random: () => number;
  now: () => number;
}

/**
 * Wraps fetch so that a GET is re-sent on 429, 503, 504 and network errors (a TypeError from
 * fetch), waiting `Retry-After` if given, else a jittered backoff. When the next wait would pass
 * the budget, the last response is returned (or the network error thrown) for the caller to
 * report; a Retry-After longer than the budget is not shortened, as Graph asks us not to.
 */
export function retryingFetch(fetch: Fetch, policy: RetryPolicy, tools: RetryTools): Fetch {
  return async (request) => {
    // Only GET is known to be safe to repeat; everything else goes through once.
    if (request.method !== "GET") return fetch(request);
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      // An injected fetch may ignore the signal; an aborted call must still send nothing.
      request.signal.throwIfAborted();
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await fetch(request);
      } catch (error) {
        if (!(error instanceof TypeError) || request.signal.aborted) throw error;
        failure = error;
      }
      if (response && !RETRYABLE.has(response.status)) return response;
      const delay =
        parseRetryAfter(response?.headers.get("retry-after"), tools.now()) ?? backoffDelay(attempt, tools.random);
      if (attempt >= policy.maxRetries || waited + delay > policy.maxDelayMs) {
        if (response) return response;
        throw failure;
      }
      // Free the connection of a response we will not read (not awaited: a tee'd body's cancel
      // settles only once every branch is cancelled).
      response?.body?.cancel().catch(() => {});
      waited += delay;
      await tools.sleep(delay, request.signal);
    }
  };
}

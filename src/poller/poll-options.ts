import { type Clock, clockOf, realClock } from "../client/clock.ts";
import type { SelectableProperty } from "../client/operation-types.ts";
import { checkNumber } from "../util/check/check-number.ts";
import type { TimeoutSignalFactory } from "../util/time/call-timeout.ts";
import { MAX_TIMER_MS } from "../util/time/sleep.ts";
import { POLL_DEFAULTS } from "./defaults.ts";
import type { ProgressListener } from "./poll-progress.ts";
import type { Backoff } from "./poll-schedule.ts";

/** Options of pollOperation and waitForOperation. */
export interface PollOptions<S extends readonly SelectableProperty[] = readonly SelectableProperty[]> {
  signal?: AbortSignal;
  /**
   * Give up (OperationTimeoutError) when the next poll would come later than this after the call
   * started, or a poll (throttling retries included) is still unanswered then. A resumed state
   * gets the whole budget again. At most 2^31 - 1 ms (about 24.8 days), what a timer can wait.
   */
  timeoutMs?: number;
  /** The first wait when the server gives no Retry-After. */
  intervalMs?: number;
  /** The longest wait when the server gives no Retry-After. */
  maxIntervalMs?: number;
  /** How much each wait grows over the last when the server gives no Retry-After. */
  backoffFactor?: number;
  /** `$select`; `status` is added, since polling needs it. */
  select?: S;
  /**
   * Called with every observed state, terminal ones included, before waiting; and with `undefined` and
   * a RetryProgress for each answer that is retried (by the client, or waited out here).
   */
  onProgress?: ProgressListener<S>;
  /** The clock of the waits and the timeout; by default the client's (its `clock` option), else the real one. */
  clock?: Clock;
  /** Test seam: makes the signal that ends a poll still unanswered at the timeout. */
  timeoutSignal?: TimeoutSignalFactory;
}

/** PollOptions with every default applied and every number checked. */
export interface ResolvedPollOptions {
  timeoutMs: number;
  backoff: Backoff;
  /** Steady (see steadyClock): a sleep that returns at once still moves it on, so polling cannot spin. */
  clock: Clock;
}

/**
 * The options with their defaults, each number checked: a NaN or negative wait would make polling
 * spin or never time out, and a factor below 1 would shrink the waits. Throws an
 * InvalidArgumentError naming the option as the caller wrote it. The clock is the options' own, else
 * `clientClock` (the client's), made steady unless it is `steady`, a clock known to be steady already.
 */
export function resolvePollOptions(
  options: PollOptions<readonly SelectableProperty[]>,
  clientClock: Clock = realClock,
  steady?: Clock,
): ResolvedPollOptions {
  const number = (name: keyof typeof POLL_DEFAULTS, min = 0, max?: number) =>
    checkNumber(name, options[name] ?? POLL_DEFAULTS[name], min, false, max);
  return {
    // At most what a timer can wait, as the client's timeoutMs: no wait or poll can then outlast a timer,
    // even for a saved state whose next poll is further off (that one times out at once).
    timeoutMs: number("timeoutMs", 0, MAX_TIMER_MS),
    backoff: {
      intervalMs: number("intervalMs"),
      maxIntervalMs: number("maxIntervalMs"),
      factor: number("backoffFactor", 1),
    },
    clock: clockOf(options, clientClock, steady),
  };
}

import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { checkNumber } from "../util/check/check-number.ts";
import { sleep as realSleep } from "../util/time/sleep.ts";
import type { Sleep } from "./fetch-types.ts";

/** A clock and its wait, given together: a `sleep` that returns at once needs the `now` it moves on. */
export interface Clock {
  /** Ms since the epoch. */
  now(): number;
  /** Waits `ms`; must reject as soon as `signal` aborts. */
  sleep: Sleep;
}

/** The real clock: Date.now and setTimeout (so `vi.useFakeTimers()` controls it too). */
export const realClock: Clock = { now: () => Date.now(), sleep: realSleep };

/**
 * `clock`, made so that time never stands still across a wait: after `sleep(ms)` returns, `now()`
 * reads at least `ms` later than before it, whatever the injected pair does. A sleep that returns at
 * once therefore still spends time, and every wait of retries and polls counts against their budgets:
 * nothing that waits can spin. Never goes back, either.
 */
export function steadyClock(clock: Clock): Clock {
  let floor = Number.NEGATIVE_INFINITY;
  // A reading that is no finite number (NaN, Infinity) would make every wait and deadline compare false:
  // polling would neither wait nor end. Ms since the epoch are 0 or more.
  const now = () => {
    floor = Math.max(floor, checkNumber("clock.now()", clock.now(), 0));
    return floor;
  };
  return {
    now,
    sleep: async (ms, signal) => {
      const from = now();
      await clock.sleep(ms, signal);
      floor = Math.max(floor, from + ms);
    },
  };
}

/**
 * The steady clock of `options`: its `clock`, else `fallback` (made steady unless it is `steady`, a clock
 * known to be steady already: a client's own, which the poller takes by default). An InvalidArgumentError
 * refuses a clock that is not a `{ now, sleep }` of functions, and a `now` or `sleep` option (0.1.0's
 * separate pair, from a JS caller or a cast): ignored, it would leave the caller's waits on the real clock
 * without a word.
 */
export function clockOf(options: { clock?: Clock }, fallback: Clock, steady?: Clock): Clock {
  for (const name of ["now", "sleep"] as const) {
    if ((options as Partial<Clock>)[name] !== undefined) {
      throw new InvalidArgumentError(name, `${name} is no option: use clock: { now, sleep }`);
    }
  }
  const { clock } = options;
  if (clock === undefined) return fallback === steady ? fallback : steadyClock(fallback);
  if (typeof clock?.now !== "function" || typeof clock.sleep !== "function") {
    throw new InvalidArgumentError("clock", "clock must be { now, sleep }");
  }
  return steadyClock(clock);
}

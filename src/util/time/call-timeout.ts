import { MAX_TIMER_MS } from "./sleep.ts";

/** Makes a signal that aborts after `ms`: a test seam in place of the timer. */
export type TimeoutSignalFactory = (ms: number) => AbortSignal;

/** The signal of one call with a time limit; `clear` it once the call has settled. */
export interface CallTimeout {
  readonly signal: AbortSignal;
  /** Cancels the timer and stops following the caller's signal; safe to call twice. */
  clear(): void;
}

/**
 * A signal that aborts when `caller` does, or after `ms` with a TimeoutError: by `make(ms)` if
 * given, else by a timer of its own. The timer and the controller are held strongly (the timer
 * holds the controller): on Node 20, `AbortSignal.any([caller, AbortSignal.timeout(ms)])` lets the
 * timeout signal be garbage-collected, and it then never fires. `clear` removes the listener from
 * the caller's signal, so a long-lived signal does not collect one per call. A poller passes the `controller`
 * its polls share, so that a poll makes no signal of its own.
 */
export function callTimeout(
  ms: number,
  caller: AbortSignal | undefined,
  make?: TimeoutSignalFactory,
  controller = new AbortController(),
): CallTimeout {
  const deadline = make?.(ms);
  // Without a caller's signal or a made one (a poll of a caller who gave none), no listener: one per poll costs.
  const follow = caller || deadline ? (event: Event) => controller.abort((event.target as AbortSignal).reason) : ignore;
  for (const source of [caller, deadline]) {
    if (!source) continue;
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener("abort", follow);
  }
  // A limit further off than setTimeout can wait is not armed (it would fire at once).
  const timer = deadline || ms > MAX_TIMER_MS ? undefined : setTimeout(timeUp, ms, controller, ms);
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      caller?.removeEventListener("abort", follow);
      deadline?.removeEventListener("abort", follow);
    },
  };
}

const ignore = () => {};

/** Ends a call that ran out of time. */
const timeUp = (controller: AbortController, ms: number) =>
  controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));

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
  const sources = [caller, deadline].filter(Boolean) as AbortSignal[];
  const follow = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const source of sources) {
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener("abort", follow);
  }
  // A limit further off than setTimeout can wait is not armed (it would fire at once).
  const timer =
    deadline || ms > MAX_TIMER_MS
      ? undefined
      : setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")), ms);
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      for (const source of sources) source.removeEventListener("abort", follow);
    },
  };
}

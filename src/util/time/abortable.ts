/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts (at once if it
 * has). The listener is removed once either happens, so a long-lived signal collects none. `promise` is
 * always handled, also when the signal had already aborted: its own rejection, lost to the race, must not be
 * an unhandled one (Node ends a process on that by default).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
  });
}

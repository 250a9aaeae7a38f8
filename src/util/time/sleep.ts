/** The longest delay setTimeout (and AbortSignal.timeout) can wait, about 24.8 days; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Waits `ms` (callers keep it within MAX_TIMER_MS: retries wait at most a day, the poller at most its
 * timeoutMs), or rejects with the signal's reason as soon as it aborts (also if it already has).
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  // One promise and no chain of them: 10,000 waits at once each sleep before every poll (decision 0025f).
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    // The timer is cleared on abort: a pending one would keep a Node process alive until it fires.
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort);
  });
}

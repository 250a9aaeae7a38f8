/** The longest delay setTimeout (and AbortSignal.timeout) can wait, about 24.8 days; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (also if it already has). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

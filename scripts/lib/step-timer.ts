// Where generate's time goes on a large spec: each step's start and length, on stderr, when GRAPH_LRO_TIMINGS is set.

const enabled = Boolean(process.env.GRAPH_LRO_TIMINGS);

/**
 * Runs `work` and, when GRAPH_LRO_TIMINGS is set, prints when it started (ms since the process started, so that
 * steps of threads and processes running side by side line up) and how long it took. Otherwise only runs it.
 */
export async function timed<T>(step: string, work: () => Promise<T> | T): Promise<T> {
  if (!enabled) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    const at = (ms: number) => `${Math.round(ms)}`.padStart(6);
    process.stderr.write(`timing: ${at(start)} ms +${at(performance.now() - start)} ms  ${step}\n`);
  }
}

import type { Fetch, Sleep } from "../index.ts";

/** What a run of the command touches: its environment, output, Ctrl-C, and test seams. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Test seam: the clock. */
  now?: () => number;
  /** Test seam: every wait (between polls, and the client's retries). */
  sleep?: Sleep;
  /** Test seam: the network (--mock answers without it). */
  fetch?: Fetch;
}

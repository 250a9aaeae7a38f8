import { type CliIo, runCli } from "../../src/cli/run-cli.ts";
import type { Fetch } from "../../src/client/fetch-types.ts";

/** Virtual time: `sleep` returns at once and moves the clock on; bounded, so a runaway loop fails fast. */
export function virtualTime(start = Date.UTC(2026, 0, 1)) {
  let time = start;
  const sleeps: number[] = [];
  const sleep = async (ms: number, signal: AbortSignal) => {
    signal.throwIfAborted();
    if (sleeps.length >= 200) throw new Error("more than 200 sleeps: a loop that does not end");
    sleeps.push(ms);
    time += ms;
  };
  return { now: () => time, sleep, sleeps };
}

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `graph-lro <argv>` in this process, on virtual time, collecting its output. */
export async function graphLro(
  argv: readonly string[],
  options: {
    env?: Record<string, string>;
    fetch?: Fetch;
    isTTY?: boolean;
    signal?: AbortSignal;
    io?: Partial<CliIo>;
    /** Another tree's runCli (a project copy's), instead of this project's. */
    cli?: typeof runCli;
  } = {},
): Promise<InProcessRun> {
  const time = virtualTime();
  let stdout = "";
  let stderr = "";
  const code = await (options.cli ?? runCli)(argv, {
    env: options.env ?? {},
    stdout: { isTTY: options.isTTY ?? false, write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    signal: options.signal ?? new AbortController().signal,
    now: time.now,
    sleep: time.sleep,
    ...(options.fetch && { fetch: options.fetch }),
    ...options.io,
  });
  return { code, stdout, stderr };
}

/** The JSON lines of an output. */
export const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Runs the built-in mock once, ahead of the tests: its first run (loading msw, compiling schemas) can
 * take seconds on a busy machine, which would otherwise count against one test's timeout. Not in the
 * mutation run (vitest.mutation.config.ts sets GRAPH_LRO_TEST_NO_WARM_UP): Stryker counts code run outside
 * a test as static, run against every test, and this run reaches most of the client, poller and mock.
 */
export const warmUpMock = async () => {
  if (!process.env.GRAPH_LRO_TEST_NO_WARM_UP) await graphLro(["get", "--mock"]);
};

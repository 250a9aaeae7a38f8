import type { RetryEvent } from "../index.ts";
import { jsonLine, terminalSafe } from "../text/terminal-text.ts";
import type { ExitCode } from "./exit-codes.ts";
import type { CliIo } from "./io.ts";
import { liveLine, progressLine, retryLine, retryText, type Shown, summary } from "./lines.ts";
import { networkCause } from "./network-cause.ts";

/** How a run ended badly (describeFailure's): the exit code, one line for people, and the `--json` error object. */
export interface Failure {
  exit: ExitCode;
  /** `error.code` in `--json`: Graph's code, or ours (`usageError`, `timeout`, `interrupted`…). */
  code: string;
  /** One line, without `graph-lro: `. */
  message: string;
  /** Not printed for people: the output has said it already (a failed operation's summary). */
  quiet: boolean;
  /** Lines for people after the message: where to go next. */
  hints: string[];
  /** The rest of the `--json` error object. */
  fields: Record<string, unknown>;
}

/** Where the output of wait and get goes: one reporter per output mode. */
export type Reporter = ReturnType<typeof createReporter>;

/** What a reporter writes to: the run's streams, and its clock. */
export type Output = Pick<CliIo, "stdout" | "stderr"> & { now: () => number };

/** The reporter for a run: JSON lines (`--json`), a live line (wait in a terminal), or a plain log. */
export function createReporter(
  io: Output,
  { command, json, verbose }: { command: "wait" | "get"; json: boolean; verbose: boolean },
) {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  // Time counts from the first request, as the poller's elapsedMs does (not from loading the mock).
  let startedAt: number | undefined;
  const elapsed = () => (startedAt === undefined ? 0 : io.now() - startedAt);
  const waiting = command === "wait";
  const live = waiting && !json && io.stdout.isTTY === true ? liveView(io, elapsed) : undefined;

  const aboveLive = (print: () => void) => (live ? live.above(print) : print());

  return {
    /** A request or its answer, as --verbose prints it (observedFetch's); the first starts the clock. */
    exchange(line: string) {
      startedAt ??= io.now();
      if (verbose) aboveLive(() => err(line));
    },
    /**
     * An answer that is retried (by the client's onRetry, or waited out by the poller). get's go to stderr,
     * whatever the mode, so that stdout stays the operation.
     */
    retry(retry: RetryEvent) {
      if (!waiting) err(`graph-lro: ${retryText(retry)}`);
      else if (json) {
        const { status, retryAfterMs, error } = retry;
        // No httpStatus when no response came (status 0), and the network error's cause instead.
        const cause = networkCause(error);
        out(jsonLine({ event: "retry", httpStatus: status || undefined, retryAfterMs, cause, elapsedMs: elapsed() }));
      } else if (live) live.retry(retry);
      else out(retryLine(retry, elapsed()));
    },
    /** wait: one observed state. */
    state(operation: Shown, progress: { attempt: number; elapsedMs: number; nextPollInMs: number | undefined }) {
      if (json) {
        const { attempt, elapsedMs, nextPollInMs } = progress;
        out(jsonLine({ event: "state", status: operation.status, attempt, elapsedMs, nextPollInMs, operation }));
      } else if (live) live.state(operation, progress);
      else out(progressLine(operation, progress));
    },
    /** wait: the terminal state. */
    done(operation: Shown, elapsedMs: number, polls: number) {
      live?.close();
      if (!json) for (const line of summary(operation, elapsedMs, polls)) out(line);
    },
    /** get: the operation read. */
    operation(operation: unknown) {
      out(jsonLine(operation, json ? undefined : 2));
    },
    failure(failure: Failure) {
      live?.close();
      if (!failure.quiet) err(`graph-lro: ${terminalSafe(failure.message)}`);
      for (const hint of failure.hints) err(terminalSafe(hint));
      if (json) out(jsonLine({ error: { code: failure.code, message: failure.message, ...failure.fields } }));
    },
    /** Stops redrawing; ends the live line. */
    close: () => live?.close(),
  };
}

/** The live line: redrawn on every change and four times a second, so that time runs on visibly. */
function liveView(io: Output, elapsed: () => number) {
  const view: Parameters<typeof liveLine>[0] = { attempt: 0 };
  let drawn = false;
  const redraw = () => {
    drawn = true;
    io.stdout.write(`\r\x1b[2K${liveLine(view, elapsed(), io.now())}`);
  };
  let ticker: ReturnType<typeof setInterval> | undefined = setInterval(redraw, 250);
  return {
    retry(retry: RetryEvent) {
      view.retry = retry;
      view.retryAt = retry.retryAfterMs === undefined ? undefined : io.now() + retry.retryAfterMs;
      redraw();
    },
    state(operation: Shown, progress: { attempt: number; nextPollInMs: number | undefined }) {
      Object.assign(view, { operation, attempt: progress.attempt, retry: undefined, retryAt: undefined });
      view.nextPollAt = progress.nextPollInMs === undefined ? undefined : io.now() + progress.nextPollInMs;
      redraw();
    },
    /** Prints a line (stderr's, in the same terminal) above the live line, which then comes back. */
    above(print: () => void) {
      if (drawn) io.stdout.write("\r\x1b[2K");
      print();
      if (drawn) redraw();
    },
    close() {
      clearInterval(ticker);
      ticker = undefined;
      if (drawn) io.stdout.write("\n");
      drawn = false;
    },
  };
}

import { InterruptedError } from "../errors/interrupted-error.ts";
import type { CliIo } from "./cli-io.ts";
import type { TextStream } from "./cli-output.ts";
import { runCli } from "./run-cli.ts";

/**
 * A stream of this process, written until its reader goes away (`| head` closes the pipe): then
 * quietly not at all. Without a listener, the pipe's error (EPIPE) would end the process with a
 * stack and exit 1, the code of a failed operation; the mock would stop serving.
 */
export function pipeSafe(stream: NodeJS.WriteStream): TextStream {
  let open = true;
  stream.on("error", () => {
    open = false;
  });
  return {
    isTTY: stream.isTTY,
    write: (text: string) => {
      if (open && !stream.destroyed) stream.write(text);
    },
  };
}

/** Resolves once everything written to `stream` has been handed to the system, or the stream has failed. */
export const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write("", () => resolve());
  });

/** This process as the command's io: its environment and streams, with Ctrl-C aborting the signal. */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new InterruptedError()));
  return {
    env: process.env,
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    signal: controller.signal,
  };
}

/** Runs `graph-lro <argv>` as this process: Ctrl-C aborts it, and its exit code ends the process. */
export async function runCliProcess(argv: readonly string[]): Promise<never> {
  const code = await runCli(argv, processIo());
  // A pipe takes what it can and Node queues the rest: exiting before it is written would cut the
  // output short (at 64 KiB). Exit explicitly then: msw keeps a BroadcastChannel open, which would
  // hold Deno (and timers) otherwise.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

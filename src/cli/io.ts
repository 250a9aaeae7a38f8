import type { Fetch, Sleep } from "../index.ts";
import { asInJson, redact, redactCredentials, tokenSecret } from "../text/redact.ts";

/** A stream the command writes text to. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** What a run of the command touches: its environment, output, Ctrl-C, and test seams. The CLI's one IO interface. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: TextStream;
  stderr: TextStream;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Test seam: the clock. */
  now?: () => number;
  /** Test seam: every wait (between polls, and the client's retries). */
  sleep?: Sleep;
  /** Test seam: the network (--mock answers without it). */
  fetch?: Fetch;
}

/**
 * The one place wait's and get's output passes: every text written, on either stream, has the token
 * replaced once it is known. A server can echo it into any value or property name of an answer.
 */
export function redactingStream(stream: TextStream, token: () => string | undefined): TextStream {
  const write = (text: string) => {
    const secret = tokenSecret(token());
    // Output is often JSON, where a token's `"` and `\` appear escaped.
    const secrets = secret === undefined ? [] : [secret, asInJson(secret)];
    return stream.write(redactCredentials(redact(text, secrets)));
  };
  return { isTTY: stream.isTTY, write };
}

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

/**
 * This process as the command's io: its environment and streams, with Ctrl-C aborting the signal (runCli
 * reports any run its signal ended as interrupted, exit 130, whatever the abort's reason).
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  return {
    env: process.env,
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    signal: controller.signal,
  };
}

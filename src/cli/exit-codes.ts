import { GraphError, InvalidArgumentError, OperationFailedError, OperationTimeoutError } from "../index.ts";
import { TokenError } from "./token.ts";
import { UsageError } from "./usage-error.ts";

/** The exit codes `graph-lro --help` documents. `internal` is sysexits' EX_SOFTWARE: a bug must not read as 1, "failed". */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, timeout: 3, http: 4, internal: 70, interrupted: 130 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ctrl-C: what the command was doing is abandoned. */
export class InterruptedError extends Error {
  override name = "InterruptedError";

  constructor() {
    super("interrupted");
  }
}

/**
 * The exit code for an error, by the library's and the CLI's own error types. Anything else
 * (a TypeError included) is a bug, 70. User input is checked where it is read (cli-values.ts);
 * a library argument check that still fires (InvalidArgumentError) is a usage error too.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof UsageError || error instanceof InvalidArgumentError) return EXIT.usage;
  if (error instanceof OperationFailedError) return EXIT.failed;
  if (isTimeout(error)) return EXIT.timeout;
  if (error instanceof GraphError || error instanceof TokenError) return EXIT.http;
  return EXIT.internal;
}

/** The poller's timeout, or the client's `timeoutMs` (which aborts with a `TimeoutError` DOMException). */
export function isTimeout(error: unknown): boolean {
  return error instanceof OperationTimeoutError || (error instanceof Error && error.name === "TimeoutError");
}

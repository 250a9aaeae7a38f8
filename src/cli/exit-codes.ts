import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { InterruptedError } from "../errors/interrupted-error.ts";
import { TokenError } from "../errors/token-error.ts";
import { UsageError } from "../errors/usage-error.ts";
import { GraphError, InvalidArgumentError, OperationFailedError, OperationTimeoutError } from "../index.ts";
import type { CommandName } from "../types/command-name.ts";

/**
 * The exit codes, each with its line in the usage: the one table that code and `--help` read.
 * `unavailable` and `internal` are sysexits' EX_UNAVAILABLE and EX_SOFTWARE, kept apart from 1, "failed".
 */
const CODES = {
  succeeded: [0, "succeeded (get: the operation was read; mock: stopped by Ctrl-C)"],
  failed: [1, "failed"],
  usage: [2, "usage error"],
  timeout: [3, "timeout"],
  http: [4, "HTTP or auth error"],
  unavailable: [69, "cannot listen (mock: the port is taken, or the address is not this machine's)"],
  internal: [70, `unexpected error, a bug (sysexits' EX_SOFTWARE, kept apart from 1 "failed")`],
  interrupted: [130, "interrupted"],
} as const;

type ExitName = keyof typeof CODES;

/** The exit codes by name. */
export const EXIT = Object.fromEntries(Object.entries(CODES).map(([name, [code]]) => [name, code])) as {
  readonly [K in ExitName]: (typeof CODES)[K][0];
};

export type ExitCode = (typeof EXIT)[ExitName];

/** The usage's `Exit codes:` block: all of them, or those a command can end with. */
export function exitCodeLines(names: readonly ExitName[] = Object.keys(CODES) as ExitName[]): string {
  return ["Exit codes:", ...names.map((name) => `  ${String(CODES[name][0]).padEnd(5)}${CODES[name][1]}`)].join("\n");
}

/**
 * The exit code for an error, by the library's and the CLI's own error types. Anything else
 * (a TypeError included) is a bug, 70. User input is checked where it is read (run-options.ts, operation-command.ts);
 * a library argument check that still fires (InvalidArgumentError) is a usage error too.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof UsageError || error instanceof InvalidArgumentError || isRefusedRequest(error))
    return EXIT.usage;
  if (error instanceof OperationFailedError) return EXIT.failed;
  // The poller's timeout, or the client's `timeoutMs` (which aborts with a `TimeoutError` DOMException).
  if (error instanceof OperationTimeoutError || (error instanceof Error && error.name === "TimeoutError"))
    return EXIT.timeout;
  if (error instanceof GraphError || error instanceof TokenError) return EXIT.http;
  return EXIT.internal;
}

/**
 * A request that --mock refused as the spec does not allow it: the user's, as the client sends the path and
 * query of the URL given (a query option the operation does not declare, say), which Graph may ignore but the
 * mock, holding to the spec, names. An answer that breaks the spec is a bug to name (exit 70).
 */
export const isRefusedRequest = (error: unknown): error is ContractViolationError =>
  error instanceof ContractViolationError && error.subject.startsWith("request ");

/** The line after a usage error: where its command's help is. */
export const usageHint = (command: CommandName | undefined) =>
  `Run ${command ? `graph-lro ${command} --help` : "graph-lro --help"} for usage.`;

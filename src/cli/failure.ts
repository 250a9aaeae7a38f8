import { InterruptedError } from "../errors/interrupted-error.ts";
import { UsageError } from "../errors/usage-error.ts";
import {
  GraphError,
  InvalidArgumentError,
  OperationFailedError,
  OperationTimeoutError,
  OutcomeUnknownError,
  type PollState,
} from "../index.ts";
import { redactCredentials } from "../text/redact.ts";
import { bounded, clip } from "../text/terminal-text.ts";
import { EXIT, exitCodeFor, isRefusedRequest, usageHint } from "./exit-codes.ts";
import { networkCause } from "./network-cause.ts";
import type { Failure } from "./render.ts";
import { type CliCommand, formatDuration, getTimeoutMs } from "./run-options.ts";

/** What the run knew when it failed: its command line, the command read from it, the last poll state (to resume). */
export interface FailureContext {
  argv: readonly string[];
  command: CliCommand | undefined;
  state: PollState | undefined;
  /** A start that has no Location yet: its POST may have been sent, so its command line is no resume. */
  startUnanswered?: boolean;
}

/**
 * Describes an error for people and for scripts. The exit code is exitCodeFor's. Server text is cut
 * to a line's worth here, whatever its size; the token is replaced where every line is written.
 */
export function describeFailure(error: unknown, context: FailureContext): Failure {
  const exit = exitCodeFor(error);
  const fail = (code: string, message: string, fields: Record<string, unknown> = {}, hints: string[] = []) => ({
    exit,
    code,
    message: clip(message, MAX_TEXT),
    // A failed operation's summary has said it already.
    quiet: error instanceof OperationFailedError,
    hints,
    fields: bounded(fields, MAX_DEPTH, "…", (text) => clip(text, MAX_TEXT)) as Record<string, unknown>,
  });
  const resume = `graph-lro ${context.argv.map(shellWord).join(" ")}`;
  const resumeHints = (lead: string) => [
    `${lead}: ${resume}`,
    ...(context.argv.some(isHeader) ? ["(type the --header values again: they are not printed)"] : []),
  ];
  if (error instanceof InterruptedError) {
    const { state } = context;
    if (context.startUnanswered) {
      return fail("interrupted", `interrupted; whether the operation started is unknown ${CHECK_FIRST}`);
    }
    const where = state
      ? ` after ${state.attempt} poll${state.attempt === 1 ? "" : "s"}, last status ${state.lastStatus ?? "unknown"}`
      : "";
    return fail("interrupted", `interrupted${where}`, { state, resume }, state ? resumeHints("To resume") : []);
  }
  if (error instanceof UsageError || error instanceof InvalidArgumentError) {
    return fail("usageError", error.message, {}, [usageHint(error instanceof UsageError ? error.command : undefined)]);
  }
  if (isRefusedRequest(error)) {
    const message = `--mock checks requests against the spec: ${error.subject} ${error.pointer} ${error.problem}`;
    return fail("usageError", message, {}, [usageHint(context.command?.command)]);
  }
  if (error instanceof OperationFailedError) {
    const { id, statusDetail } = error.operation;
    const message = `operation ${id ?? "(no id)"} failed: ${some(statusDetail) ?? "(no statusDetail)"}`;
    return fail("operationFailed", message, { operationId: id, statusDetail });
  }
  if (error instanceof OperationTimeoutError) {
    const fields = { timeoutMs: error.timeoutMs, lastStatus: error.state.lastStatus, state: error.state, resume };
    const message = `${error.message} (--timeout ${formatDuration(error.timeoutMs)})`;
    return fail("timeout", message, fields, resumeHints("To keep waiting"));
  }
  if (exit === EXIT.timeout) {
    // The client's timeout, which bounds get's one request (wait's is the poller's, above).
    const timeoutMs = context.command && getTimeoutMs(context.command);
    const limit = formatDuration(timeoutMs ?? 0);
    return fail("timeout", `no answer within ${timeoutMs} ms (--timeout ${limit})`, { timeoutMs });
  }
  if (!(error instanceof GraphError)) {
    if (exit === EXIT.http) return fail("tokenError", (error as Error).message);
    // One line, no stack: the message is what a bug report needs, and a stack would bury it.
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return fail("internalError", `unexpected error: ${what.split("\n")[0]}`);
  }
  const { status, requestId, clientRequestId, date, retryAfterMs, method, url } = error;
  const fields = { status, requestId, clientRequestId, date, retryAfterMs, method, url };
  // A start that got no clear answer: say so, whatever else is said (decision 0021).
  const unknown =
    error instanceof OutcomeUnknownError
      ? `; whether the operation started is unknown: it was sent once, not retried ${CHECK_FIRST}`
      : "";
  if (status === 0 && error.code === "networkError") {
    const cause = networkCause(error);
    const host = URL.canParse(url) ? new URL(url).host : url;
    return fail(error.code, `cannot reach ${host}: ${cause ?? "network error"}${unknown}`, { ...fields, cause });
  }
  const { command } = context;
  const who = command?.mock ? "the built-in mock" : command?.baseUrl ? "the server" : "Graph";
  // Graph's own words are what people need; the library keeps them in the body only.
  const said = some(error.body?.error?.message);
  if (said === undefined) return fail(error.code, `${who} answered: ${error.message}`, fields);
  const id = requestId ? `, request-id ${requestId}` : "";
  return fail(error.code, `${who} answered ${status} ${error.code}: ${said} (${method} ${url}${id})${unknown}`, fields);
}

const CHECK_FIRST = "(check before starting it again)";

/** A server's text, if it is some, cut to a line's worth. */
const some = (text: unknown) => (typeof text === "string" && text !== "" ? clip(text) : undefined);

/** The longest message or field of a failure: room for a URL and a request-id, not for a server's megabyte. */
const MAX_TEXT = 2_000;
/** How deep a failure's fields are copied: a state or an answer's value, not a nesting bomb. */
const MAX_DEPTH = 16;

/**
 * An argument as a POSIX shell reads it back. The --token-command's value and each --header's value
 * stay out (they may hold a secret): the line says where they go, and the user types them again.
 */
function shellWord(arg: string, i: number, argv: readonly string[]): string {
  if (argv[i - 1] === "--token-command") return "'<your token command>'";
  if (arg.startsWith("--token-command=")) return "--token-command='<your token command>'";
  if (argv[i - 1] === "--header") return quote(elideValue(arg));
  if (arg.startsWith("--header=")) return `--header=${quote(elideValue(arg.slice("--header=".length)))}`;
  return quote(redactCredentials(arg));
}

const isHeader = (arg: string) => arg === "--header" || arg.startsWith("--header=");

/** `Name: value` as `Name: …`: "…" is no header value, so a pasted line is refused rather than sent. */
const elideValue = (header: string) => `${header.slice(0, Math.max(header.indexOf(":"), 0)).trim()}: …`;

const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

import { UsageError } from "../errors/usage-error.ts";
import {
  createGraphLroClient,
  OperationFailedError,
  type OperationRef,
  type PollState,
  type PollTarget,
  pollOperation,
  type RetryEvent,
  resolveBaseUrl,
  startOperation,
} from "../index.ts";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../openapi/evolvable-enum.ts";
import { sleep } from "../util/time/sleep.ts";
import { EXIT } from "./exit-codes.ts";
import type { CliIo } from "./io.ts";
import type { Shown } from "./lines.ts";
import { loadMock } from "./load-mock.ts";
import { observedFetch } from "./observed-fetch.ts";
import type { Reporter } from "./render.ts";
import { type CliCommand, getTimeoutMs } from "./run-options.ts";
import { readToken } from "./token.ts";

/**
 * Where a run stands, for the failure report: the token read (to redact), a start's Location (to resume its
 * wait by) and the last poll state (to resume from).
 */
export interface RunProgress {
  token?: string;
  location?: string;
  state?: PollState;
}

/** Runs `wait`, `get` or a start; resolves to the exit code of a success, throws anything else. */
export async function runCommand(command: CliCommand, io: CliIo, reporter: Reporter, progress: RunProgress) {
  const now = io.now ?? Date.now;
  const { mock, cloud, baseUrl } = command;
  // --mock <story> asks the mock for it as any client can, with Prefer (which --header may also send).
  const story: [string, string][] = mock?.story ? [["Prefer", `story=${mock.story}`]] : [];
  // Also a --header of the list: observedFetch replaces the client's Prefer with the list's, so it must hold both.
  const evolvable: [string, string][] = command.includeUnknownEnumMembers
    ? [["Prefer", INCLUDE_UNKNOWN_ENUM_MEMBERS]]
    : [];
  const headers = [...command.headers, ...evolvable, ...story];
  // A request or an answer that breaks the spec rejects (failure.ts tells the user's from a bug).
  const network = mock
    ? (await loadMock()).createPlainMockFetch({}, { onViolation: "throw" })
    : (io.fetch ?? ((request: Request) => globalThis.fetch(request)));
  const fetch = observedFetch(network, { headers, now, onExchange: (line) => reporter.exchange(line) });
  let token = await readToken(command.tokenCommand, io.env, io.signal);
  if (mock) token ??= "mock-token";
  progress.token = token;
  if (token === undefined)
    throw new UsageError("no token: set GRAPH_TOKEN, pass --token-command, or use --mock", command.command);
  const options = {
    cloud,
    baseUrl,
    token,
    fetch,
    includeUnknownEnumMembers: command.includeUnknownEnumMembers,
    // The one clock of the client's retries and, as the poller is given none of its own, of the polls.
    clock: { now, sleep: io.sleep ?? sleep },
    // Each answer the client retries, as the client reports it.
    onRetry: (retry: RetryEvent) => reporter.retry(retry),
  };
  // get's one request is bounded by the client; wait's polls by the poller alone.
  const client = createGraphLroClient({
    ...options,
    timeoutMs: command.command === "get" ? getTimeoutMs(command) : undefined,
  });
  let target: PollTarget | undefined = command.target;
  if (command.start) {
    const { name, input, show, wait: waits } = command.start;
    // A start's POST is bounded by --timeout, with --wait too; its polls, as wait's, by the poller alone.
    const starter = waits ? createGraphLroClient({ ...options, timeoutMs: getTimeoutMs(command) }) : client;
    const started = await startOperation(starter, name, input as never, { signal: io.signal });
    const { location, status, retryAfterMs, requestId, clientRequestId } = started;
    reporter.operation({ start: name, status, location, retryAfterMs, requestId, clientRequestId });
    progress.location = location;
    // A secret the 202 returns (a generated password), only when asked, on stdout: never through a log line.
    const body = (started.body ?? {}) as Record<string, unknown>;
    for (const secret of show) reporter.operation({ [secret]: body[secret] ?? null });
    if (!waits) return EXIT.succeeded;
    target = started;
  }
  target ??= (await loadMock()).defaultMockTarget(resolveBaseUrl({ cloud }).href);
  const { select, timeoutMs } = command;
  if (command.command === "get") {
    // Never a start's 202 here: a start that does not wait has returned.
    const { operation } = await client.getOperation(target as OperationRef | string, { select, signal: io.signal });
    reporter.operation(operation);
    return EXIT.succeeded;
  }
  let last: { operation: Shown; attempt: number; elapsedMs: number } = { operation: {}, attempt: 0, elapsedMs: 0 };
  for await (const polled of pollOperation(client, target, {
    select,
    timeoutMs,
    signal: io.signal,
    // A throttled answer the client gave up on, waited out here (the client's own retries come through onRetry).
    onProgress: (_, event) => {
      if (event.kind === "retry" && event.by === "poller") reporter.retry(event);
    },
  })) {
    last = polled;
    progress.state = polled.state;
    reporter.state(polled.operation, polled);
  }
  reporter.done(last.operation, last.elapsedMs, last.attempt);
  if (last.operation.status === "failed")
    throw new OperationFailedError(last.operation as ConstructorParameters<typeof OperationFailedError>[0]);
  return EXIT.succeeded;
}

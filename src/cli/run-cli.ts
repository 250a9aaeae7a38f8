import { exec } from "node:child_process";
import { promisify } from "node:util";
import { spec } from "../../generated/graph-lro.spec.ts";
import { bearerHeader } from "../client/bearer.ts";
import { createGraphLroClient, type GraphLroClient } from "../client/create-client.ts";
import type { OperationRef } from "../client/operation-routes.ts";
import { parseOperationUrl } from "../client/parse-operation-url.ts";
import { GraphError } from "../errors/graph-error.ts";
import { OperationFailedError } from "../poller/operation-failed-error.ts";
import { OperationTimeoutError } from "../poller/operation-timeout-error.ts";
import { pollOperation } from "../poller/poll-operation.ts";
import { POLL_DEFAULTS } from "../poller/poll-options.ts";
import { type CliCommand, parseCliArgs, UsageError } from "./cli-args.ts";
import { HELP } from "./help.ts";
import { liveLine, progressLine, summary } from "./render.ts";

/** `internal` is sysexits' EX_SOFTWARE: a bug (ours or the mock's) must not read as 1, "the operation failed". */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, timeout: 3, http: 4, internal: 70, interrupted: 130 } as const;

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  now?: () => number;
}

/** Runs `graph-lro …` and returns its exit code. Never prints the token. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  if (argv.length === 0) {
    err(HELP);
    return EXIT.usage;
  }
  let command: CliCommand | "help" | undefined;
  try {
    command = parseCliArgs(argv);
    if (command === "help") {
      out(HELP);
      return EXIT.succeeded;
    }
    // The poller bounds wait; get's one request (with its retries) is bounded by the client.
    const getTimeoutMs = command.command === "get" ? (command.timeoutMs ?? POLL_DEFAULTS.timeoutMs) : undefined;
    const client = await clientFor(command, io, getTimeoutMs);
    const target = command.target ?? defaultMockTarget();
    if (command.command === "get") {
      const { operation } = await client.getOperation(target, { select: command.select, signal: io.signal });
      out(JSON.stringify(operation, null, command.json ? undefined : 2));
      return EXIT.succeeded;
    }
    return await wait(client, target, command, io);
  } catch (error) {
    if (io.signal.aborted) {
      err("interrupted");
      return EXIT.interrupted;
    }
    if (error instanceof UsageError || error instanceof TypeError || error instanceof RangeError) {
      err(`graph-lro: ${error.message}`);
      if (error instanceof UsageError) err("Run graph-lro --help for usage.");
      return EXIT.usage;
    }
    if (error instanceof OperationFailedError) return EXIT.failed;
    if (error instanceof OperationTimeoutError) {
      err(`graph-lro: ${error.message}`);
      return EXIT.timeout;
    }
    // The client's timeoutMs aborts with AbortSignal.timeout's reason.
    if (error instanceof Error && error.name === "TimeoutError" && typeof command === "object") {
      err(`graph-lro: no answer within ${command.timeoutMs ?? POLL_DEFAULTS.timeoutMs} ms`);
      return EXIT.timeout;
    }
    if (error instanceof GraphError || error instanceof TokenError) {
      err(`graph-lro: ${error.message}`);
      return EXIT.http;
    }
    // One line, no stack: the message is what a bug report needs, and a stack would bury it.
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    err(`graph-lro: unexpected error: ${what.split("\n")[0]}`);
    return EXIT.internal;
  }
}

async function wait(
  client: GraphLroClient,
  target: string | OperationRef,
  command: CliCommand,
  io: CliIo,
): Promise<number> {
  const now = io.now ?? Date.now;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const live = io.stdout.isTTY === true && !command.json;
  let shown:
    | { operation: { status?: string | null }; attempt: number; startedAt: number; nextPollAt?: number }
    | undefined;
  const redraw = () =>
    shown &&
    io.stdout.write(
      `\r\x1b[2K${liveLine(shown.operation, shown.attempt, now() - shown.startedAt, shown.nextPollAt, now())}`,
    );
  const ticker = live ? setInterval(redraw, 250) : undefined;
  let last: Parameters<typeof summary>[0] = {};
  let polls = 0;
  let elapsedMs = 0;
  try {
    for await (const polled of pollOperation(client, target, {
      select: command.select,
      timeoutMs: command.timeoutMs,
      signal: io.signal,
      now,
    })) {
      last = polled.operation;
      polls = polled.attempt;
      elapsedMs = polled.elapsedMs;
      if (command.json) {
        const { attempt, nextPollInMs, operation } = polled;
        out(JSON.stringify({ status: operation.status, attempt, elapsedMs, nextPollInMs, operation }));
      } else if (live) {
        const nextPollAt = polled.nextPollInMs === undefined ? undefined : now() + polled.nextPollInMs;
        shown = { operation: polled.operation, attempt: polled.attempt, startedAt: polled.state.startedAt, nextPollAt };
        redraw();
      } else {
        out(progressLine(polled.operation, polled));
      }
    }
  } finally {
    clearInterval(ticker);
    if (live && shown) io.stdout.write("\n");
  }
  if (!command.json) out(summary(last, elapsedMs, polls));
  return last.status === "failed" ? EXIT.failed : EXIT.succeeded;
}

async function clientFor(command: CliCommand, io: CliIo, timeoutMs: number | undefined): Promise<GraphLroClient> {
  if (command.mock !== undefined) {
    const operationId = mockOperationId(command.target ?? defaultMockTarget(), command);
    const { createGraphLroHandlers, createMockFetch } = await importMock();
    const handlers = createGraphLroHandlers({ stories: { [operationId]: command.mock } });
    const token = io.env.GRAPH_TOKEN || "mock-token";
    // A request that breaks the spec is a bug to name (exit 70), not an answer to show.
    const fetch = createMockFetch(handlers, { onViolation: "throw" });
    return createGraphLroClient({ fetch, token, timeoutMs });
  }
  const token = await readToken(command, io);
  return createGraphLroClient({ cloud: command.cloud, baseUrl: command.baseUrl, token, timeoutMs });
}

/**
 * The mock needs msw, an optional peer dependency of the package: loaded for --mock only, so that
 * an install without msw still runs everything else.
 */
async function importMock() {
  try {
    return await import("../mock/index.ts");
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND" || !String(error).includes("msw")) throw error;
    throw new UsageError("--mock needs the msw package (an optional peer dependency): npm install msw@2");
  }
}

/** With --mock and no operation named: the spec's first example operation of its first path. */
function defaultMockTarget(): OperationRef {
  const example = spec.components.examples.alertRefreshRunning.value;
  return { kind: "roleManagementAlert", operationId: example.id };
}

function mockOperationId(target: string | OperationRef, command: CliCommand): string {
  if (typeof target !== "string") return target.operationId;
  return parseOperationUrl(target, { cloud: command.cloud, baseUrl: command.baseUrl }).ref.operationId;
}

/** No usable token: the token command failed, or what it (or GRAPH_TOKEN) gave cannot be sent. Exit code 4, as
 * an auth error. Its output is not shown, since it may hold secrets. */
class TokenError extends Error {
  override name = "TokenError";
}

async function readToken(command: CliCommand, io: CliIo): Promise<string> {
  if (command.tokenCommand === undefined) {
    if (io.env.GRAPH_TOKEN) return usableToken(io.env.GRAPH_TOKEN, "GRAPH_TOKEN");
    throw new UsageError("no token: set GRAPH_TOKEN, pass --token-command, or use --mock");
  }
  let stdout: string;
  try {
    ({ stdout } = await promisify(exec)(command.tokenCommand, {
      timeout: 60_000,
      env: io.env as NodeJS.ProcessEnv,
      // Ctrl-C kills the command too, even when SIGINT reached only this process.
      signal: io.signal,
    }));
  } catch (error) {
    if (io.signal.aborted) throw error;
    const code = (error as { code?: unknown }).code;
    throw new TokenError(`--token-command failed (exit code ${String(code)}); run it alone to see why`);
  }
  const token = stdout.trim();
  if (!token) throw new TokenError("--token-command printed no token");
  return usableToken(token, "--token-command");
}

/**
 * The client refuses a token no header can carry (`Bearer x` included) with a TypeError, which the CLI would
 * report as a usage error: here it is an auth error. Not repaired (no "Bearer " stripped), as the client does not.
 */
function usableToken(token: string, source: string): string {
  try {
    bearerHeader(token);
  } catch (error) {
    throw new TokenError(`${source} gave an unusable token: ${(error as Error).message}`);
  }
  return token;
}

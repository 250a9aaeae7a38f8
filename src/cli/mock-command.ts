import { readFile } from "node:fs/promises";
import { UsageError } from "../errors/usage-error.ts";
import {
  ADMIN_PREFIX,
  builtInStories,
  corsByDefault,
  createGraphLroHandlers,
  exampleIds,
  exampleOperations,
  exampleOperationUrl,
  exampleStartCurls,
  formatCoverage,
  formatExchange,
  MOCK_HOST,
  MOCK_PORT,
  type MockExchange,
  type MockServer,
  readStoriesFile,
  type StoriesFile,
  StoriesFileError,
  startMockServer,
} from "../mock/index.ts";
import { terminalSafe } from "../text/terminal-text.ts";
import { type CliOption, optionLines, readArgs } from "./command-line.ts";
import { EXIT, type ExitCode, exitCodeLines, usageHint } from "./exit-codes.ts";
import type { CliIo } from "./io.ts";
import { MOCK_ROOT } from "./run-options.ts";

const STORIES = Object.keys(builtInStories).join(", ");

/** The flags of `graph-lro mock`; the only list of them (parser and usage read it). */
const MOCK_OPTIONS = {
  port: { type: "string", value: "<n>", help: [`port to listen on; 0 picks a free one (default ${MOCK_PORT})`] },
  host: { type: "string", value: "<addr>", help: [`address to listen on (default ${MOCK_HOST}: this machine only)`] },
  "no-strict": {
    type: "boolean",
    help: ["do not check requests and answers against the spec (answers stay the same)"],
  },
  stories: {
    type: "string",
    value: "<file>",
    help: [
      "a JSON file of your own stories by operation id, also chosen by -H 'Prefer: story=<key>'",
      "(its JSON Schema: storiesFileSchema() of graph-lro/mock; checked on start)",
    ],
  },
  cors: {
    type: "boolean",
    help: [
      "CORS headers for browser apps on any --host; then any web page that a browser on the",
      "network opens can read the mock's answers (default: on for a loopback address only)",
    ],
  },
  "no-cors": { type: "boolean", help: ["no CORS headers for browser apps, even on a loopback address"] },
  quiet: { type: "boolean", help: ["no log line per request"] },
  help: { type: "boolean", short: "h", help: ["this text"] },
} as const satisfies Record<string, CliOption>;

/** `graph-lro mock --help`, its example URL the first operation's on the default port, any id. */
export function mockUsage(): string {
  const [first] = exampleOperations();
  const exampleUrl = first ? exampleOperationUrl(MOCK_ROOT, first, "any-id") : "";
  return `graph-lro mock: the spec's operations over HTTP, answering as Microsoft Graph would.

Usage: graph-lro mock [--port ${MOCK_PORT}] [--host ${MOCK_HOST}] [--no-strict] [--cors | --no-cors] [--stories <file>] [--quiet]

Options:
${optionLines(MOCK_OPTIONS)}

Examples:
  graph-lro mock --port 0
  graph-lro mock --stories stories.json     # {"op-1": [{"kind": "operation", "status": "running"}, …]}
  curl -H 'Authorization: Bearer x' -H 'Prefer: story=progress' ${exampleUrl}
  curl -X POST http://${MOCK_HOST}:${MOCK_PORT}${ADMIN_PREFIX}reset     # starts every story over

Stories (-H 'Prefer: story=<name>'): ${STORIES}.
Runs until Ctrl-C, then prints which of the spec's declared responses were served.

${exitCodeLines(["succeeded", "usage", "unavailable", "internal"])}`;
}

/** Runs `graph-lro mock <argv>` until `io.signal` aborts, and returns its exit code (mockUsage() lists them). */
export async function runMockCommand(
  argv: readonly string[],
  io: Pick<CliIo, "stdout" | "stderr" | "signal">,
): Promise<ExitCode> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  // As wait and get print an error; what argv holds is shown, never acted on (terminalSafe).
  const err = (...lines: string[]) => io.stderr.write(`graph-lro: ${lines.map(terminalSafe).join("\n")}\n`);
  let args: MockArgs | "help";
  try {
    args = parseMockArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message, usageHint("mock"));
    return EXIT.usage;
  }
  if (args === "help") {
    out(mockUsage());
    return EXIT.succeeded;
  }
  const { port, host } = args;
  let stories: StoriesFile | undefined;
  if (args.stories !== undefined) {
    try {
      stories = readStoriesFile(await readFile(args.stories, "utf8"));
    } catch (error) {
      const why = error instanceof StoriesFileError ? error.message : `cannot read it: ${(error as Error).message}`;
      err(`--stories ${args.stories}: ${why}`);
      return EXIT.usage;
    }
  }
  let server: MockServer;
  try {
    const onExchange = args.quiet ? undefined : (exchange: MockExchange) => out(formatExchange(exchange));
    const handlers = createGraphLroHandlers({ strict: args.strict, ...(stories && { stories }) });
    server = await startMockServer({ port, host, handlers, cors: args.cors, onExchange });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === "EADDRINUSE" ? `port ${port} is in use (--port 0 picks a free one)` : String(code ?? error);
    err(`cannot listen on ${host}:${port}: ${why}`);
    return EXIT.unavailable;
  }
  out(banner(server, args));
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  out(formatCoverage(server.handlers.coverage()));
  await server.close();
  out("graph-lro mock stopped");
  return EXIT.succeeded;
}

type MockArgs = Exclude<ReturnType<typeof parseMockArgs>, "help">;

/** The options, or "help" (`--help` anywhere wins); throws a UsageError naming the first mistake. */
function parseMockArgs(argv: readonly string[]) {
  const { values: flag, positionals, problem } = readArgs(argv, MOCK_OPTIONS, { command: "mock" });
  if (flag.help) return "help";
  if (problem) throw problem;
  if (flag.cors && flag["no-cors"]) throw new UsageError("--cors and --no-cors cannot be given together");
  if (flag.stories === "") throw new UsageError("--stories needs a file");
  if (positionals[0] !== undefined) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: graph-lro mock takes options only`);
  }
  if (flag.host === "") throw new UsageError("--host needs a value");
  if (flag.port !== undefined && (!/^\d{1,5}$/.test(flag.port) || Number(flag.port) > 65535)) {
    throw new UsageError(`--port must be an integer from 0 to 65535, not ${JSON.stringify(flag.port)}`);
  }
  return {
    port: flag.port === undefined ? MOCK_PORT : Number(flag.port),
    host: flag.host ?? MOCK_HOST,
    strict: !flag["no-strict"],
    cors: flag.cors ? true : flag["no-cors"] ? false : undefined,
    stories: flag.stories,
    quiet: flag.quiet === true,
  };
}

/** What the server is, with a curl line per operation whose id answers 200, the stories, and the reset. */
function banner(server: MockServer, args: MockArgs): string {
  const origin = new URL(server.url).origin;
  const cors = args.cors ?? corsByDefault(args.host);
  const mode = `${args.strict ? "strict contract checks" : "no contract checks"}, CORS ${cors ? "on" : "off"}`;
  const tries = exampleOperations().flatMap((operation) =>
    exampleIds(operation)
      .slice(0, 1)
      .map(
        ({ id }) =>
          `  curl -H 'Authorization: Bearer x' '${exampleOperationUrl(server.url, operation, id).replaceAll("'", "%27")}'`,
      ),
  );
  return [
    `graph-lro mock listening on ${server.url} (${mode})`,
    "Try (each id answers 200 with the spec's example of that id):",
    ...tries,
    "Start one (202; its Location then plays a story, -H 'Prefer: story=<name>' on the POST to choose):",
    ...exampleStartCurls(server.url),
    `Stories: add -H 'Prefer: story=<name>' to a request with any id; one of ${STORIES}${args.stories === undefined ? "" : ", or a key of the --stories file"}.`,
    `Start every story over: curl -X POST ${origin}${ADMIN_PREFIX}reset (coverage so far: GET ${origin}${ADMIN_PREFIX}coverage)`,
    "Ctrl-C stops it and prints which of the spec's declared responses were served.",
  ].join("\n");
}

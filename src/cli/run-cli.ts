import { InterruptedError } from "../errors/interrupted-error.ts";
import { UsageError } from "../errors/usage-error.ts";
import { InvalidArgumentError } from "../index.ts";
import { MOCK_PORT } from "../mock/defaults.ts";
import { readArgs } from "./command-line.ts";
import { EXIT, exitCodeLines } from "./exit-codes.ts";
import { describeFailure } from "./failure.ts";
import { type CliIo, redactingStream } from "./io.ts";
import { loadMockCommand } from "./load-mock.ts";
import { OPERATION_OPTIONS, OPERATION_OVERVIEW, OPERATION_USAGE, readOperationCommand } from "./operation-command.ts";
import { createReporter, type Reporter } from "./render.ts";
import { type RunProgress, runCommand } from "./run-command.ts";
import { type CliCommand, TOKEN_HELP, withMockValue } from "./run-options.ts";
import { readStartCommand, START_COMMANDS, startUsage, waitArgv } from "./start-command.ts";
import { packageVersion } from "./version.ts";

export { EXIT } from "./exit-codes.ts";
export type { CliIo } from "./io.ts";

/** The commands; `help` and `--version` aside. */
export const COMMANDS = ["wait", "get", ...Object.keys(START_COMMANDS), "mock"] as const;

/** Whether `name` is a command: only then may a message or a hint name it (argv may hold a password). */
const isCommand = (name: unknown): name is string => COMMANDS.includes(name as string);

/** `graph-lro --help`. */
export const HELP = `graph-lro: wait for a Microsoft Graph (beta) long-running operation

Usage:
${[
  ...OPERATION_OVERVIEW,
  ...Object.keys(START_COMMANDS).map((command) => [
    `graph-lro ${command} … [--wait]`,
    "start one (POST), print its Location",
  ]),
  [`graph-lro mock [--port ${MOCK_PORT}]`, "the spec-derived mock over HTTP, for curl and SDKs"],
  ["graph-lro help [command]", "a command's options and examples"],
  ["graph-lro --version"],
]
  .map(([usage, what]) => (what ? `  ${(usage as string).padEnd(49)}  ${what}` : `  ${usage}`))
  .join("\n")}

Try: graph-lro wait --mock            (no Graph, no token: the built-in mock's progress story)

${TOKEN_HELP}

${exitCodeLines()}
`;

// wait and get never listen.
const RUN_EXIT_CODES = exitCodeLines(["succeeded", "failed", "usage", "timeout", "http", "internal", "interrupted"]);

/** The usage of a command (the mock's comes from its own module), or the overview. */
export function helpFor(command: string | undefined): string {
  if (command === "wait" || command === "get") return `${OPERATION_USAGE[command]}\n${RUN_EXIT_CODES}\n`;
  const start = command !== undefined && Object.hasOwn(START_COMMANDS, command) ? START_COMMANDS[command] : undefined;
  return start ? startUsage(start) : HELP;
}

/**
 * Parses `graph-lro …` (but `mock`, whose options its own command reads): the command to run, the help asked
 * for (`--help` anywhere wins), or the version. Throws a UsageError naming the first mistake.
 */
function parseCliArgs(argv: readonly string[]): CliCommand | { help: string | undefined } | "version" {
  const args = withMockValue(argv, COMMANDS);
  const { values, positionals, problem } = readArgs(args, OPERATION_OPTIONS, { commands: COMMANDS });
  const [first, ...rest] = positionals;
  if (first === "help") {
    const [topic, ...more] = rest;
    if (more.length > 0 || (topic !== undefined && !isCommand(topic))) {
      throw new UsageError(`help takes one command: ${COMMANDS.join(", ")}`);
    }
    return { help: topic };
  }
  if (values.help) return { help: isCommand(first) ? first : undefined };
  if (values.version) return "version";
  // A start's command has flags of its own (from the spec), read with its table.
  const start = first !== undefined && Object.hasOwn(START_COMMANDS, first) ? START_COMMANDS[first] : undefined;
  if (!start) {
    if (problem) throw problem;
    if (first === undefined) throw new UsageError(`no command: use ${COMMANDS.join(", ")}`);
    if (first === "mock")
      throw new UsageError(`mock comes first, with its own options: graph-lro mock --port ${MOCK_PORT}`, first);
    if (first !== "wait" && first !== "get") {
      throw new UsageError(`unknown command "${first}": use ${COMMANDS.join(", ")}`);
    }
  }
  try {
    return start
      ? readStartCommand(first as string, start, args)
      : readOperationCommand(first as "wait" | "get", rest, values);
  } catch (error) {
    // A flag's reader does not know the command, nor does a library check of an id or URL given (an
    // InvalidArgumentError): the command's usage is where to look.
    const commandless =
      error instanceof UsageError ? error.command === undefined : error instanceof InvalidArgumentError;
    throw commandless ? new UsageError((error as Error).message, first) : error;
  }
}

/** Runs `graph-lro …` and returns its exit code. Never prints the token. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(HELP);
    return EXIT.usage;
  }
  let command: CliCommand | undefined;
  let reporter: Reporter | undefined;
  const progress: RunProgress = {};
  // Whatever a server echoes, the token read is never written; before it is read (a usage error), GRAPH_TOKEN's.
  const token = () => progress.token ?? io.env.GRAPH_TOKEN?.trim();
  const output = {
    stdout: redactingStream(io.stdout, token),
    stderr: redactingStream(io.stderr, token),
    now: io.now ?? Date.now,
  };
  try {
    if (argv[0] === "mock") return await (await loadMockCommand()).runMockCommand(argv.slice(1), io);
    const request = parseCliArgs(argv);
    if (request === "version") {
      io.stdout.write(`graph-lro ${packageVersion()}\n`);
      return EXIT.succeeded;
    }
    if ("help" in request) {
      const text = request.help === "mock" ? (await loadMockCommand()).mockUsage() : helpFor(request.help);
      io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
      return EXIT.succeeded;
    }
    command = request;
    reporter = createReporter(output, command);
    return await runCommand(command, io, reporter, progress);
  } catch (error) {
    const { start } = command ?? {};
    const failure = describeFailure(io.signal.aborted ? new InterruptedError() : error, {
      // A start's wait resumes by its Location: the start's own command line would POST again.
      argv: start && progress.location ? waitArgv(withMockValue(argv, COMMANDS), start.name, progress.location) : argv,
      command,
      state: progress.state,
      startUnanswered: start !== undefined && progress.location === undefined,
    });
    // A command line that could not be read gets JSON if it asked for it.
    reporter ??= createReporter(output, { command: "get", json: argv.includes("--json"), verbose: false });
    reporter.failure(failure);
    return failure.exit;
  } finally {
    reporter?.close();
  }
}

import { UsageError } from "../errors/usage-error.ts";
import type { GraphCloud, OperationRef, SelectableProperty, StartName } from "../index.ts";
import type { BuiltInStoryName } from "../mock/stories.ts";
import { readArgs } from "./arg-tokens.ts";
import { readBaseUrl, readCloud, readHeaders, readSelect, readStory, readTarget, readTimeout } from "./cli-values.ts";
import { COMMANDS, type CommandName, isCommand } from "./commands.ts";
import { type FlagValues, OPTIONS } from "./options.ts";
import { readStartInput, START_COMMANDS, shownSecrets, startOptions } from "./start-command.ts";

export { COMMANDS, type CommandName } from "./commands.ts";

/** A `wait` or `get` command line, understood. */
export interface CliCommand {
  command: "wait" | "get";
  /** A Location URL, or a ref. Undefined only with --mock, which then picks an operation. */
  target: string | OperationRef | undefined;
  select: SelectableProperty[] | undefined;
  timeoutMs: number | undefined;
  cloud: GraphCloud | undefined;
  baseUrl: string | undefined;
  /** Extra request headers, in order (Authorization is refused). */
  headers: [string, string][];
  /** Send `Prefer: include-unknown-enum-members` (the client's `includeUnknownEnumMembers`). */
  includeUnknownEnumMembers: boolean;
  json: boolean;
  verbose: boolean;
  /** The built-in mock answers, playing `story` if one is set, else the spec's examples. */
  mock: { story: BuiltInStoryName | undefined } | undefined;
  tokenCommand: string | undefined;
  /** A start's command (`reset-password`): the start, its input, the secrets to print, and whether to wait. */
  start?: { name: StartName; input: Record<string, string>; show: string[]; wait: boolean };
}

/** What a command line asks for. */
export type CliRequest =
  | { kind: "help"; command: CommandName | undefined }
  | { kind: "version" }
  | { kind: "mock"; argv: readonly string[] }
  | { kind: "run"; command: CliCommand };

/** Parses `graph-lro …`; throws a UsageError naming the first mistake. `--help` anywhere wins. */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  // The mock server has options of its own, read by its command.
  if (argv[0] === "mock") return { kind: "mock", argv: argv.slice(1) };
  const { values, positionals, problem } = readArgs(withMockValue(argv), OPTIONS);
  const [first, ...rest] = positionals;
  if (first === "help") {
    const [topic, ...more] = rest;
    if (more.length > 0 || (topic !== undefined && !isCommand(topic))) {
      throw new UsageError(`help takes one command: ${COMMANDS.join(", ")}`);
    }
    return { kind: "help", command: topic };
  }
  if (values.help) return { kind: "help", command: isCommand(first) ? first : undefined };
  if (values.version) return { kind: "version" };
  // A start's command has flags of its own (from the spec), read with its table.
  const start = first !== undefined && Object.hasOwn(START_COMMANDS, first) ? START_COMMANDS[first] : undefined;
  if (start) return { kind: "run", command: readStart(first as string, start, argv) };
  if (problem) throw problem;
  if (first === undefined) throw new UsageError(`no command: use ${COMMANDS.join(", ")}`);
  if (first === "mock")
    throw new UsageError("mock comes first, with its own options: graph-lro mock --port 4010", first);
  if (first !== "wait" && first !== "get") {
    throw new UsageError(`unknown command "${first}": use ${COMMANDS.join(", ")}`);
  }
  try {
    return { kind: "run", command: readCommand(first, rest, values as Values) };
  } catch (error) {
    throw error instanceof UsageError && error.command === undefined ? new UsageError(error.message, first) : error;
  }
}

type Values = FlagValues<typeof OPTIONS>;

/** The options a start's command takes: its own (from the spec), and those of wait but the targets. */
const { user: _user, operation: _operation, "alert-operation": _alert, ...RUN_OPTIONS } = OPTIONS;

/** A start's command line (`graph-lro reset-password --user alice@contoso.com --wait`). */
function readStart(command: string, name: StartName, argv: readonly string[]): CliCommand {
  const { values, positionals, problem } = readArgs(withMockValue(argv), { ...RUN_OPTIONS, ...startOptions(name) });
  if (problem) throw problem;
  try {
    const own = values as Record<string, unknown>;
    const input = readStartInput(name, own, positionals.slice(1));
    const wait = own.wait === true;
    const read = readCommand(wait ? "wait" : "get", [], values as Values, true);
    return { ...read, start: { name, input, show: shownSecrets(name, own), wait } };
  } catch (error) {
    throw error instanceof UsageError && error.command === undefined ? new UsageError(error.message, command) : error;
  }
}

function readCommand(command: "wait" | "get", positionals: string[], values: Values, started = false): CliCommand {
  const cloud = readCloud(values.cloud);
  const baseUrl = readBaseUrl(values["base-url"]);
  if (cloud !== undefined && baseUrl !== undefined) throw new UsageError("give --cloud or --base-url, not both");
  const mocked = values.mock !== undefined;
  if (mocked && baseUrl !== undefined) {
    throw new UsageError(
      "--mock answers as Graph does, on any --cloud; --base-url is for a server such as graph-lro mock",
    );
  }
  const story = readStory(values.mock);
  const headers = readHeaders(values.header);
  const preferred = headers.some(([name]) => name.toLowerCase() === "prefer");
  if (story !== undefined && preferred) {
    throw new UsageError("name the story once: --mock <story>, or --header 'Prefer: story=<story>'");
  }
  // A start's operation is the one its POST starts.
  const target = started ? undefined : readTarget(positionals, values, { cloud, baseUrl }, mocked);
  return {
    command,
    target,
    select: readSelect(values.select),
    timeoutMs: readTimeout(values.timeout),
    cloud,
    baseUrl,
    headers,
    includeUnknownEnumMembers: values["include-unknown-enum-members"] ?? false,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    // With no operation named, the mock plays its progress story (unless a header chose one).
    mock: mocked ? { story: story ?? (target === undefined && !preferred ? "progress" : undefined) } : undefined,
    tokenCommand: values["token-command"],
  };
}

/**
 * `--mock` takes an optional story: `--mock`, `--mock=failed` and `--mock failed` all work. The next
 * argument is the story unless it is a flag, a command or a URL (a target), so that a mistyped
 * story is reported as one, not as a bad URL.
 */
function withMockValue(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) => {
    if (arg !== "--mock") return [arg];
    const next = argv[i + 1];
    const isStory = next !== undefined && !next.startsWith("-") && !next.includes("://") && !isCommand(next);
    return isStory ? [arg] : ["--mock="];
  });
}

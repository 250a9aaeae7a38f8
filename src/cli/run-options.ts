import leven from "leven";
import { UsageError } from "../errors/usage-error.ts";
import {
  type GraphCloud,
  type GraphTarget,
  InvalidArgumentError,
  type OperationRef,
  POLL_DEFAULTS,
  resolveBaseUrl,
  type SelectableProperty,
  type StartName,
} from "../index.ts";
import { MOCK_HOST, MOCK_PORT } from "../mock/defaults.ts";
import { type BuiltInStoryName, builtInStories } from "../mock/stories.ts";
import { servers } from "../spec/index.ts";
import { MAX_TIMER_MS } from "../util/time/sleep.ts";
import { type CliOption, type FlagValues, wrap } from "./command-line.ts";

// The flags every command that calls Graph takes (wait, get and the starts), and their readers: each turns one
// flag's text into what the client takes, or throws a UsageError naming the flag. The library's own checks run
// here, at the edge, so that later errors are never read as usage.

/** The spec's clouds, and the built-in mock's stories: what --cloud and --mock accept. */
/** The root `graph-lro mock` serves the first cloud's path under by default, as its help and examples quote it. */
export const MOCK_ROOT = `http://${MOCK_HOST}:${MOCK_PORT}${new URL(servers[0].url).pathname}`;
const CLOUDS: readonly string[] = servers.map((s) => s["x-graph-cloud"]);
const STORIES = Object.keys(builtInStories);
const DEFAULT_CLOUD = servers.find((s) => s.url === resolveBaseUrl({}).href)?.["x-graph-cloud"];
/** The units of a --timeout, in ms. */
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A command line that calls Graph, understood. */
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

/**
 * The timeout of `get` and of a start's POST, whose one request (with its retries) the client bounds;
 * `wait`'s is the poller's.
 */
export const getTimeoutMs = (command: CliCommand) => command.timeoutMs ?? POLL_DEFAULTS.timeoutMs;

/** The flags of every command that calls Graph; the only list of them (parser and usage read it). */
export const RUN_OPTIONS = {
  select: { type: "string", value: "<a,b>", help: ["$select; wait always adds status"] },
  timeout: {
    type: "string",
    value: "<duration>",
    help: [`give up after this long: 90, 90s, 5m, 1500ms (default ${formatDuration(POLL_DEFAULTS.timeoutMs)})`],
  },
  cloud: { type: "string", value: "<name>", help: [`${CLOUDS.join(", ")} (default ${DEFAULT_CLOUD})`] },
  "base-url": {
    type: "string",
    value: "<url>",
    help: [`another Graph root, such as graph-lro mock's: ${MOCK_ROOT}`],
  },
  header: {
    type: "string",
    multiple: true,
    value: "'Name: value'",
    help: [
      "send this header too (repeatable), such as 'Prefer: story=failed'",
      "for graph-lro mock; not Authorization",
    ],
  },
  "include-unknown-enum-members": {
    type: "boolean",
    help: ["ask for statuses added after unknownFutureValue (else sent as it)"],
  },
  json: { type: "boolean", help: ['JSON lines for scripts; a failure ends with {"error": {...}}'] },
  verbose: { type: "boolean", help: ["print each request and its answer on stderr (never the token)"] },
  mock: {
    type: "string",
    value: "[story]",
    help: [
      "answer from the built-in spec-derived mock instead of Graph, playing a story:",
      ...wrap(STORIES.join(", "), 72),
      "no target: progress; a target and no story: the spec's examples (other ids: 404)",
    ],
  },
  "token-command": {
    type: "string",
    value: '"<cmd>"',
    help: [
      "run this for the token, for example",
      "az account get-access-token --resource-type ms-graph --query accessToken -o tsv",
    ],
  },
  help: { type: "boolean", short: "h", help: ["this text"] },
  version: { type: "boolean", help: ["the version of graph-lro"] },
} as const satisfies Record<string, CliOption>;

/** The token's line of a usage. */
export const TOKEN_HELP =
  "The token comes from GRAPH_TOKEN or --token-command (not needed with --mock). It is never printed.";

/**
 * A command line's run flags, read: everything but what names the operation, which `target` reads (none for a
 * start, whose operation is the one its POST starts).
 */
export function readRunOptions(
  command: "wait" | "get",
  values: FlagValues<typeof RUN_OPTIONS>,
  target: (where: GraphTarget & { mocked: boolean }) => CliCommand["target"],
): CliCommand {
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
  const named = target({ cloud, baseUrl, mocked });
  return {
    command,
    target: named,
    select: readSelect(values.select),
    timeoutMs: readTimeout(values.timeout),
    cloud,
    baseUrl,
    headers,
    includeUnknownEnumMembers: values["include-unknown-enum-members"] ?? false,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    // With no operation named, the mock plays its progress story (unless a header chose one).
    mock: mocked ? { story: story ?? (named === undefined && !preferred ? "progress" : undefined) } : undefined,
    tokenCommand: values["token-command"],
  };
}

/**
 * `--mock` takes an optional story: `--mock`, `--mock=failed` and `--mock failed` all work. The next
 * argument is the story unless it is a flag, a command or a URL (a target), so that a mistyped
 * story is reported as one, not as a bad URL. `--mock` without a story reads as "".
 */
export function withMockValue(argv: readonly string[], commands: readonly string[]): string[] {
  return argv.flatMap((arg, i) => {
    if (arg !== "--mock") return [arg];
    const next = argv[i + 1];
    const isStory = next !== undefined && !next.startsWith("-") && !next.includes("://") && !commands.includes(next);
    return isStory ? [arg] : ["--mock="];
  });
}

function readCloud(text: string | undefined): GraphCloud | undefined {
  if (text !== undefined && !CLOUDS.includes(text)) {
    throw new UsageError(`unknown cloud "${text}" for --cloud: one of ${CLOUDS.join(", ")}`);
  }
  return text as GraphCloud | undefined;
}

/** A base URL is checked without echoing it: it may carry a password. */
function readBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.username || url?.password) {
    throw new UsageError("--base-url must not carry credentials (user:password@): the token has its own flags");
  }
  try {
    // It carries the token: wait, get and the starts send one (--mock takes no --base-url).
    resolveBaseUrl({ baseUrl: text }, true);
  } catch (error) {
    // The library's problem, which never quotes the URL, said of the flag.
    const problem = error instanceof InvalidArgumentError ? error.message.replace(/^baseUrl /, "") : "is unusable";
    throw new UsageError(`--base-url ${problem}, such as ${MOCK_ROOT}`);
  }
  return text;
}

function readStory(text: string | undefined): BuiltInStoryName | undefined {
  if (!text) return undefined;
  if (STORIES.includes(text)) return text as BuiltInStoryName;
  const near = STORIES.find((story) => leven(story.toLowerCase(), text.toLowerCase()) <= 2);
  const hint = near ? ` (did you mean ${near}?)` : "";
  throw new UsageError(`unknown story "${text}" for --mock${hint}: one of ${STORIES.join(", ")}`);
}

/** `a,b` → names; an empty name (`status,`) would only reach Graph as a confusing 400. */
function readSelect(text: string | undefined): SelectableProperty[] | undefined {
  const names = text?.split(",").map((s) => s.trim());
  if (names?.includes("")) throw new UsageError(`--select needs property names separated by commas, not "${text}"`);
  return names as SelectableProperty[] | undefined;
}

/** `90`, `90s`, `1500ms`, `5m`, `1h` → ms (a bare number is seconds). */
function readTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = match && Math.round(Number(match[1]) * UNITS[(match[2] ?? "s") as keyof typeof UNITS]);
  // Timers wait at most MAX_TIMER_MS (longer ones fire at once), and 0 would time out before asking.
  if (!ms || ms > MAX_TIMER_MS) {
    const hours = Math.floor(MAX_TIMER_MS / UNITS.h);
    throw new UsageError(
      `--timeout must be a duration from 1ms to ${hours}h, such as 90, 90s, 5m or 1500ms, not "${text}"`,
    );
  }
  return ms;
}

/** The shortest exact form of a duration: 900000 → `15m`, 1500 → `1500ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ["h", "m", "s"] as const) {
    if (ms % UNITS[unit] === 0) return `${ms / UNITS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// What a Headers value may hold (a ByteString), without line breaks or NUL.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** `Name: value` pairs. The token is refused here: it has its own route, and goes to Graph only. Values are never echoed. */
function readHeaders(given: readonly string[] | undefined): [string, string][] {
  return (given ?? []).map((text) => {
    const colon = text.indexOf(":");
    const name = text.slice(0, Math.max(colon, 0)).trim();
    const value = text.slice(colon + 1).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) {
      throw new UsageError("--header needs 'Name: value', such as --header 'Prefer: story=failed'");
    }
    if (name.toLowerCase() === "authorization") {
      throw new UsageError("--header cannot send Authorization: the token comes from GRAPH_TOKEN or --token-command");
    }
    if (!HEADER_VALUE.test(value))
      throw new UsageError(`--header ${name}: the value has a line break or a control character`);
    return [name, value];
  });
}

import { parseArgs } from "node:util";
import { servers } from "../../generated/graph-lro.routes.ts";
import type { GraphCloud } from "../client/clouds.ts";
import type { OperationRef } from "../client/operation-routes.ts";
import type { SelectableProperty } from "../client/operation-types.ts";
import { type BuiltInStoryName, builtInStories } from "../mock/stories.ts";

/** A command line, understood. */
export interface CliCommand {
  command: "wait" | "get";
  /** A Location URL, or a ref. Undefined only with --mock, which then picks an operation. */
  target: string | OperationRef | undefined;
  select: SelectableProperty[] | undefined;
  timeoutMs: number | undefined;
  cloud: GraphCloud | undefined;
  baseUrl: string | undefined;
  json: boolean;
  /** The built-in mock's story, when --mock is given. */
  mock: BuiltInStoryName | undefined;
  tokenCommand: string | undefined;
}

/** A command line that cannot be run; exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const CLOUDS = servers.map((s) => s["x-graph-cloud"]);
const STORIES = Object.keys(builtInStories) as BuiltInStoryName[];

/** Parses `graph-lro <command> …` into a command, or `"help"` when -h/--help is given. */
export function parseCliArgs(argv: readonly string[]): CliCommand | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(withMockValue(argv));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return "help";
  // parseArgs keeps the last of a repeated flag: `--alert-operation a --alert-operation b` would poll b unsaid.
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  if (positionals.length === 0) throw new UsageError("no command: use wait or get");
  const [command, ...rest] = positionals;
  if (command !== "wait" && command !== "get") throw new UsageError(`unknown command "${command}": use wait or get`);

  const mock = values.mock === undefined ? undefined : ((values.mock || "progress") as BuiltInStoryName);
  if (mock !== undefined && !STORIES.includes(mock)) {
    throw new UsageError(`unknown story "${values.mock}" for --mock: one of ${STORIES.join(", ")}`);
  }
  const cloud = values.cloud as GraphCloud | undefined;
  if (cloud !== undefined && !CLOUDS.includes(cloud)) {
    throw new UsageError(`unknown cloud "${cloud}" for --cloud: one of ${CLOUDS.join(", ")}`);
  }
  if (cloud !== undefined && values["base-url"] !== undefined)
    throw new UsageError("give --cloud or --base-url, not both");
  if (mock !== undefined && (cloud !== undefined || values["base-url"] !== undefined)) {
    throw new UsageError("--mock answers from the built-in mock, so --cloud and --base-url do not apply");
  }

  return {
    command,
    target: readTarget(rest, values, mock !== undefined),
    select: readSelect(values.select),
    timeoutMs: values.timeout === undefined ? undefined : parseDuration(values.timeout),
    cloud,
    baseUrl: values["base-url"],
    json: values.json ?? false,
    mock,
    tokenCommand: values["token-command"],
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      user: { type: "string" },
      operation: { type: "string" },
      "alert-operation": { type: "string" },
      select: { type: "string" },
      timeout: { type: "string" },
      cloud: { type: "string" },
      "base-url": { type: "string" },
      json: { type: "boolean" },
      mock: { type: "string" },
      "token-command": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** `--mock` takes an optional story: `--mock`, `--mock=failed` and `--mock failed` all work. */
function withMockValue(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) => {
    if (arg !== "--mock") return [arg];
    const next = argv[i + 1];
    return next !== undefined && STORIES.includes(next as BuiltInStoryName) ? [arg] : ["--mock="];
  });
}

function readTarget(
  rest: string[],
  values: { user?: string; operation?: string; "alert-operation"?: string },
  mock: boolean,
): CliCommand["target"] {
  const given = [
    rest.length > 0,
    values.user !== undefined || values.operation !== undefined,
    values["alert-operation"] !== undefined,
  ];
  if (given.filter(Boolean).length > 1 || rest.length > 1) {
    throw new UsageError("name one operation: a Location URL, --user with --operation, or --alert-operation");
  }
  if (rest[0] !== undefined) return rest[0];
  if (values["alert-operation"] !== undefined)
    return { kind: "roleManagementAlert", operationId: values["alert-operation"] };
  if (values.user !== undefined && values.operation !== undefined) {
    return { kind: "userAuthentication", userId: values.user, operationId: values.operation };
  }
  if (values.user !== undefined || values.operation !== undefined)
    throw new UsageError("--user and --operation go together");
  if (mock) return undefined;
  throw new UsageError("name the operation: a Location URL, --user with --operation, or --alert-operation");
}

/** `a,b` → names; an empty name (`status,`) would only reach Graph as a confusing 400. */
function readSelect(text: string | undefined): SelectableProperty[] | undefined {
  const names = text?.split(",").map((s) => s.trim());
  if (names?.includes("")) throw new UsageError(`--select needs property names separated by commas, not "${text}"`);
  return names as SelectableProperty[] | undefined;
}

/** `90`, `90s`, `1500ms`, `5m`, `1h` → ms. A bare number is seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--timeout must be a duration such as 90, 90s, 5m or 1500ms, not "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Math.round(Number(match[1]) * unit);
}

import { UsageError } from "../errors/usage-error.ts";
import { type OperationRef, parseOperationUrl } from "../index.ts";
import { routes, spec } from "../spec/index.ts";
import { assertPathId } from "../util/check/path-id.ts";
import { type CliOption, type FlagValues, idFlag, kebab, optionLines, wrap } from "./command-line.ts";
import { type CliCommand, MOCK_ROOT, RUN_OPTIONS, readRunOptions, TOKEN_HELP } from "./run-options.ts";

// `graph-lro wait` and `graph-lro get`: an operation named by its Location URL, or by a ref whose flags come
// from the routes table, so that an operation added to the spec gets its flags with no edit here.

/** The flags that name one operation of the routes table, in path order, each with the ref field it fills. */
export interface TargetFlags {
  kind: string;
  /** What the operation is, for people: its summary without the verb (`the operation of a …`). */
  about: string;
  flags: { flag: string; field: string }[];
}

/**
 * Each operation's flags: a parent path id by its ref field without `Id` (`userId` → `--user`, as a start's
 * flags are named), and the operation's own id as `--operation` when a parent says whose it is, else as
 * `--<last word of its kind>-operation` (`roleManagementAlert` → `--alert-operation`). An operation whose flags
 * another, earlier in the spec, already has takes its kind's whole name (`--role-management-alert-operation`).
 */
export function targetFlags(table: typeof routes = routes): TargetFlags[] {
  const targets: TargetFlags[] = [];
  const key = (flags: readonly string[]) => [...flags].sort().join(" ");
  for (const { kind, path, method, refFields } of Object.values(table)) {
    const fields: string[] = Object.values(refFields);
    // A name that wait and get already have (`cloudId` → `--cloud`) keeps its `Id` (`--cloud-id`).
    const parents = fields.slice(0, -1).map((field) => {
      const flag = idFlag(field);
      return { flag: Object.hasOwn(RUN_OPTIONS, flag) ? kebab(field) : flag, field };
    });
    const names = [
      ...(parents.length > 0 ? ["operation"] : []),
      `${kebab(kind).split("-").at(-1)}-operation`,
      `${kebab(kind)}-operation`,
    ];
    const taken = new Set(targets.map((t) => key(t.flags.map((f) => f.flag))));
    const own =
      names.find(
        (name) => !Object.hasOwn(RUN_OPTIONS, name) && !taken.has(key([...parents.map((p) => p.flag), name])),
      ) ?? (names.at(-1) as string);
    const paths = spec.paths as unknown as Record<string, Record<string, { summary?: string }>>;
    const summary = paths[path]?.[method]?.summary;
    const about = (summary ?? kind).replace(/^Get /, "").replace(/^./, (c) => c.toLowerCase());
    targets.push({ kind, about, flags: [...parents, { flag: own, field: fields.at(-1) as string }] });
  }
  return targets;
}

// Those with more flags first, as usage shows them: `--user <id> --operation <id>`, then `--alert-operation <id>`.
const TARGETS = targetFlags().sort((a, b) => b.flags.length - a.flags.length);

/** `--user <id> --operation <id>`: the flags of a target as a usage shows them. */
const usageOf = (target: TargetFlags) => target.flags.map(({ flag }) => `--${flag} <id>`).join(" ");

/** The target flags as an option table: each flag once, its help from the operation's summary in the spec. */
const TARGET_OPTIONS: Record<string, CliOption> = {};
for (const { about, flags } of TARGETS) {
  const own = flags.at(-1)?.flag as string;
  const others = (flag: string) => flags.filter((f) => f.flag !== flag).map((f) => `--${f.flag}`);
  for (const { flag } of flags) {
    const help =
      flags.length === 1
        ? [about]
        : flag === own
          ? [`the id of that operation (with ${others(flag).join(", ")})`]
          : wrap(`with --${own}: ${about}`, 72);
    TARGET_OPTIONS[flag] ??= { type: "string", value: "<id>", help };
  }
}

/** The flags of `wait` and `get`: the target's, then every run flag. */
export const OPERATION_OPTIONS = { ...TARGET_OPTIONS, ...RUN_OPTIONS };

/** How an operation may be named, as messages say it: `a Location URL, --user with --operation, or --alert-operation`. */
const WAYS = ["a Location URL", ...TARGETS.map((t) => t.flags.map(({ flag }) => `--${flag}`).join(" with "))]
  .join(", ")
  .replace(/, ([^,]*)$/, ", or $1");

/** The overview's lines for wait, get and their targets. */
export const OPERATION_OVERVIEW = [
  ["graph-lro wait <location-url>", "poll the Location of a 202 until it is terminal"],
  ...TARGETS.map((target) => [`graph-lro wait ${usageOf(target)}`, target.about]),
  ["graph-lro get  …", "one GET, printed as JSON (same targets)"],
];

/** A `wait` or `get` command line (after its name). */
export function readOperationCommand(
  command: "wait" | "get",
  positionals: readonly string[],
  values: FlagValues<typeof OPERATION_OPTIONS>,
): CliCommand {
  return readRunOptions(command, values, ({ mocked, ...where }) => {
    const url = positionals[0];
    const flags = values as Readonly<Record<string, unknown>>;
    const given = Object.keys(TARGET_OPTIONS).filter((flag) => flags[flag] !== undefined);
    if ((url !== undefined && given.length > 0) || positionals.length > 1) {
      throw new UsageError(`name one operation: ${WAYS}`);
    }
    if (url !== undefined) {
      parseOperationUrl(url, where);
      return url;
    }
    if (given.length === 0) {
      if (mocked) return undefined;
      throw new UsageError(`name the operation: ${WAYS}`);
    }
    // The operations whose flags include all those given: exactly one whose flags are all given is named.
    const near = TARGETS.filter((t) => given.every((flag) => t.flags.some((f) => f.flag === flag)));
    const named = near.find((t) => t.flags.length === given.length);
    if (!named) {
      const only = near.length === 1 ? near[0] : undefined;
      if (!only) throw new UsageError(`name one operation: ${WAYS}`);
      const flags = only.flags.map(({ flag }) => `--${flag}`);
      throw new UsageError(`${flags.slice(0, -1).join(", ")} and ${flags.at(-1)} go together`);
    }
    const ref: Record<string, string> = { kind: named.kind };
    for (const { flag, field } of named.flags) {
      const value = flags[flag] as string;
      assertPathId(`--${flag}`, value);
      ref[field] = value;
    }
    return ref as unknown as OperationRef;
  });
}

const operationUsage = (command: "wait" | "get", what: string, examples: string) => `graph-lro ${command}: ${what}

Usage:
  graph-lro ${command} <location-url> [options]
${TARGETS.map((target) => `  graph-lro ${command} ${usageOf(target)} [options]`).join("\n")}
  graph-lro ${command} --mock [story] [options]

Options:
${optionLines(OPERATION_OPTIONS)}

${TOKEN_HELP}

Examples:
${examples}
`;

/** The usage of wait and get, before their exit codes. */
export const OPERATION_USAGE = {
  wait: operationUsage(
    "wait",
    "poll an operation until it succeeds or fails, showing its progress",
    `  graph-lro wait "$LOCATION"                   the Location header of a 202
  graph-lro wait --mock throttled              a 429, and the Retry-After it asks for waited out
  graph-lro wait --mock failed --json          one JSON line per state, then {"error": …}
  GRAPH_TOKEN=… graph-lro wait --alert-operation 'refresh:DirectoryRole_…' --timeout 10m
  GRAPH_TOKEN=x graph-lro wait --base-url ${MOCK_ROOT} --header 'Prefer: story=failed' \\
      --user alice@contoso.com --operation x   against graph-lro mock, choosing its story`,
  ),
  get: operationUsage(
    "get",
    "read an operation once and print it as JSON",
    `  graph-lro get "$LOCATION" --select status,resourceLocation
  graph-lro get --mock --alert-operation <example id>   the spec's example, from the built-in mock
  graph-lro get --user alice@contoso.com --operation <id> --cloud usGov --verbose`,
  ),
};

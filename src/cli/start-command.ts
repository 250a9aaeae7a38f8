import { UsageError } from "../errors/usage-error.ts";
import type { StartName } from "../index.ts";
import { starts } from "../spec/index.ts";
import { assertPathId } from "../util/check/path-id.ts";
import { type CliOption, idFlag, kebab, optionLines, readArgs } from "./command-line.ts";
import { type CliCommand, RUN_OPTIONS, readRunOptions } from "./run-options.ts";

// Each start of the spec as a command (`graph-lro reset-password`), its flags from the spec.

/** Each start of the spec by its command (its `x-graph-lro-start`, kebab-cased): `reset-password`, … */
export const START_COMMANDS: Readonly<Record<string, StartName>> = Object.fromEntries(
  (Object.keys(starts) as StartName[]).map((name) => [kebab(name), name]),
);

/** A flag of a start: the input field it fills, and whether the command needs it. */
type StartOption = CliOption & { field?: string; path?: boolean; required?: boolean };

/**
 * The flags of a start's command, from the spec: one per path id (`userId` → `--user`) and per body property,
 * but none for a secret (`format: password`), which a command line would show to every process; and
 * `--show-<secret>` to print a secret the 202 returns (a generated password) on stdout, only when asked.
 * A path id without a default is required, and every body property of a required body.
 */
export function startOptions(name: StartName): Record<string, StartOption> {
  const { fields, defaults, body, bodyRequired, secrets } = starts[name] as unknown as {
    fields: Record<string, string>;
    defaults: Record<string, string>;
    body: readonly string[];
    bodyRequired: boolean;
    secrets: readonly string[];
  };
  const table: Record<string, StartOption> = {};
  for (const [param, field] of Object.entries(fields)) {
    const flag = idFlag(field);
    const fallback = defaults[field] ? ` (default ${defaults[field]})` : "";
    const help = [`path parameter ${param}${fallback}`];
    table[flag] = { type: "string", value: "<id>", help, field, path: true, required: !fallback };
  }
  for (const field of body.filter((f) => !secrets.includes(f))) {
    const help = [`${field} of the request body`];
    table[kebab(field)] = { type: "string", value: "<value>", help, field, required: bodyRequired };
  }
  for (const secret of secrets) {
    const help = [`print the ${secret} the 202 returns, on stdout (never in a log line)`];
    table[`show-${kebab(secret)}`] = { type: "boolean", help };
  }
  table.wait = { type: "boolean", help: ["then wait for the operation, as graph-lro wait does"] };
  return table;
}

/**
 * A start's command line (`graph-lro reset-password --user alice@contoso.com --wait`), after withMockValue: its
 * input from its flags, and the last path id also as the one positional (`refresh-alert <id>`). Throws a
 * UsageError naming a missing flag, and an InvalidArgumentError naming the flag of an id that cannot be sent.
 */
export function readStartCommand(command: string, name: StartName, argv: readonly string[]): CliCommand {
  const table = startOptions(name);
  const { values, positionals, problem } = readArgs(argv, { ...RUN_OPTIONS, ...table }, { command });
  if (problem) throw problem;
  const own = values as Record<string, unknown>;
  const last = Object.keys(table).findLast((flag) => table[flag]?.path);
  if (positionals.length > (last ? 2 : 1))
    throw new UsageError(`${command} takes ${last ? `at most one id, --${last}` : "no arguments"}`);
  const input: Record<string, string> = {};
  for (const [flag, { field, path, required }] of Object.entries(table)) {
    const value = own[flag] ?? (flag === last ? positionals[1] : undefined);
    // The client checks it too, but would name the spec's field (`userId`), not the flag.
    if (path && typeof value === "string") assertPathId(`--${flag}`, value);
    if (field !== undefined && typeof value === "string") input[field] = value;
    else if (required) throw new UsageError(`${command} needs --${flag}`);
  }
  const wait = own.wait === true;
  // The secrets of the 202 that the command line asked to print (`--show-new-password`).
  const show = starts[name].secrets.filter((secret) => own[`show-${kebab(secret)}`] === true);
  // A start's operation is the one its POST starts.
  return { ...readRunOptions(wait ? "wait" : "get", values, () => undefined), start: { name, input, show, wait } };
}

/**
 * The command line that waits for a started operation: `graph-lro wait <location>` with the run flags of the
 * start's (`argv`, after withMockValue), its own flags and id left out. Run again, the start's would POST again.
 */
export function waitArgv(argv: readonly string[], name: StartName, location: string): string[] {
  const own = startOptions(name);
  const kept = ["wait", location];
  // From the first argument: run flags may come before the command, which (not a flag) is left out as the id is.
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const flag = arg.startsWith("--") ? arg.slice(2).split("=")[0] : undefined;
    const option = flag === undefined ? undefined : (own[flag] ?? (RUN_OPTIONS as Record<string, CliOption>)[flag]);
    // A string flag without `=` takes the next argument as its value.
    const value = option?.type === "string" && !arg.includes("=") ? [argv[++i] as string] : [];
    // withMockValue's `--mock=` (no story) as it was typed.
    if (option && !Object.hasOwn(own, flag as string)) kept.push(arg === "--mock=" ? "--mock" : arg, ...value);
  }
  return kept;
}

/** A start's usage, its flags from the spec. */
export function startUsage(name: StartName): string {
  const command = kebab(name);
  const entry = starts[name];
  const table = startOptions(name);
  // Each flag the command needs, with a stand-in value.
  const example = Object.keys(table)
    .filter((flag) => table[flag]?.required)
    .map((flag) => ` --${flag} x`)
    .join("");
  return `graph-lro ${command}: ${entry.method.toUpperCase()} ${entry.path}, then print its Location (or --wait)

Usage:
  graph-lro ${command} [options]

Start options:
${optionLines(table)}

The POST is sent once: only a 429 is retried. After a network error, a timeout or a 5xx, whether the
operation started is unknown; check before starting it again (exit 4, with the request id).

Examples:
  graph-lro ${command}${example} --mock --wait   against the built-in mock, then wait
  GRAPH_TOKEN=… graph-lro ${command}${example} --json   one JSON line with the Location`;
}

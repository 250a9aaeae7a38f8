import type { StartName } from "../index.ts";
import { starts } from "../spec/index.ts";
import { type CliOption, optionLines, readArgs } from "./command-line.ts";
import { type CliCommand, RUN_OPTIONS, readRunOptions } from "./run-options.ts";
import { UsageError } from "./usage-error.ts";

// Each start of the spec as a command (`graph-lro reset-password`), its flags from the spec.

/** `resetPassword` → `reset-password`: a start's command, and a field's flag. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Each start of the spec by its command (its `x-graph-lro-start`, kebab-cased): `reset-password`, … */
export const START_COMMANDS: Readonly<Record<string, StartName>> = Object.fromEntries(
  (Object.keys(starts) as StartName[]).map((name) => [kebab(name), name]),
);

/** The flag of an input field: a path id without its `Id` (`userId` → `--user`), a body property kebab-cased. */
const flagOf = (field: string, path: boolean) => kebab(path ? field.replace(/Id$/, "") : field);

/**
 * The flags of a start's command, from the spec: one per path id and per body property, but none for a
 * secret (`format: password`), which a command line would show to every process; and `--show-<secret>` to
 * print a secret the 202 returns (a generated password) on stdout, only when asked.
 */
export function startOptions(name: StartName): Record<string, CliOption & { field?: string }> {
  const entry = starts[name];
  const secrets = entry.secrets as readonly string[];
  const table: Record<string, CliOption & { field?: string }> = {};
  for (const [param, field] of Object.entries(entry.fields as Record<string, string>)) {
    const flag = flagOf(field, true);
    const fallback = (entry.defaults as Record<string, string>)[field];
    table[flag] = {
      type: "string",
      usage: `--${flag} <id>`,
      help: [`path parameter ${param}${fallback ? ` (default ${fallback})` : ""}`],
      field,
    };
  }
  for (const field of (entry.body as readonly string[]).filter((f) => !secrets.includes(f))) {
    table[flagOf(field, false)] = {
      type: "string",
      usage: `--${flagOf(field, false)} <value>`,
      help: [`${field} of the request body`],
      field,
    };
  }
  for (const secret of secrets) {
    table[`show-${kebab(secret)}`] = {
      type: "boolean",
      usage: `--show-${kebab(secret)}`,
      help: [`print the ${secret} the 202 returns, on stdout (never in a log line)`],
    };
  }
  table.wait = { type: "boolean", usage: "--wait", help: ["then wait for the operation, as graph-lro wait does"] };
  return table;
}

/**
 * A start's input from its flags, and the last path id also as the one positional (`refresh-alert <id>`).
 * Throws a UsageError naming a missing flag; ids are checked by the client, before anything is sent.
 */
function readStartInput(
  name: StartName,
  values: Readonly<Record<string, unknown>>,
  positionals: readonly string[],
): Record<string, string> {
  const table = startOptions(name);
  const entry = starts[name];
  const pathFlags = Object.keys(table).filter((flag) =>
    Object.values(entry.fields).includes(table[flag]?.field as never),
  );
  const last = pathFlags.at(-1);
  if (positionals.length > (last ? 1 : 0))
    throw new UsageError(`${kebab(name)} takes ${last ? `at most one id, --${last}` : "no arguments"}`);
  const input: Record<string, string> = {};
  for (const [flag, option] of Object.entries(table)) {
    const value = values[flag] ?? (flag === last ? positionals[0] : undefined);
    if (option.field === undefined) continue;
    if (typeof value === "string") input[option.field] = value;
  }
  const defaults = entry.defaults as Record<string, string>;
  const required = [
    ...pathFlags.filter((flag) => !((table[flag]?.field as string) in defaults)),
    ...(entry.bodyRequired ? Object.keys(table).filter((flag) => !pathFlags.includes(flag) && table[flag]?.field) : []),
  ];
  const missing = required.find((flag) => input[table[flag]?.field as string] === undefined);
  if (missing) throw new UsageError(`${kebab(name)} needs --${missing}`);
  return input;
}

/** A start's command line (`graph-lro reset-password --user alice@contoso.com --wait`), after withMockValue. */
export function readStartCommand(command: string, name: StartName, argv: readonly string[]): CliCommand {
  const { values, positionals, problem } = readArgs(argv, { ...RUN_OPTIONS, ...startOptions(name) }, { command });
  if (problem) throw problem;
  try {
    const own = values as Record<string, unknown>;
    const input = readStartInput(name, own, positionals.slice(1));
    const wait = own.wait === true;
    // The secrets of the 202 that the command line asked to print (`--show-new-password`).
    const show = (starts[name].secrets as readonly string[]).filter((secret) => own[`show-${kebab(secret)}`] === true);
    // A start's operation is the one its POST starts.
    const read = readRunOptions(wait ? "wait" : "get", values, () => undefined);
    return { ...read, start: { name, input, show, wait } };
  } catch (error) {
    throw error instanceof UsageError && error.command === undefined ? new UsageError(error.message, command) : error;
  }
}

/** A start's usage, its flags from the spec. */
export function startUsage(name: StartName): string {
  const command = kebab(name);
  const entry = starts[name];
  // Each flag the command needs, with a stand-in value.
  const table = startOptions(name);
  const needed = Object.keys(table).filter((flag) => {
    const field = table[flag]?.field;
    if (field === undefined || field in entry.defaults) return false;
    return Object.values(entry.fields).includes(field as never) || entry.bodyRequired;
  });
  const example = needed.map((flag) => ` --${flag} x`).join("");
  return `graph-lro ${command}: ${entry.method.toUpperCase()} ${entry.path}, then print its Location (or --wait)

Usage:
  graph-lro ${command} [options]

Start options:
${optionLines(startOptions(name))}

The POST is sent once: only a 429 is retried. After a network error, a timeout or a 5xx, whether the
operation started is unknown; check before starting it again (exit 4, with the request id).

Examples:
  graph-lro ${command}${example} --mock --wait   against the built-in mock, then wait
  GRAPH_TOKEN=… graph-lro ${command}${example} --json   one JSON line with the Location`;
}

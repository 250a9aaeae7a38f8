// The command line of every npm script here: --help prints the usage (exit 0), a bad argument is one line (exit 2).
import { parseArgs } from "node:util";

/** An option: a flag, or a string (with the values it may take, if only some). */
export type OptionSpec = { type: "boolean" } | { type: "string"; default?: string; choices?: readonly string[] };

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script's name, which starts every message. */
  name: string;
  /** The whole help text; its first line is the usage line. */
  help: string;
  options: O;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
}

/** The parsed options: a flag is a boolean; a string with choices, one of them; without a default, maybe absent. */
type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { type: "boolean" }
    ? boolean
    : O[K] extends { choices: readonly (infer C)[]; default: string }
      ? C
      : O[K] extends { default: string }
        ? string
        : string | undefined;
};

/** A command line that is not what the command takes; the message is one line, for a person. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The options and positionals of `argv`, or a UsageError saying what is wrong (an unknown option, a missing
 * value, a value outside its choices, too many or too few arguments). Returns "help" for `--help` or `-h`.
 */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[],
): { values: Values<O>; positionals: string[] } | "help" {
  // Not strict: Node's own messages quote the argument with an unclosed quote and suggest `--`; ours name it.
  const types = Object.fromEntries(Object.entries(spec.options).map(([name, { type }]) => [name, { type }]));
  const { tokens } = parseArgs({ args: argv, options: types, strict: false, allowPositionals: true, tokens: true });
  // Help wins over any mistake beside it: whoever asks for it is finding out how to write the rest.
  if (tokens.some((token) => token.kind === "option" && (token.name === "help" || token.name === "h"))) return "help";
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const option = spec.options[token.name];
    if (!option) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    if (option.choices && !option.choices.includes(token.value)) {
      throw new UsageError(`${token.rawName} must be one of ${option.choices.join(", ")}, not "${token.value}"`);
    }
    values[token.name] = token.value;
  }
  for (const [name, option] of Object.entries(spec.options)) {
    values[name] ??= option.type === "boolean" ? false : option.default;
  }
  const { min, max } = spec.positionals;
  if (positionals.length < min) throw new UsageError(`missing argument (${spec.help.split("\n")[0]})`);
  if (positionals.length > max) throw new UsageError(`unexpected argument ${positionals[max]}`);
  return { values: values as Values<O>, positionals };
}

/**
 * parseCommandLine for a script's entry point: prints the help and exits 0, or prints
 * `<name>: <problem> (see --help)` and exits 2.
 */
export function readCommandLine<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv = process.argv.slice(2),
): { values: Values<O>; positionals: string[] } {
  try {
    const parsed = parseCommandLine(spec, argv);
    if (parsed !== "help") return parsed;
    process.stdout.write(`${spec.help.trim()}\n`);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${spec.name}: ${error.message} (see --help)\n`);
    process.exit(2);
  }
}

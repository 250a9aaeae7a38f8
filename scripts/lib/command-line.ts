// The command line of every npm script here, read by graph-lro's own parser (src/cli/command-line.ts): --help
// prints the usage (exit 0), a bad argument is one line (exit 2).
import { type CliOption, readArgs } from "../../src/cli/command-line.ts";
import { UsageError } from "../../src/errors/usage-error.ts";

export { UsageError };

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

const HELP: CliOption = { type: "boolean", short: "h" };

/**
 * The options and positionals of `argv`, or a UsageError saying what is wrong (an unknown option, a missing
 * value, a value outside its choices, too many or too few arguments). Returns "help" for `--help` or `-h`.
 */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[],
): { values: Values<O>; positionals: string[] } | "help" {
  const { values, positionals, problem } = readArgs(argv, { ...spec.options, help: HELP });
  // Help wins over any mistake beside it: whoever asks for it is finding out how to write the rest.
  if (values.help) return "help";
  if (problem) throw problem;
  const read: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    read[name] = values[name] ?? (option.type === "boolean" ? false : option.default);
  }
  const { min, max } = spec.positionals;
  if (positionals.length < min) throw new UsageError(`missing argument (${spec.help.split("\n")[0]})`);
  if (positionals.length > max) throw new UsageError(`unexpected argument ${positionals[max]}`);
  return { values: read as Values<O>, positionals };
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

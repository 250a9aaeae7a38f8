import { parseArgs } from "node:util";
import { UsageError } from "../errors/usage-error.ts";
import { type CommandName, isCommand } from "./commands.ts";
import type { CliOption } from "./options.ts";

/** Flags by name (a repeatable one as a list), the other arguments in order, and the first mistake. */
export interface ReadArgs {
  values: Record<string, string | boolean | string[]>;
  positionals: string[];
  /** Kept, not thrown, so that `--help` anywhere still prints help. */
  problem: UsageError | undefined;
}

/**
 * Reads a command line against a flag table. parseArgs runs non-strict so that every mistake is
 * reported here, in one line that names the flag (its strict errors end in advice with an unclosed
 * quote). The first positional, if it is a command, is named in the message, as in `unknown option --bogus
 * for wait`; anything else there (a mistyped command, a URL with a password) is never echoed.
 */
export function readArgs(
  argv: readonly string[],
  table: Readonly<Record<string, CliOption>>,
  /** The command, when argv starts after it (`graph-lro mock`'s). */
  given?: CommandName,
): ReadArgs {
  const options = Object.fromEntries(
    Object.entries(table).map(([name, o]) => [name, { type: o.type, ...(o.short && { short: o.short }) }]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.flatMap((t) => (t.kind === "positional" ? [t.value] : []));
  const command = given ?? (isCommand(positionals[0]) ? positionals[0] : undefined);
  let problem: UsageError | undefined;
  const fail = (message: string) => {
    problem ??= new UsageError(message, command);
  };
  const values: ReadArgs["values"] = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    const flag = token.rawName;
    if (!option) fail(`unknown option ${flag}${command ? ` for ${command}` : ""}`);
    else if (option.type === "boolean") {
      if (token.value !== undefined) fail(`${flag} takes no value`);
      if (values[token.name] !== undefined) fail(`${flag} is given more than once`);
      values[token.name] = true;
    } else {
      const value = token.value;
      if (value === undefined) fail(`${flag} needs a value`);
      // Non-strict parseArgs takes the next argument whatever it is: `--select --json` would select "--json".
      else if (!token.inlineValue && value.startsWith("-") && value.length > 1) {
        fail(`${flag} needs a value, not the option ${value} (write ${flag}=${value} if that is the value)`);
      } else if (option.multiple) values[token.name] = [...((values[token.name] as string[]) ?? []), value];
      else if (values[token.name] !== undefined) fail(`${flag} is given more than once`);
      else values[token.name] = value;
    }
  }
  return { values, positionals, problem };
}

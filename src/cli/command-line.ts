// The one command-line parser, table-driven: graph-lro's commands and the npm scripts (scripts/lib/command-line.ts)
// read their flags with it, and a table's `usage` and `help` make the command's option lines.
import { parseArgs } from "node:util";
import { UsageError } from "../errors/usage-error.ts";

/** A flag: how it is parsed, and its line in its command's usage. */
export interface CliOption {
  readonly type: "string" | "boolean";
  /** Given more than once, the values add up (otherwise a repeat is refused). */
  readonly multiple?: boolean;
  readonly short?: string;
  /** The values it may take, if only some. */
  readonly choices?: readonly string[];
  /** What its value is, as usage shows it after the flag: `<a,b>` in `--select <a,b>`. */
  readonly value?: string;
  readonly help?: readonly string[];
}

export type OptionTable = Readonly<Record<string, CliOption>>;

/** What readArgs found for a table's flags: a boolean, a string, or the strings of a repeatable one. */
export type FlagValues<T extends OptionTable> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
};

/**
 * Reads a command line against a flag table: flags by name (a repeatable one as a list), the other arguments
 * in order, and the first mistake, kept, not thrown, so that `--help` anywhere still prints help. parseArgs
 * runs non-strict so that every mistake is reported here, in one line that names the flag (its strict errors
 * end in advice with an unclosed quote). The command is named in a message (`unknown option --bogus for
 * wait`): `command`, or the first positional if it is one of `commands`; anything else there (a mistyped
 * command, a URL with a password) is never echoed.
 */
export function readArgs<T extends OptionTable>(
  argv: readonly string[],
  table: T,
  { command, commands = [] }: { command?: string; commands?: readonly string[] } = {},
): { values: FlagValues<T>; positionals: string[]; problem: UsageError | undefined } {
  const options = Object.fromEntries(
    Object.entries(table).map(([name, o]) => [name, { type: o.type, ...(o.short && { short: o.short }) }]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.flatMap((t) => (t.kind === "positional" ? [t.value] : []));
  const named = command ?? (commands.includes(positionals[0] as string) ? positionals[0] : undefined);
  let problem: UsageError | undefined;
  const fail = (message: string) => {
    problem ??= new UsageError(message, named);
  };
  const values: Record<string, string | boolean | string[]> = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    const flag = token.rawName;
    if (!option) fail(`unknown option ${flag}${named ? ` for ${named}` : ""}`);
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
      } else if (option.choices && !option.choices.includes(value)) {
        fail(`${flag} must be one of ${option.choices.join(", ")}, not "${value}"`);
      } else if (option.multiple) values[token.name] = [...((values[token.name] as string[]) ?? []), value];
      else if (values[token.name] !== undefined) fail(`${flag} is given more than once`);
      else values[token.name] = value;
    }
  }
  return { values: values as FlagValues<T>, positionals, problem };
}

/** Usages longer than this stand on a line of their own, so that one long flag does not widen the table. */
const MAX_USAGE_COLUMN = 24;

/** An option table as usage shows it, one flag a line (continuations indented under the text). */
export function optionLines(table: OptionTable): string {
  const shown = Object.entries(table).map(([name, o]) => ({
    usage: `${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`,
    help: o.help ?? [],
  }));
  const fits = shown.filter((o) => o.usage.length <= MAX_USAGE_COLUMN);
  const width = Math.max(...(fits.length ? fits : shown).map((o) => o.usage.length)) + 2;
  return shown
    .flatMap((option) => [
      ...(option.usage.length + 2 > width ? [`  ${option.usage}`] : []),
      ...option.help.map(
        (text, i) => `  ${(i === 0 && option.usage.length + 2 <= width ? option.usage : "").padEnd(width)}${text}`,
      ),
    ])
    .join("\n");
}

/** `resetPassword` → `reset-password`: a command or flag named for a spec's camelCase name. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag of a path id's field: its name without `Id` (`userId` → `user`, `authenticationMethodId` → `authentication-method`). */
export const idFlag = (field: string) => kebab(field.replace(/Id$/, ""));

/** `text` in lines of at most `width`, broken at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

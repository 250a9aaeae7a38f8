import { servers } from "../../generated/graph-lro.routes.ts";
import { resolveBaseUrl } from "../client/clouds.ts";
import { POLL_DEFAULTS } from "../index.ts";
import { CLOUDS, STORIES } from "./cli-values.ts";
import { formatDuration } from "./duration.ts";

/** A flag of a command: how it is parsed, and its line in its usage. */
export interface CliOption {
  readonly type: "string" | "boolean";
  /** Given more than once, the values add up (otherwise a repeat is refused). */
  readonly multiple?: boolean;
  readonly short?: string;
  /** The flag and its value as usage shows them, such as `--select <a,b>`. */
  readonly usage: string;
  readonly help: readonly string[];
}

/** What readArgs found for a table's flags: a boolean, a string, or the strings of a repeatable one. */
export type FlagValues<T extends Readonly<Record<string, CliOption>>> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
};

const DEFAULT_CLOUD = servers.find((s) => s.url === resolveBaseUrl({}).href)?.["x-graph-cloud"];

/** The flags of `wait` and `get`; the only list of them (parser and usage read it). */
export const OPTIONS = {
  user: {
    type: "string",
    usage: "--user <id|upn>",
    help: ["the user of an authentication operation (with --operation)"],
  },
  operation: { type: "string", usage: "--operation <id>", help: ["the id of that operation"] },
  "alert-operation": { type: "string", usage: "--alert-operation <id>", help: ["a role management alert refresh"] },
  select: { type: "string", usage: "--select <a,b>", help: ["$select; wait always adds status"] },
  timeout: {
    type: "string",
    usage: "--timeout <duration>",
    help: [`give up after this long: 90, 90s, 5m, 1500ms (default ${formatDuration(POLL_DEFAULTS.timeoutMs)})`],
  },
  cloud: {
    type: "string",
    usage: "--cloud <name>",
    help: [`${CLOUDS.join(", ")} (default ${DEFAULT_CLOUD})`],
  },
  "base-url": {
    type: "string",
    usage: "--base-url <url>",
    help: ["another Graph root, such as graph-lro mock's: http://127.0.0.1:4010/beta"],
  },
  header: {
    type: "string",
    multiple: true,
    usage: "--header 'Name: value'",
    help: [
      "send this header too (repeatable), such as 'Prefer: story=failed'",
      "for graph-lro mock; not Authorization",
    ],
  },
  "include-unknown-enum-members": {
    type: "boolean",
    usage: "--include-unknown-enum-members",
    help: ["ask for statuses added after unknownFutureValue (else sent as it)"],
  },
  json: {
    type: "boolean",
    usage: "--json",
    help: ['JSON lines for scripts; a failure ends with {"error": {...}}'],
  },
  verbose: {
    type: "boolean",
    usage: "--verbose",
    help: ["print each request and its answer on stderr (never the token)"],
  },
  mock: {
    type: "string",
    usage: "--mock [story]",
    help: [
      "answer from the built-in spec-derived mock instead of Graph, playing a story:",
      ...wrap(STORIES.join(", "), 72),
      "no target: progress; a target and no story: the spec's examples (other ids: 404)",
    ],
  },
  "token-command": {
    type: "string",
    usage: '--token-command "<cmd>"',
    help: [
      "run this for the token, for example",
      "az account get-access-token --resource-type ms-graph --query accessToken -o tsv",
    ],
  },
  help: { type: "boolean", short: "h", usage: "-h, --help", help: ["this text"] },
  version: { type: "boolean", usage: "--version", help: ["the version of graph-lro"] },
} as const satisfies Record<string, CliOption>;

/** `text` in lines of at most `width`, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Usages longer than this stand on a line of their own, so that one long flag does not widen the table. */
const MAX_USAGE_COLUMN = 24;

/** An option table as usage shows it, one flag a line (continuations indented under the text). */
export function optionLines(table: Readonly<Record<string, CliOption>> = OPTIONS): string {
  const fits = Object.values(table).filter((o) => o.usage.length <= MAX_USAGE_COLUMN);
  const width = Math.max(...(fits.length ? fits : Object.values(table)).map((o) => o.usage.length)) + 2;
  return Object.values(table)
    .flatMap((option: CliOption) => [
      ...(option.usage.length + 2 > width ? [`  ${option.usage}`] : []),
      ...option.help.map(
        (text, i) => `  ${(i === 0 && option.usage.length + 2 <= width ? option.usage : "").padEnd(width)}${text}`,
      ),
    ])
    .join("\n");
}

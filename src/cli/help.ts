import type { CommandName } from "./cli-args.ts";
import { exitCodeLines } from "./exit-codes.ts";
import { optionLines } from "./options.ts";
import { START_COMMANDS, startUsage } from "./start-command.ts";

const EXIT_CODES = exitCodeLines();
// wait and get never listen.
const RUN_EXIT_CODES = exitCodeLines(["succeeded", "failed", "usage", "timeout", "http", "internal", "interrupted"]);

const TOKEN = "The token comes from GRAPH_TOKEN or --token-command (not needed with --mock). It is never printed.";

/** `graph-lro --help`. */
export const HELP = `graph-lro: wait for a Microsoft Graph (beta) long-running operation

Usage:
  graph-lro wait <location-url>                      poll the Location of a 202 until it is terminal
  graph-lro wait --user <id|upn> --operation <id>    a user's authentication operation (password reset)
  graph-lro wait --alert-operation <id>              a role management alert refresh
  graph-lro get  …                                   one GET, printed as JSON (same targets)
${Object.keys(START_COMMANDS)
  .map((command) => `${`  graph-lro ${command} … [--wait]`.padEnd(53)}start one (POST), print its Location`)
  .join("\n")}
  graph-lro mock [--port 4010]                       the spec-derived mock over HTTP, for curl and SDKs
  graph-lro help [command]                           a command's options and examples
  graph-lro --version

Try: graph-lro wait --mock            (no Graph, no token: the built-in mock's progress story)

${TOKEN}

${EXIT_CODES}
`;

const usage = (command: "wait" | "get", what: string, examples: string) => `graph-lro ${command}: ${what}

Usage:
  graph-lro ${command} <location-url> [options]
  graph-lro ${command} --user <id|upn> --operation <id> [options]
  graph-lro ${command} --alert-operation <id> [options]
  graph-lro ${command} --mock [story] [options]

Options:
${optionLines()}

${TOKEN}

Examples:
${examples}

${RUN_EXIT_CODES}
`;

const WAIT = usage(
  "wait",
  "poll an operation until it succeeds or fails, showing its progress",
  `  graph-lro wait "$LOCATION"                   the Location header of a 202
  graph-lro wait --mock throttled              a 429, and the Retry-After it asks for waited out
  graph-lro wait --mock failed --json          one JSON line per state, then {"error": …}
  GRAPH_TOKEN=… graph-lro wait --alert-operation 'refresh:DirectoryRole_…' --timeout 10m
  GRAPH_TOKEN=x graph-lro wait --base-url http://127.0.0.1:4010/beta --header 'Prefer: story=failed' \\
      --user alice@contoso.com --operation x   against graph-lro mock, choosing its story`,
);

const GET = usage(
  "get",
  "read an operation once and print it as JSON",
  `  graph-lro get "$LOCATION" --select status,resourceLocation
  graph-lro get --mock --alert-operation <example id>   the spec's example, from the built-in mock
  graph-lro get --user alice@contoso.com --operation <id> --cloud usGov --verbose`,
);

/** The usage of a command (the mock's comes from its own module), or the overview. */
export function helpFor(command: Exclude<CommandName, "mock"> | undefined): string {
  const start = command !== undefined && Object.hasOwn(START_COMMANDS, command) ? START_COMMANDS[command] : undefined;
  if (start) return startUsage(start, optionLines);
  return command === "wait" ? WAIT : command === "get" ? GET : HELP;
}

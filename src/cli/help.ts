import { builtInStories } from "../mock/stories.ts";

/** `graph-lro --help`. */
export const HELP = `graph-lro: wait for a Microsoft Graph (beta) long-running operation

Usage:
  graph-lro wait <location-url>                      poll the Location of a 202 until it is terminal
  graph-lro wait --user <id|upn> --operation <id>    a user's authentication operation (password reset)
  graph-lro wait --alert-operation <id>              a role management alert refresh
  graph-lro get  …                                   one GET, printed as JSON (same targets)

Options:
  --select <a,b>          $select; status is always added when waiting
  --timeout <duration>    give up after this long: 90, 90s, 5m, 1500ms (default 15m)
  --cloud <name>          global (default), usGov, usGovDoD or china
  --base-url <url>        another Graph root, such as a local mock: http://127.0.0.1:4010/beta
  --json                  one JSON line per state, for scripts
  --mock [story]          answer from the built-in spec-derived mock instead of Graph; stories:
                          ${Object.keys(builtInStories).join(", ")} (default progress)
  --token-command "<cmd>" run this for the token, for example
                          az account get-access-token --resource-type ms-graph --query accessToken -o tsv
  -h, --help              this text

The token comes from GRAPH_TOKEN or --token-command (not needed with --mock). It is never printed.

Exit codes:
  0    succeeded (get: the operation was read)
  1    failed
  2    usage error
  3    timeout
  4    HTTP or auth error
  70   unexpected error, a bug (sysexits' EX_SOFTWARE, kept apart from 1 "failed")
  130  interrupted
`;

// npm run check:generated: the drift gate. Exit 1 if generated/ is not what the spec produces now.
import { resolve } from "node:path";
import { checkGeneratedCommand } from "./lib/check-generated.ts";
import { readCommandLine } from "./lib/command-line.ts";

const HELP = `
usage: npm run check:generated [-- <project-dir>]

Builds every file that npm run generate would write, in memory, and compares it byte for byte with
generated/, naming each stale, missing and extra file. Writes nothing.

  <project-dir>  the project (default: the current folder)
  -h, --help     print this help

Exit: 0 generated/ matches the spec, 1 it differs (or the spec cannot be built), 2 bad arguments.
`;

const { positionals } = readCommandLine({
  name: "check:generated",
  help: HELP,
  options: {},
  positionals: { min: 0, max: 1 },
});
process.exitCode = await checkGeneratedCommand(resolve(positionals[0] ?? "."), {
  out: console.log,
  err: console.error,
});

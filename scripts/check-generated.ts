// npm run check:generated: the drift gate. Exit 1 if generated/ is not what the spec produces now.
import { resolve } from "node:path";
import { readCommandLine } from "./lib/command-line.ts";
import { warmTypesWorker } from "./lib/types-worker.ts";

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
// openapi-typescript takes seconds to load: its worker starts loading it before this thread loads the rest, once
// the command line is read (--help and a wrong flag answer without loading either).
warmTypesWorker();
const { checkGeneratedCommand } = await import("./lib/check-generated.ts");
process.exitCode = await checkGeneratedCommand(resolve(positionals[0] ?? "."), {
  out: console.log,
  err: console.error,
});

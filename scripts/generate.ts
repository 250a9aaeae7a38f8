// npm run generate: spec → generated/, all or nothing.
import { resolve } from "node:path";
import { readCommandLine } from "./lib/command-line.ts";
import { warmTypesWorker } from "./lib/types-worker.ts";

const HELP = `
usage: npm run generate [-- <project-dir>]

Lints every API that redocly.yaml declares and regenerates its files in generated/: the types
(openapi-typescript), the bundled spec as data, and the operation routes. All or nothing: on any error,
nothing in generated/ changes. One run at a time: a second run waits for the first.

  <project-dir>  the project (default: the current folder)
  -h, --help     print this help

Exit: 0 generated/ is up to date, 1 the spec or the writing failed (the message says where), 2 bad arguments.
`;

const { positionals } = readCommandLine({ name: "generate", help: HELP, options: {}, positionals: { min: 0, max: 1 } });
// openapi-typescript takes seconds to load: its worker starts loading it before this thread loads the rest, once
// the command line is read (--help and a wrong flag answer without loading either).
warmTypesWorker();
const { generateCommand } = await import("./lib/generate.ts");
process.exitCode = await generateCommand(resolve(positionals[0] ?? "."), { out: console.log, err: console.error });

// npm run spec:diff: the changes between two versions of a spec, from a client's side.
import { readCommandLine } from "./lib/command-line.ts";
import { FORMATS, render, summary } from "./lib/spec-diff/report.ts";

const DEFAULT_SPEC = "spec/graph-lro.yaml";
const HELP = `
usage: npm run spec:diff -- <old> [<new>] [--format text|markdown|json] [--allow-breaking]

Reports every change between two versions of a spec, breaking ones first, as a client sees them.
Each side is a file or a git <ref>:<path>; <new> defaults to ${DEFAULT_SPEC} in the working tree.
Files a spec refers to ($ref) are read beside it, or at the same git ref.

  --format FORMAT    text (default), markdown (for a pull request comment) or json
  --allow-breaking   exit 0 even when a change is breaking
  -h, --help         print this help

Exit: 0 no breaking change, 1 breaking changes, 2 bad arguments or a spec that cannot be read.

Example: npm run spec:diff -- main:${DEFAULT_SPEC}
`;

const { positionals, values } = readCommandLine({
  name: "spec:diff",
  help: HELP,
  options: {
    format: { type: "string", default: "text", choices: FORMATS },
    "allow-breaking": { type: "boolean" },
  },
  positionals: { min: 1, max: 2 },
});
const [old = "", next = DEFAULT_SPEC] = positionals;
try {
  // Loaded once the command line is read: --help and a wrong flag answer without loading Redocly.
  const [{ readBundledSpec }, { diffSpecs }] = await Promise.all([
    import("./lib/spec-bundle.ts"),
    import("./lib/spec-diff/diff-specs.ts"),
  ]);
  const [oldDoc, newDoc] = await Promise.all([readBundledSpec(old), readBundledSpec(next)]);
  const changes = diffSpecs(oldDoc, newDoc);
  console.log(render({ old, new: next, changes }, values.format));
  if (summary(changes).breaking > 0 && !values["allow-breaking"]) {
    console.error("spec:diff: breaking changes found (pass --allow-breaking to accept them)");
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`spec:diff: ${(error as Error).message}`);
  process.exitCode = 2;
}

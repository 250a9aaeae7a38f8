// npm run spec:diff -- <old> [<new>] [--format text|markdown|json] [--allow-breaking]
// Each side is a file or a git `<ref>:<path>`; <new> defaults to the working tree's spec.
import { parseArgs } from "node:util";
import { readBundledSpec } from "./lib/spec-bundle.ts";
import { diffSpecs } from "./lib/spec-diff/diff-specs.ts";
import { FORMATS, type Format, render, summary } from "./lib/spec-diff/report.ts";

const USAGE = "usage: npm run spec:diff -- <old> [<new>] [--format text|markdown|json] [--allow-breaking]";
const DEFAULT_SPEC = "spec/graph-lro.yaml";

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, "allow-breaking": { type: "boolean", default: false } },
  });
  const [old, next = DEFAULT_SPEC, extra] = positionals;
  const format = values.format as Format;
  if (!old || extra !== undefined || !FORMATS.includes(format)) throw new Error(USAGE);

  const [oldDoc, newDoc] = await Promise.all([readBundledSpec(old), readBundledSpec(next)]);
  const changes = diffSpecs(oldDoc, newDoc);
  console.log(render({ old, new: next, changes }, format));
  if (summary(changes).breaking > 0 && !values["allow-breaking"]) {
    console.error("spec:diff: breaking changes found (pass --allow-breaking to accept them)");
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`spec:diff: ${(error as Error).message}`);
  process.exitCode = 2;
}

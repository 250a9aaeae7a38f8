// npm run generate: spec → generated/, all or nothing.
import { resolve } from "node:path";
import { readCommandLine } from "./lib/command-line.ts";
import { CommitError } from "./lib/commit-files.ts";
import { generate } from "./lib/generate.ts";
import { GenerateError } from "./lib/generate-error.ts";

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
const started = performance.now();
try {
  const { written, removed } = await generate(resolve(positionals[0] ?? "."), {
    onWait: (pid) => console.error(`generate: waiting for another run (pid ${pid}) to finish`),
  });
  const summary = [...written.map((p) => `wrote ${p}`), ...removed.map((p) => `removed ${p}`)];
  console.log(summary.length ? summary.join("\n") : "generated/ is already up to date");
  console.log(`generate: done in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(error instanceof GenerateError ? error.message : error);
  // Only a commit that failed and could not be undone changes anything.
  const changed = error instanceof CommitError && !error.unchanged;
  console.error(
    changed
      ? "generate: failed; generated/ is partly updated (see above)"
      : "generate: failed; nothing in generated/ was changed",
  );
  process.exitCode = 1;
}

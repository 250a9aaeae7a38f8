// npm run generate: spec → generated/, all or nothing.
import { resolve } from "node:path";
import { CommitError } from "./lib/commit-files.ts";
import { generate } from "./lib/generate.ts";
import { GenerateError } from "./lib/generate-error.ts";

const started = performance.now();
try {
  const { written, removed } = await generate(resolve(process.argv[2] ?? "."), {
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

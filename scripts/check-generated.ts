// npm run check:generated: the drift gate. Exit 1 if generated/ is not what the spec produces now.
import { resolve } from "node:path";
import { checkGenerated } from "./lib/check-generated.ts";
import { GenerateError } from "./lib/generate-error.ts";

try {
  const { files, differs, drift } = await checkGenerated(resolve(process.argv[2] ?? "."));
  for (const path of drift.stale) console.error(`stale:   ${path}`);
  for (const path of drift.missing) console.error(`missing: ${path}`);
  for (const path of drift.extra) console.error(`extra:   ${path} (no API in redocly.yaml produces it)`);
  if (differs) {
    console.error("check:generated: generated/ differs from the spec; run `npm run generate` and commit the result");
    process.exitCode = 1;
  } else {
    console.log(`check:generated: ${files} files match the spec`);
  }
} catch (error) {
  console.error(error instanceof GenerateError ? error.message : error);
  console.error("check:generated: cannot build the artifacts, so cannot compare them");
  process.exitCode = 1;
}

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { PROJECT_DIR } from "../support/project-copy.ts";

// The README's examples are the files that test/package runs: each must appear there verbatim.
it.for([
  ["examples/node.mjs", "js"],
  ["examples/deno.ts", "ts"],
  ["examples/browser.ts", "ts"],
])("README shows %s as it is", async ([file, language]) => {
  const readme = await readFile(join(PROJECT_DIR, "README.md"), "utf8");
  const example = await readFile(join(PROJECT_DIR, file as string), "utf8");
  expect(readme).toContain(`\`\`\`${language}\n${example}\`\`\`\n`);
});

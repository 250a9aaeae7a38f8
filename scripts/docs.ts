// npm run docs [-- --out <dir>]: the API reference of every API in redocly.yaml, as static pages in site/.
import { resolve } from "node:path";
import { buildDocs, DocsError } from "./lib/docs-site.ts";
import { GenerateError } from "./lib/generate-error.ts";

const args = process.argv.slice(2);
const out = args.length === 2 && args[0] === "--out" ? args[1] : args.length === 0 ? "site" : undefined;
if (out === undefined) {
  console.error("usage: npm run docs [-- --out <dir>]");
  process.exit(2);
}
const started = performance.now();
try {
  const outDir = resolve(out);
  const pages = await buildDocs(resolve("."), outDir);
  for (const page of pages) console.log(`wrote ${out}/${page.html} and ${out}/${page.yaml} (${page.title})`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `docs: ${out}/index.html links ${pages.length === 1 ? "the page" : `${pages.length} pages`}, done in ${ms} ms`,
  );
} catch (error) {
  console.error(error instanceof DocsError || error instanceof GenerateError ? error.message : error);
  console.error("docs: failed; the site folder was left as it was");
  process.exitCode = 1;
}

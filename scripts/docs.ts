// npm run docs [-- --out <dir>]: the API reference of every API in redocly.yaml, as static pages in site/.
import { resolve } from "node:path";
import { readCommandLine } from "./lib/command-line.ts";
import { buildDocs, DocsError } from "./lib/docs-site.ts";
import { GenerateError } from "./lib/errors.ts";

const HELP = `
usage: npm run docs [-- --out <dir>]

Builds the API reference of every API that redocly.yaml declares as static pages (Redocly's build-docs),
each beside its bundled spec for download, and an index linking them. The spec is checked first, as
generate checks it. All or nothing: on any error, the site folder is left as it was.

  --out DIR    the site folder (default: site)
  -h, --help   print this help

Exit: 0 the site is written, 1 the spec or the build failed (the message says where), 2 bad arguments.
`;

const { out } = readCommandLine({
  name: "docs",
  help: HELP,
  options: { out: { type: "string", default: "site" } },
  positionals: { min: 0, max: 0 },
}).values;
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

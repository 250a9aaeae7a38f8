// npm run spec:upstream: drift between the curated spec and Microsoft's beta file.
import { readCommandLine } from "./lib/command-line.ts";
import { operationLabel } from "./lib/openapi.ts";
import { parseSpec, readSpec, readSpecText } from "./lib/spec-source.ts";
import { ALLOW_KEY, applyAllowList, readAllowList } from "./lib/upstream/allow-list.ts";
import { compareWithUpstream } from "./lib/upstream/compare.ts";
import { extract } from "./lib/upstream/extract.ts";

const HELP = `
usage: npm run spec:upstream -- <openapi.yaml> [--spec spec/graph-lro.yaml] [--format text|json]

Extracts our operations, and the schemas they reach, from Microsoft's Graph beta OpenAPI file, and reports
where the curated spec differs from it in ways its allow-list (${ALLOW_KEY}) does not explain.
<openapi.yaml> is a file or a git <ref>:<path>.

  --spec FILE       the curated spec (default: spec/graph-lro.yaml)
  --format FORMAT   text (default) or json
  -h, --help        print this help

Exit: 0 no new drift, 1 new drift, 2 bad arguments or a file that cannot be read.
`;

const { positionals, values } = readCommandLine({
  name: "spec:upstream",
  help: HELP,
  options: {
    spec: { type: "string", default: "spec/graph-lro.yaml" },
    format: { type: "string", default: "text", choices: ["text", "json"] },
  },
  positionals: { min: 1, max: 1 },
});
const [source = ""] = positionals;
try {
  const started = performance.now();
  const [curated, text] = await Promise.all([readSpec(values.spec), readSpecText(source)]);
  const size = Buffer.byteLength(text);
  const upstream = parseSpec(text, source);
  const extracted = extract(upstream, curated);
  const result = applyAllowList(compareWithUpstream(upstream, curated, extracted), readAllowList(curated));
  const stats = {
    megabytes: Number((size / 1e6).toFixed(2)),
    paths: Object.keys(upstream.paths ?? {}).length,
    ms: Math.round(performance.now() - started),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };

  if (values.format === "json") {
    const operations = extracted.pairs.map((p) => ({
      operation: operationLabel(p.curated),
      found: Boolean(p.upstream),
    }));
    console.log(JSON.stringify({ operations, schemas: extracted.schemas, ...result, stats }, null, 2));
  } else {
    const found = extracted.pairs.filter((p) => p.upstream).length;
    console.log(
      `Extracted ${found} of ${extracted.pairs.length} operations and ${extracted.schemas.length} schemas from ${stats.paths} paths ` +
        `(${stats.megabytes} MB) in ${stats.ms} ms, peak RSS ${stats.peakRssMb} MB.`,
    );
    console.log(`${result.drift.length} new drift, ${result.allowed.length} allowed by ${ALLOW_KEY}.`);
    for (const d of result.drift)
      console.log(`DRIFT  ${d.message}\n       ${d.kind} at ${d.pointer}${d.name ? ` (${d.name})` : ""}`);
    for (const a of result.unused)
      console.log(`STALE  ${ALLOW_KEY} entry ${a.kind} at ${a.pointer}${a.name ? ` (${a.name})` : ""} matches nothing`);
  }
  if (result.drift.length > 0) {
    console.error(
      `spec:upstream: new drift from Microsoft's file; fix the spec or add a reasoned entry to ${ALLOW_KEY}`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`spec:upstream: ${(error as Error).message}`);
  process.exitCode = 2;
}

// Measures spec:upstream (time, peak RSS) on generated files in Microsoft's shape at growing sizes, and the
// two YAML parsers on the smallest. Each run is a fresh process, so peak RSS is its own. Results: docs/benchmarks.md.
// usage: npx tsx scripts/bench-upstream.ts [paths...]   (default 1000 2000 4000)
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildUpstreamFixture } from "./lib/upstream/fixture.ts";

const run = promisify(execFile);
const sizes = process.argv.slice(2).map(Number);
const dir = await mkdtemp(join(tmpdir(), "graph-lro-bench-"));
try {
  console.log("| paths | MB | spec:upstream ms | peak RSS MB |\n|---:|---:|---:|---:|");
  const files: string[] = [];
  for (const paths of sizes.length ? sizes : [1000, 2000, 4000]) {
    const file = join(dir, `openapi-${paths}.yaml`);
    await writeFile(file, await buildUpstreamFixture(paths));
    files.push(file);
    const { stdout } = await run("node_modules/.bin/tsx", ["scripts/spec-upstream.ts", file, "--format", "json"], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const { stats } = JSON.parse(stdout);
    console.log(`| ${stats.paths} | ${stats.megabytes} | ${stats.ms} | ${stats.peakRssMb} |`);
  }
  console.log("\n| parser (parse only) | ms | peak RSS MB |\n|---|---:|---:|");
  const parse = {
    "yaml 2.9.1 `parse`": `(await import("yaml")).parse(text, { maxAliasCount: -1 })`,
    "js-yaml 4.3.2 `load`": `(await import("js-yaml")).load(text)`,
  };
  for (const [name, call] of Object.entries(parse)) {
    const script = `import { readFileSync } from "node:fs"; const text = readFileSync(${JSON.stringify(files[0])}, "utf8");
      const t = performance.now(); ${call}; console.log(Math.round(performance.now() - t), Math.round(process.resourceUsage().maxRSS / 1024));`;
    const [ms, rss] = (await run("node", ["--input-type=module", "-e", script])).stdout.trim().split(" ");
    console.log(`| ${name} | ${ms} | ${rss} |`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

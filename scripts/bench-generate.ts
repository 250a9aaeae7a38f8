// npm run bench (part 6): `npm run generate` against openapi-typescript alone, both as fresh processes, on a spec of
// the project's shape at 4,000 paths (alternating, median of the rounds' ratios), then whether 10,000 paths generate.
// Beside them, the floor: `redocly lint` and openapi-typescript run side by side, what any generate that lints its
// spec pays before writing anything of its own (on two cores, about the target itself: docs/benchmarks.md).
// usage: npx tsx scripts/bench-generate.ts [--paths N] [--before <project-dir>]
//   --paths: the size to compare at (default 4,000); --before: a copy of an older tree, measured too
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { bigSpecProject } from "./lib/bench/big-spec.ts";
import { readApiTargets } from "./lib/config.ts";
import { lintArgs, runRedocly } from "./lib/redocly.ts";

const run = promisify(execFile);
// Each round lints the same spec: generate would remember the first pass and skip Redocly after it, which a
// user's first run of a new spec never does (lint-cache.ts).
process.env.GRAPH_LRO_LINT_CACHE = "off";
const HERE = fileURLToPath(new URL("..", import.meta.url));
const MAX_RATIO = 1.3;
const argv = process.argv.slice(2);
const option = (name: string) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const PATHS = Number(option("--paths") ?? 4_000);
const LARGE = 10_000;
const ROUNDS = 3;
const beforeDir = option("--before");
const before = beforeDir ? resolve(beforeDir) : undefined;

/** Seconds until every one of `works` has ended; undefined when one fails (an old tree refusing the spec). */
async function secondsOf(...works: (() => Promise<unknown>)[]): Promise<number | undefined> {
  const started = performance.now();
  try {
    await Promise.all(works.map((work) => work()));
  } catch {
    return undefined;
  }
  return (performance.now() - started) / 1000;
}

/** Seconds that `file args` takes in a fresh process. */
const seconds = (file: string, args: string[], cwd: string) =>
  secondsOf(() => run(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 }));

/**
 * generate of `tree` (this project, or --before) into `dir`, from an empty generated/ each time: the command of
 * its `npm run generate` (`tsx scripts/generate.ts`, say), from its package.json, without npm's own start-up.
 */
async function generate(tree: string, dir: string): Promise<number | undefined> {
  const out = join(dir, "generated");
  for (const name of await readdir(out)) await rm(join(out, name));
  const { scripts } = JSON.parse(await readFile(join(tree, "package.json"), "utf8")) as {
    scripts: { generate: string };
  };
  const [command = "", ...args] = scripts.generate.split(" ");
  const file = command === "node" ? process.execPath : join(tree, "node_modules/.bin", command);
  return seconds(file, [...args, dir], tree);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const show = (s: number | undefined) => (s === undefined ? "refused" : `${s.toFixed(1)} s`);

const project = await bigSpecProject(PATHS);
// openapi-typescript runs where no redocly.yaml is, so it reads the spec alone, as `npx openapi-typescript` does.
const elsewhere = await mkdtemp(join(tmpdir(), "graph-lro-ots-"));
try {
  const spec = join(project.dir, "spec/graph-lro.yaml");
  const megabytes = ((await stat(spec)).size / 1024 / 1024).toFixed(1);
  const typesArgs = [spec, "-o", join(elsewhere, "out.ts")];
  const types = () => run(join(HERE, "node_modules/.bin/openapi-typescript"), typesArgs, { cwd: elsewhere });
  const lint = lintArgs(await readApiTargets(project.dir));
  const contenders: Record<string, () => Promise<number | undefined>> = {
    "openapi-typescript alone": () => secondsOf(types),
    "npm run generate": () => generate(HERE, project.dir),
    "floor: lint ∥ types": () => secondsOf(types, () => runRedocly(project.dir, lint)),
    ...(before ? { "…, before": () => generate(before, project.dir) } : {}),
  };
  const times: Record<string, (number | undefined)[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  const entries = Object.entries(contenders);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, measure] of round % 2 ? [...entries].reverse() : entries) times[name]?.push(await measure());
  }
  const alone = times["openapi-typescript alone"] as number[];
  console.log(
    `generate, ${PATHS.toLocaleString("en")} paths (${megabytes} MB), fresh processes, ${ROUNDS} alternating rounds:`,
  );
  for (const [name, ts] of Object.entries(times)) {
    const ratios = ts.map((t, i) => (t === undefined ? undefined : t / (alone[i] as number)));
    const ratio = ratios.includes(undefined)
      ? "refused"
      : `×${median(ratios as number[]).toFixed(2)} openapi-typescript`;
    console.log(`  ${name.padEnd(26)} ${ts.map(show).join(", ").padEnd(24)} ${ratio}`);
  }
  const ratioOf = (name: string) =>
    median((times[name] as (number | undefined)[]).map((t, i) => (t ?? Infinity) / (alone[i] as number)));
  const ratio = ratioOf("npm run generate");
  console.log(`  target: at most ×${MAX_RATIO} openapi-typescript: ${ratio <= MAX_RATIO ? "met" : "MISSED"}`);
  const room = Math.max(MAX_RATIO - ratioOf("floor: lint ∥ types"), 0);
  console.log(
    `  the target leaves generate's own work (start-up, checks, artifacts) ×${room.toFixed(2)} beyond the floor`,
  );
  if (ratio > MAX_RATIO) process.exitCode = 1;
} finally {
  await Promise.all([project.dispose(), rm(elsewhere, { recursive: true, force: true })]);
}

const large = await bigSpecProject(LARGE);
try {
  const ms = await generate(HERE, large.dir);
  const data = ms === undefined ? 0 : (await stat(join(large.dir, "generated/graph-lro.spec.ts"))).size;
  console.log(
    `  ${LARGE.toLocaleString("en")} paths: ${ms === undefined ? "REFUSED (target: generates)" : `generated in ${show(ms)}, data module ${(data / 1024 / 1024).toFixed(0)} MB: met`}`,
  );
  if (ms === undefined) process.exitCode = 1;
} finally {
  await large.dispose();
}

// npm run bench (part 6): where a user of the mock waits before anything happens, as ratios against anchors
// measured in the same run, fresh processes alternating: the README's Vitest pattern's first answer against a
// plain msw handler's, `graph-lro get --mock` against a bare `node -e 0`, and the browser mock app's gzip size
// against a plain msw app's. Each from the package's dist/ (`npm run build` first).
// usage: npx tsx scripts/bench-first-answer.ts [--before <project-dir>]
//   --before: an older tree with its dist/ built (and node_modules), measured too, alternating with the others
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { type AppSize, appSize, MOCK_APP, MOCK_APP_MAX_RATIO, PLAIN_MSW_APP } from "./lib/bench/app-size.ts";

const MAX_FIRST_ANSWER_RATIO = 1.15;
const MAX_GET_MOCK_RATIO = 2.5;
const ROUNDS = 15;

const projectDir = resolve(import.meta.dirname, "..");
const at = process.argv.indexOf("--before");
const beforeDir = at > 0 ? resolve(process.argv[at + 1] ?? ".") : undefined;
const run = promisify(execFile);

// The user path's example operation, which the mock answers with the spec's example (and so does the plain handler).
const example = spec.components.examples.passwordResetSucceeded.value;
const url = `${servers[0].url}${operations["users.authentication.GetOperations"].path
  .replace("{user-id}", "alice%40contoso.com")
  .replace("{longRunningOperation-id}", encodeURIComponent(example.id))}`;

/**
 * The README's pattern up to its first answer, in a fresh process: msw's setupServer with `handlers`' code, one
 * fetch. Timed from before the imports (Node's own start-up not counted) to the answer's body read.
 */
const firstAnswerScript = (handlers: string) => `
  const started = performance.now();
  const { setupServer } = await import("msw/node");
  const server = setupServer(...(await ${handlers}));
  server.listen({ onUnhandledRequest: "error" });
  const response = await fetch(${JSON.stringify(url)}, { headers: { authorization: "Bearer t0ken" } });
  if (response.status !== 200) throw new Error("status " + response.status);
  await response.json();
  process.stdout.write(String(performance.now() - started));
  server.close();`;

const PLAIN = `import("msw").then(({ http, HttpResponse }) => [
  http.get(${JSON.stringify(url)}, () => HttpResponse.json(${JSON.stringify(example)}, { headers: { "request-id": crypto.randomUUID() } })),
])`;
const GRAPH_LRO = `import("graph-lro/mock").then(({ createGraphLroHandlers }) => createGraphLroHandlers())`;

async function firstAnswer(handlers: string, cwd: string): Promise<number> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", firstAnswerScript(handlers)], {
    cwd,
    timeout: 60_000,
  });
  return Number(stdout);
}

/** Wall-clock milliseconds of a fresh Node process running `args`, start to exit. */
async function processTime(args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd, timeout: 60_000 });
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Samples of each contender over ROUNDS rounds, alternating in order round by round, after one warm-up each. */
async function alternate(contenders: [string, () => Promise<number>][]): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (const [, measure] of contenders) await measure(); // the file cache warm for every contender
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, measure] of round % 2 ? [...contenders].reverse() : contenders) {
      samples.get(name)?.push(await measure());
    }
  }
  return samples;
}

/** Prints each contender's median and its ratio (median of same-round ratios) to the anchor; true when met. */
function report(samples: Map<string, number[]>, anchor: string, target: string, max: number): boolean {
  const base = samples.get(anchor) as number[];
  const ratioOf = (xs: number[]) => median(xs.map((x, i) => x / (base[i] as number)));
  for (const [name, xs] of samples) {
    console.log(`  ${name.padEnd(34)} ${median(xs).toFixed(1).padStart(7)} ms  ×${ratioOf(xs).toFixed(2)} ${anchor}`);
  }
  const ratio = ratioOf(samples.get(target) as number[]);
  console.log(`  target: ${target} at most ×${max} ${anchor}: ${ratio <= max ? "met" : "MISSED"}`);
  return ratio <= max;
}

const trees: [string, string][] = [["graph-lro", projectDir], ...(beforeDir ? [["before", beforeDir]] : [])] as [
  string,
  string,
][];
let met = true;

console.log(`First answer under setupServer, imports to the answer's body (medians of ${ROUNDS} alternating runs):`);
met =
  report(
    await alternate([
      ["plain msw handler", () => firstAnswer(PLAIN, projectDir)],
      ...trees.map(([name, dir]): [string, () => Promise<number>] => [
        `${name} handlers`,
        () => firstAnswer(GRAPH_LRO, dir),
      ]),
    ]),
    "plain msw handler",
    "graph-lro handlers",
    MAX_FIRST_ANSWER_RATIO,
  ) && met;

console.log(`graph-lro get --mock, a fresh process start to exit (medians of ${ROUNDS} alternating runs):`);
met =
  report(
    await alternate([
      ["node -e 0", () => processTime(["-e", "0"], projectDir)],
      ...trees.map(([name, dir]): [string, () => Promise<number>] => [
        `${name} get --mock`,
        () => processTime([resolve(dir, "dist/cli.js"), "get", "--mock"], dir),
      ]),
    ]),
    "node -e 0",
    "graph-lro get --mock",
    MAX_GET_MOCK_RATIO,
  ) && met;

console.log(
  "A browser app with msw's worker (esbuild --bundle --minify --splitting, gzip -9 per file), what loads before it\n" +
    "runs, the mock's against plain msw's; chunks loaded by import() when reached (ajv's compiler, msw's GraphQL) apart:",
);
const plainApp = await appSize(PLAIN_MSW_APP);
const sizes: [string, AppSize][] = [["plain msw app", plainApp]];
for (const [name, dir] of trees) sizes.push([`${name} mock app`, await appSize(MOCK_APP, dir)]);
for (const [name, { min, gzip, lazyGzip }] of sizes) {
  const ratio = gzip / plainApp.gzip;
  console.log(
    `  ${name.padEnd(20)} ${String(min).padStart(7)} B min ${String(gzip).padStart(7)} B gzip  ×${ratio.toFixed(2)}` +
      `  (+${lazyGzip} B gzip lazy)`,
  );
}
const appRatio = (sizes[1]?.[1].gzip ?? 0) / plainApp.gzip;
console.log(
  `  target: the mock app at most ×${MOCK_APP_MAX_RATIO} the plain msw app: ${appRatio <= MOCK_APP_MAX_RATIO ? "met" : "MISSED"}`,
);
met &&= appRatio <= MOCK_APP_MAX_RATIO;
if (!met) process.exitCode = 1;

// npm run bench: the client's cost per call, in a browser bundle and at start-up, as ratios against
// anchors measured in the same run (a direct fake-fetch call, and bare openapi-fetch).
import createClient from "openapi-fetch";
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import type { paths } from "../generated/graph-lro.ts";
import { createGraphLroClient } from "../src/index.ts";
import { APPS, appSize, budgetOf } from "./lib/bench/app-size.ts";
import { importTimes } from "./lib/bench/import-time.ts";

const BASE = servers[0].url;
const USER_PATH = operations["users.authentication.GetOperations"].path;
const BODY = JSON.stringify(spec.components.examples.passwordResetSucceeded.value);

/** An in-process Graph: every variant pays for the same Response. */
const fakeFetch = async (_request: Request) =>
  new Response(BODY, { headers: { "content-type": "application/json", "request-id": "r" } });

const bare = createClient<paths>({ baseUrl: BASE, fetch: fakeFetch, headers: { accept: "application/json" } });
const client = createGraphLroClient({ fetch: fakeFetch, token: "t0ken" });
// The README's form: an async token function (a token cache), called before every attempt.
const clientWithTokenFunction = createGraphLroClient({ fetch: fakeFetch, token: async () => "t0ken" });

const variants: Record<string, () => Promise<unknown>> = {
  "plain fetch": async () => {
    const url = `${BASE}${USER_PATH.replace("{user-id}", encodeURIComponent("alice@contoso.com")).replace("{longRunningOperation-id}", "op-1")}`;
    const response = await fakeFetch(new Request(url, { headers: { accept: "application/json" } }));
    return response.json();
  },
  "bare openapi-fetch": () =>
    bare.GET(USER_PATH, { params: { path: { "user-id": "alice@contoso.com", "longRunningOperation-id": "op-1" } } }),
  "graph-lro client": () => client.getUserAuthenticationOperation("alice@contoso.com", "op-1"),
  "…, token function": () => clientWithTokenFunction.getUserAuthenticationOperation("alice@contoso.com", "op-1"),
};

async function perCall(run: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return ((performance.now() - started) * 1000) / iterations;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// The targets, printed beside the figures (docs/benchmarks.md).
const MAX_RATIO = 1.1;
const MAX_IMPORT_RATIO = 2;
const IMPORT_ROUNDS = 15;

const ROUNDS = 61;
const ITERATIONS = 1_000;

/** µs per call of each variant, one sample per round. */
async function measureCalls(): Promise<Record<string, number[]>> {
  const entries = Object.entries(variants);
  const samples: Record<string, number[]> = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (const [, run] of entries) await perCall(run, 5 * ITERATIONS); // warm-up: let the JIT settle
  // Short rounds interleave the variants, in alternating order, so drift (GC, CPU frequency, other
  // processes on a shared box) hits all of them alike; the median drops the rounds that drift hit.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of round % 2 ? [...entries].reverse() : entries) {
      samples[name]?.push(await perCall(run, ITERATIONS));
    }
  }
  return samples;
}

/** The median over rounds of `xs[i] / anchor[i]`: each ratio compares calls made moments apart. */
const medianRatio = (xs: number[], anchor: number[]) => median(xs.map((x, i) => x / (anchor[i] as number)));

const only = process.argv[2]; // "calls", "size" or "import": run one part only
if (only === undefined || only === "calls") {
  const calls = await measureCalls();
  const plain = calls["plain fetch"] as number[];
  const openapiFetch = calls["bare openapi-fetch"] as number[];
  console.log(`Per call, through an in-process fake fetch (medians over ${ROUNDS} rounds of ${ITERATIONS} calls):`);
  for (const [name, us] of Object.entries(calls)) {
    console.log(
      `  ${name.padEnd(20)} ${median(us).toFixed(2).padStart(7)} µs  ×${medianRatio(us, plain).toFixed(2)} plain fetch  ×${medianRatio(us, openapiFetch).toFixed(3)} openapi-fetch`,
    );
  }
  for (const name of ["graph-lro client", "…, token function"]) {
    const ratio = medianRatio(calls[name] as number[], openapiFetch);
    console.log(`  target for ${name}: at most ×${MAX_RATIO} openapi-fetch: ${ratio <= MAX_RATIO ? "met" : "MISSED"}`);
  }
}

if (only === undefined || only === "size") {
  const sizes = Object.fromEntries(
    await Promise.all(Object.entries(APPS).map(async ([name, app]) => [name, await appSize(app.source)] as const)),
  );
  const bare = (sizes["bare openapi-fetch"] as { gzip: number }).gzip;
  console.log("Bundle of an app (esbuild --bundle --minify --format=esm --platform=browser of dist/, gzip -9):");
  for (const [name, { min, gzip }] of Object.entries(sizes)) {
    const app = APPS[name];
    const budget = app && budgetOf(app);
    const target = budget === undefined ? "" : `  target ≤ ${budget} B: ${gzip <= budget ? "met" : "MISSED"}`;
    console.log(
      `  ${name.padEnd(24)} ${String(min).padStart(6)} B min ${String(gzip).padStart(6)} B gzip  (+${gzip - bare} B over bare openapi-fetch)${target}`,
    );
  }
}

if (only === undefined || only === "import") {
  const times = await importTimes(["graph-lro", "openapi-fetch"], IMPORT_ROUNDS);
  const ours = median(times["graph-lro"] as number[]);
  const anchor = median(times["openapi-fetch"] as number[]);
  console.log(`Start-up: await import() in a fresh Node process (medians of ${IMPORT_ROUNDS} alternating runs each):`);
  console.log(`  graph-lro      ${ours.toFixed(1).padStart(6)} ms  ×${(ours / anchor).toFixed(2)} openapi-fetch`);
  console.log(`  openapi-fetch  ${anchor.toFixed(1).padStart(6)} ms`);
  console.log(
    `  target: at most ×${MAX_IMPORT_RATIO} openapi-fetch: ${ours / anchor <= MAX_IMPORT_RATIO ? "met" : "MISSED"}`,
  );
}

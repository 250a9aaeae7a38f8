// npm run bench: the client's cost per call and in a browser bundle, as ratios against anchors
// measured in the same run (a direct fake-fetch call, and bare openapi-fetch).
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import type { paths } from "../generated/graph-lro.ts";
import { createGraphLroClient } from "../src/index.ts";

const projectDir = resolve(import.meta.dirname, "..");
const BASE = servers[0].url;
const ALERT_PATH = operations["identityGovernance.roleManagementAlerts.GetOperations"].path;
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

// Issue 4's targets, printed beside the figures.
const MAX_RATIO = 1.1;
const MAX_ADDED_GZIP = 1536;

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

const APPS = {
  "bare openapi-fetch": `
    import createClient from "openapi-fetch";
    const api = createClient({ baseUrl: ${JSON.stringify(BASE)}, headers: { authorization: "Bearer t" } });
    console.log(
      await api.GET(${JSON.stringify(ALERT_PATH)}, { params: { path: { "longRunningOperation-id": "a" } } }),
      await api.GET(${JSON.stringify(USER_PATH)}, { params: { path: { "user-id": "u", "longRunningOperation-id": "o" } } }),
    );`,
  "graph-lro client": `
    import { createGraphLroClient } from "./src/index.ts";
    const api = createGraphLroClient({ token: () => "t" });
    console.log(
      await api.getRoleManagementAlertOperation("a"),
      await api.getUserAuthenticationOperation("u", "o"),
    );`,
};

async function bundleSize(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: projectDir, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code).byteLength };
}

const only = process.argv[2]; // "calls" or "size": run one half only
if (only !== "size") {
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

if (only !== "calls") {
  const sizes = Object.fromEntries(
    await Promise.all(Object.entries(APPS).map(async ([name, app]) => [name, await bundleSize(app)] as const)),
  );
  const bareSize = sizes["bare openapi-fetch"] as { gzip: number };
  console.log(
    "Bundle of an app calling both endpoints (esbuild --bundle --minify --format=esm --platform=browser, gzip):",
  );
  for (const [name, { min, gzip }] of Object.entries(sizes)) {
    console.log(
      `  ${name.padEnd(20)} ${min} B min  ${gzip} B gzip  (+${gzip - bareSize.gzip} B gzip over bare openapi-fetch)`,
    );
  }
  const added = (sizes["graph-lro client"] as { gzip: number }).gzip - bareSize.gzip;
  console.log(`  target: at most +${MAX_ADDED_GZIP} B gzip: ${added <= MAX_ADDED_GZIP ? "met" : "MISSED"}`);
}

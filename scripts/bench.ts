// npm run bench: the client's cost per call and in a browser bundle, as ratios against anchors
// measured in the same run (a direct fake-fetch call, and bare openapi-fetch).
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../generated/graph-lro.ts";
import { createGraphLroClient } from "../src/index.ts";

const projectDir = resolve(import.meta.dirname, "..");
const BASE = "https://graph.microsoft.com/beta";
const USER_PATH = "/users/{user-id}/authentication/operations/{longRunningOperation-id}";
const BODY = JSON.stringify({
  id: "74bfa1a6-c0e0-4957-8c37-f91048f4959e",
  createdDateTime: "2020-05-14T00:23:40Z",
  lastActionDateTime: "2020-05-14T00:23:41Z",
  status: "running",
  statusDetail: "",
  resourceLocation: "",
});

/** An in-process Graph: every variant pays for the same Response. */
const fakeFetch = async (_request: Request) =>
  new Response(BODY, { headers: { "content-type": "application/json", "request-id": "r" } });

const bare = createClient<paths>({ baseUrl: BASE, fetch: fakeFetch, headers: { accept: "application/json" } });
const client = createGraphLroClient({ fetch: fakeFetch, token: "t0ken" });

const variants: Record<string, () => Promise<unknown>> = {
  "plain fetch": async () => {
    const url = `${BASE}/users/${encodeURIComponent("alice@contoso.com")}/authentication/operations/op-1`;
    const response = await fakeFetch(new Request(url, { headers: { accept: "application/json" } }));
    return response.json();
  },
  "bare openapi-fetch": () =>
    bare.GET(USER_PATH, { params: { path: { "user-id": "alice@contoso.com", "longRunningOperation-id": "op-1" } } }),
  "graph-lro client": () => client.getUserAuthenticationOperation("alice@contoso.com", "op-1"),
};

async function perCall(run: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return ((performance.now() - started) * 1000) / iterations;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function measureCalls(): Promise<Record<string, number>> {
  const rounds = 25;
  const iterations = 2_000;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) await perCall(run, iterations); // warm-up
  // Rounds interleave the variants, so drift (GC, CPU frequency) hits all of them alike.
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) samples[name]?.push(await perCall(run, iterations));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
}

const APPS = {
  "bare openapi-fetch": `
    import createClient from "openapi-fetch";
    const api = createClient({ baseUrl: "https://graph.microsoft.com/beta", headers: { authorization: "Bearer t" } });
    console.log(
      await api.GET("/identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id}", { params: { path: { "longRunningOperation-id": "a" } } }),
      await api.GET("/users/{user-id}/authentication/operations/{longRunningOperation-id}", { params: { path: { "user-id": "u", "longRunningOperation-id": "o" } } }),
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

const calls = await measureCalls();
const anchor = calls["plain fetch"] as number;
const openapiFetch = calls["bare openapi-fetch"] as number;
console.log("Per call, through an in-process fake fetch (median of 25 rounds of 2000 calls):");
for (const [name, us] of Object.entries(calls)) {
  console.log(
    `  ${name.padEnd(20)} ${us.toFixed(2).padStart(7)} µs  ×${(us / anchor).toFixed(2)} plain fetch  ×${(us / openapiFetch).toFixed(2)} openapi-fetch`,
  );
}

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

// npm run bench (part 5): graph-lro's handlers under msw's setupServer (the README's contract-test pattern) against
// a plain msw handler written for the same request, per request through the patched global fetch. Target: ×1.0.
// usage: npx tsx scripts/bench-msw.ts [--before <project-dir>]
//   --before: an older tree (its src/mock), measured too, alternating with the others
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { HttpResponse, http, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { createGraphLroHandlers } from "../src/mock/index.ts";
import type { OpenApiDocument } from "../src/mock/openapi-document.ts";
import { specOperations } from "../src/mock/spec-operations.ts";
import { mapPathParameters } from "../src/openapi/paths.ts";

const MAX_RATIO = 1.0;
const ROUNDS = 31;
const REQUESTS = 300;

/**
 * Each operation of the spec that reports one, by its first example with an id (the mock answers that id with the
 * example, as a plain handler would), on the first and the last cloud (one handler per cloud made the last one
 * the slowest to reach). Other path parameters get a user principal name.
 */
const cases = specOperations(spec as unknown as OpenApiDocument).flatMap((operation) => {
  const example = operation.examples.find((e) => typeof (e.value as { id?: unknown }).id === "string");
  if (example === undefined) return [];
  const id = (example.value as { id: string }).id;
  const path = mapPathParameters(operation.path, (name) =>
    encodeURIComponent(name === operation.idParameter ? id : "alice@contoso.com"),
  );
  const [first, last] = [servers[0], servers.at(-1) ?? servers[0]];
  return [first, last].map((server) => ({
    name: `${operation.operationId} on ${server["x-graph-cloud"]}`,
    url: `${server.url}${path}`,
    body: example.value as Record<string, unknown>,
  }));
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const server = setupServer();
server.listen({ onUnhandledRequest: "error" });
const headers = { authorization: "Bearer t0ken" };

async function perRequest(handlers: RequestHandler[], url: string, requests: number): Promise<number> {
  server.resetHandlers(...handlers);
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const response = await fetch(url, { headers });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.json();
  }
  return ((performance.now() - started) * 1000) / requests;
}

const at = process.argv.indexOf("--before");
const beforeDir = at > 0 ? process.argv[at + 1] : undefined;
const beforeMock: typeof import("../src/mock/index.ts") | undefined = beforeDir
  ? await import(pathToFileURL(resolve(beforeDir, "src/mock/index.ts")).href)
  : undefined;

console.log(`Under msw's setupServer, µs per request (medians over ${ROUNDS} alternating rounds of ${REQUESTS}):`);
let missed = false;
const ours = createGraphLroHandlers();
const before = beforeMock?.createGraphLroHandlers();
for (const { name, url, body } of cases) {
  // What one writes by hand for this request: its URL, its example, a request-id as Graph sends.
  const plain = [http.get(url, () => HttpResponse.json(body, { headers: { "request-id": crypto.randomUUID() } }))];
  const contenders: [string, RequestHandler[]][] = [
    ["graph-lro", ours],
    ["plain msw", plain],
    ...(before ? [["before", before] as [string, RequestHandler[]]] : []),
  ];
  const samples = new Map<string, number[]>(contenders.map(([key]) => [key, []]));
  for (const [, handlers] of contenders) await perRequest(handlers, url, 5 * REQUESTS); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, handlers] of round % 2 ? [...contenders].reverse() : contenders) {
      samples.get(key)?.push(await perRequest(handlers, url, REQUESTS));
    }
  }
  const anchor = samples.get("plain msw") as number[];
  const ratioOf = (key: string) => median((samples.get(key) as number[]).map((x, i) => x / (anchor[i] as number)));
  const ratio = ratioOf("graph-lro");
  missed ||= ratio > MAX_RATIO;
  const figures = contenders.map(
    ([key]) =>
      `${key} ${median(samples.get(key) as number[])
        .toFixed(0)
        .padStart(4)} µs`,
  );
  const was = before ? `, before ×${ratioOf("before").toFixed(2)}` : "";
  console.log(
    `  ${name}\n    ${figures.join("  ")}  ×${ratio.toFixed(2)} plain msw${was}; target ≤ ×${MAX_RATIO}: ${ratio <= MAX_RATIO ? "met" : "MISSED"}`,
  );
}
server.close();
if (missed) process.exitCode = 1;

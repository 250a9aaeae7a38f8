// npm run bench (part 3): 10,000 waits at once, by graph-lro's waitForOperation and by @azure/core-lro's
// createHttpPoller, on one fake fetch that answers each operation `running` until its last poll: CPU per poll and
// heap per pending wait, as ratios of core-lro's, measured in alternating rounds of the same process. graph-lro
// is measured as it ships, src/index.ts bundled as `npm run build` bundles it: run from src/ by tsx, whose
// transform keeps names, every closure created would also be passed to a `__name` call giving it a property.
// usage: npx tsx --expose-gc scripts/bench-poll-load.ts [--before <project-dir>]
//   --before: an older tree (its src/index.ts, bundled the same way), measured too, alternating with the others
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createHttpPoller } from "@azure/core-lro";
import { build } from "esbuild";
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { BUNDLE_OPTIONS } from "./lib/bundle-options.ts";

const WAITS = 10_000;
const POLLS = 5;
const INTERVAL_MS = 10;
const ROUNDS = 5;
const MAX_CPU_RATIO = 1.1;
const MAX_HEAP_RATIO = 1;

const { examples } = spec.components;
const RUNNING = JSON.stringify(examples.passwordResetRunning.value);
const SUCCEEDED = JSON.stringify(examples.passwordResetSucceeded.value);
const PATH = operations["users.authentication.GetOperations"].path;
const urlOf = (i: number) =>
  `${servers[0].url}${PATH.replace("{user-id}", `user${i}`).replace("{longRunningOperation-id}", `op${i}`)}`;

type Library = Pick<typeof import("../src/index.ts"), "createGraphLroClient" | "waitForOperation">;
const projectDir = resolve(import.meta.dirname, "..");
// In the project (`*.tmp`: git ignores it), so that the bundle's imports of packages resolve to its node_modules.
const bundles = join(projectDir, `.bench-poll-${randomUUID().slice(0, 8)}.tmp`);

/** `dir`'s src/index.ts, bundled as the package's dist/index.js is, and imported. */
async function bundled(dir: string, name: string): Promise<Library> {
  const outfile = join(bundles, `${name}.js`);
  await build({ ...BUNDLE_OPTIONS, absWorkingDir: projectDir, entryPoints: [resolve(dir, "src/index.ts")], outfile });
  return import(pathToFileURL(outfile).href);
}

const at = process.argv.indexOf("--before");
const beforeDir = at > 0 ? process.argv[at + 1] : undefined;
let lib: Library;
let beforeLib: Library | undefined;
try {
  lib = await bundled(projectDir, "after");
  beforeLib = beforeDir ? await bundled(beforeDir, "before") : undefined;
} finally {
  await rm(bundles, { recursive: true, force: true });
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** A fake Graph: each URL answers `running` POLLS - 1 times, then `succeeded`; `onPoll` sees every poll. */
function fakeGraph(onPoll: (polls: number) => void) {
  const seen = new Map<string, number>();
  let polls = 0;
  return async (input: Request | string): Promise<Response> => {
    const url = typeof input === "string" ? input : input.url;
    const count = (seen.get(url) ?? 0) + 1;
    seen.set(url, count);
    onPoll(++polls);
    return new Response(count < POLLS ? RUNNING : SUCCEEDED, {
      headers: { "content-type": "application/json", "request-id": "r" },
    });
  };
}

/** Given the round's fetch, a function that waits for operation `i`. */
type Waiter = (fetch: (input: Request | string) => Promise<Response>) => (i: number) => Promise<unknown>;

/** graph-lro's waitForOperation, from `lib` (this tree's src/, or the --before tree's). */
const graphLro =
  (lib: Library): Waiter =>
  (fetch) => {
    // One client for every wait, as an app has.
    const client = lib.createGraphLroClient({
      token: "t0ken",
      fetch: fetch as (request: Request) => Promise<Response>,
    });
    return (i) => lib.waitForOperation(client, urlOf(i), { intervalMs: INTERVAL_MS, backoffFactor: 1 });
  };

const contenders: Record<string, Waiter> = {
  "graph-lro waitForOperation": graphLro(lib),
  "@azure/core-lro 3.3.1": (fetch) => (i) => {
    // What a user of core-lro writes to poll Graph: GET the URL, read the JSON body, hand over status and headers.
    const sendPollRequest = async (path: string, options?: { abortSignal?: unknown }) => {
      const signal = options?.abortSignal as AbortSignal | undefined;
      const request = new Request(path, { headers: { authorization: "Bearer t0ken" }, signal });
      const response = await fetch(request);
      const body = (await response.json()) as Record<string, unknown>;
      const headers = Object.fromEntries(response.headers);
      return {
        flatResponse: body,
        rawResponse: { statusCode: response.status, request: { method: "GET", url: path }, headers, body },
      };
    };
    const poller = createHttpPoller(
      {
        sendInitialRequest: async () => ({
          flatResponse: {},
          rawResponse: {
            statusCode: 202,
            request: { method: "POST", url: urlOf(i) },
            headers: { "operation-location": urlOf(i) },
          },
        }),
        sendPollRequest,
      },
      { intervalInMs: INTERVAL_MS, skipFinalGet: true },
    );
    return poller.pollUntilDone();
  },
  ...(beforeLib && { "graph-lro before": graphLro(beforeLib) }),
};

/** One round of WAITS waits: µs of CPU per poll, and bytes of heap per wait while all are pending. */
async function round(wait: Waiter): Promise<{ cpuUs: number; heapBytes: number }> {
  // Twice, a task apart: what the last round left to finalization registries (undici's Requests) goes only then.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  const base = process.memoryUsage().heapUsed;
  let heap = 0;
  // Halfway through the second polls every wait is under way: the heap then, less the base, is what they hold.
  const fetch = fakeGraph((polls) => {
    if (polls === WAITS + WAITS / 2) {
      gc();
      heap = process.memoryUsage().heapUsed - base;
    }
  });
  const started = process.cpuUsage();
  const waitFor = wait(fetch);
  await Promise.all(Array.from({ length: WAITS }, (_, i) => waitFor(i)));
  const { user, system } = process.cpuUsage(started);
  return { cpuUs: (user + system) / (WAITS * POLLS), heapBytes: heap / WAITS };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const entries = Object.entries(contenders);
const results: Record<string, { cpuUs: number; heapBytes: number }[]> = Object.fromEntries(
  entries.map(([name]) => [name, []]),
);
for (const [, wait] of entries) await round(wait); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, wait] of r % 2 ? [...entries].reverse() : entries) results[name]?.push(await round(wait));
}
type Rows = { cpuUs: number; heapBytes: number }[];
const [ours, theirs, before] = entries.map(([name]) => results[name] ?? []) as [Rows, Rows, Rows | undefined];
/** The medians of the rounds' ratios of `rows` to core-lro's: CPU per poll and heap per wait. */
const ratiosOf = (rows: Rows) => ({
  cpu: median(rows.map((o, i) => o.cpuUs / (theirs[i]?.cpuUs as number))),
  heap: median(rows.map((o, i) => o.heapBytes / (theirs[i]?.heapBytes as number))),
});
const { cpu: cpuRatio, heap: heapRatio } = ratiosOf(ours);
console.log(
  `Poller, ${WAITS.toLocaleString("en")} waits at once, ${POLLS} polls each ${INTERVAL_MS} ms apart (medians of ${ROUNDS} alternating rounds):`,
);
for (const [name, rows] of Object.entries(results)) {
  const cpu = median(rows.map((row) => row.cpuUs)).toFixed(1);
  const heap = (median(rows.map((row) => row.heapBytes)) / 1024).toFixed(1);
  console.log(`  ${name.padEnd(28)} ${cpu.padStart(6)} µs CPU per poll ${heap.padStart(6)} KB heap per wait`);
}
const verdict = (ratio: number, most: number) => `${ratio <= most ? "met" : "MISSED"}`;
const was = before ? ratiosOf(before) : undefined;
console.log(
  `  CPU per poll ×${cpuRatio.toFixed(2)} core-lro's${was ? ` (before ×${was.cpu.toFixed(2)})` : ""}, target at most ×${MAX_CPU_RATIO}: ${verdict(cpuRatio, MAX_CPU_RATIO)}`,
);
console.log(
  `  heap per wait ×${heapRatio.toFixed(2)} core-lro's${was ? ` (before ×${was.heap.toFixed(2)})` : ""}, target below ×${MAX_HEAP_RATIO}: ${heapRatio < MAX_HEAP_RATIO ? "met" : "MISSED"}`,
);
if (cpuRatio > MAX_CPU_RATIO || heapRatio >= MAX_HEAP_RATIO) process.exitCode = 1;

// npm run bench (part 3): 10,000 waits at once, by graph-lro's waitForOperation and by @azure/core-lro's
// createHttpPoller, on one fake fetch that answers each operation `running` until its last poll: CPU per poll and
// heap per pending wait, as ratios of core-lro's, measured in alternating rounds of the same process.
// usage: npx tsx --expose-gc scripts/bench-poll-load.ts
import { createHttpPoller } from "@azure/core-lro";
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { createGraphLroClient, waitForOperation } from "../src/index.ts";

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

const contenders: Record<string, Waiter> = {
  "graph-lro waitForOperation": (fetch) => {
    // One client for every wait, as an app has.
    const client = createGraphLroClient({ token: "t0ken", fetch: fetch as (request: Request) => Promise<Response> });
    return (i) => waitForOperation(client, urlOf(i), { intervalMs: INTERVAL_MS, backoffFactor: 1 });
  },
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
};

/** One round of WAITS waits: µs of CPU per poll, and bytes of heap per wait while all are pending. */
async function round(wait: Waiter): Promise<{ cpuUs: number; heapBytes: number }> {
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
const [ours, theirs] = entries.map(([name]) => results[name] ?? []) as [Rows, Rows];
const cpuRatio = median(ours.map((o, i) => o.cpuUs / (theirs[i]?.cpuUs as number)));
const heapRatio = median(ours.map((o, i) => o.heapBytes / (theirs[i]?.heapBytes as number)));
console.log(
  `Poller, ${WAITS.toLocaleString("en")} waits at once, ${POLLS} polls each ${INTERVAL_MS} ms apart (medians of ${ROUNDS} alternating rounds):`,
);
for (const [name, rows] of Object.entries(results)) {
  const cpu = median(rows.map((row) => row.cpuUs)).toFixed(1);
  const heap = (median(rows.map((row) => row.heapBytes)) / 1024).toFixed(1);
  console.log(`  ${name.padEnd(28)} ${cpu.padStart(6)} µs CPU per poll ${heap.padStart(6)} KB heap per wait`);
}
const verdict = (ratio: number, most: number) => `${ratio <= most ? "met" : "MISSED"}`;
console.log(
  `  CPU per poll ×${cpuRatio.toFixed(2)} core-lro's, target at most ×${MAX_CPU_RATIO}: ${verdict(cpuRatio, MAX_CPU_RATIO)}`,
);
console.log(
  `  heap per wait ×${heapRatio.toFixed(2)} core-lro's, target below ×${MAX_HEAP_RATIO}: ${heapRatio < MAX_HEAP_RATIO ? "met" : "MISSED"}`,
);
if (cpuRatio > MAX_CPU_RATIO || heapRatio >= MAX_HEAP_RATIO) process.exitCode = 1;

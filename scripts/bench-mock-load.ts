// npm run bench (part 4): 20,000 waits at once on the mock (in process, createMockFetch), each on its own operation
// id with the `progress` story, on a simulated clock: how many reach their story's end (target: all; every one of
// 10,001 timed out when the mock forgot stories past 10,000 ids).
// usage: npx tsx scripts/bench-mock-load.ts
import { operations, servers } from "../generated/graph-lro.routes.ts";
import { createGraphLroClient, waitForOperation } from "../src/index.ts";
import { createGraphLroHandlers, createMockFetch } from "../src/mock/index.ts";

const IDS = 20_000;
const PATH = operations["identityGovernance.roleManagementAlerts.GetOperations"].path;
const urlOf = (i: number) => `${servers[0].url}${PATH.replace("{longRunningOperation-id}", `op-${i}`)}`;

const handlers = createGraphLroHandlers({
  stories: Object.fromEntries(Array.from({ length: IDS }, (_, i) => [`op-${i}`, "progress" as const])),
});
const fetch = createMockFetch(handlers);
let now = 0;
// Simulated time: every wait's Retry-After passes at once, so the run measures the mock, not the clock.
const client = createGraphLroClient({
  token: "t0ken",
  fetch,
  clock: {
    now: () => now,
    sleep: async (ms) => {
      now += ms / IDS;
    },
  },
});
const started = performance.now();
const results = await Promise.allSettled(
  Array.from({ length: IDS }, (_, i) => waitForOperation(client, urlOf(i), { timeoutMs: 3_600_000 })),
);
const seconds = (performance.now() - started) / 1000;
const ended = results.filter((r) => r.status === "fulfilled" && r.value.status === "succeeded").length;
console.log(
  `Mock, ${IDS.toLocaleString("en")} operation ids polled at once (the progress story each, simulated clock):`,
);
console.log(
  `  reached their story's end: ${ended.toLocaleString("en")} of ${IDS.toLocaleString("en")} in ${seconds.toFixed(1)} s, target all: ${ended === IDS ? "met" : "MISSED"}`,
);
console.log(`  contract violations: ${handlers.violations.length} (target 0)`);
if (ended !== IDS) process.exitCode = 1;

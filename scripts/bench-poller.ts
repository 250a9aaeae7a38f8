// npm run bench (part 2): how many requests the poller makes on each mock story, against the
// fewest the server's Retry-After allows, on a simulated clock (no real waiting).
import { operations } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { createGraphLroClient, POLL_DEFAULTS, type PollOptions, waitForOperation } from "../src/index.ts";
import { builtInStories, createGraphLroHandlers, createMockFetch, defineStory, type Story } from "../src/mock/index.ts";
import { isTerminal } from "../src/poller/poll-schedule.ts";

const URL = `${spec.servers[0].url}${operations["identityGovernance.roleManagementAlerts.GetOperations"].path.replace("{longRunningOperation-id}", "op")}`;
const storyFetch = (story: Story) => createMockFetch(createGraphLroHandlers({ stories: { op: story } }));

/** Waits for the operation on a simulated clock; `answer` picks the mock that answers at each moment. */
async function simulate(answer: (now: number) => typeof fetch, options: PollOptions = {}) {
  let now = 0;
  let requests = 0;
  const sleep = async (ms: number) => {
    now += ms;
  };
  const fetch = (request: Request) => {
    requests++;
    return answer(now)(request);
  };
  // The client's clock times its retries and the polls.
  const client = createGraphLroClient({ token: "t", fetch, clock: { now: () => now, sleep } });
  await waitForOperation(client, URL, { timeoutMs: 3_600_000, ...options }).catch(() => {});
  return { requests, ms: now };
}

/** The fewest requests possible: one per response the story gives before its terminal one, and that one. */
function minimum(story: Story): number {
  return story.findIndex((step) => step.kind === "operation" && isTerminal(step.status)) + 1;
}

console.log("Poller: requests per story against the minimum the server's Retry-After allows");
const rows = [["story", "requests", "minimum", "equal", "simulated time"]];
let allEqual = true;
for (const [name, story] of Object.entries(builtInStories)) {
  const fewest = minimum(story);
  if (fewest === 0) continue; // unauthorized, forbidden: errors, nothing to wait for
  const fetch = storyFetch(story);
  const { requests, ms } = await simulate(() => fetch);
  allEqual &&= requests === fewest;
  rows.push([
    name,
    String(requests),
    String(fewest),
    requests === fewest ? "yes" : "NO",
    `${(ms / 1000).toFixed(1)} s`,
  ]);
}
for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(i === 0 ? 20 : 10)).join("")}`);

// An alert refresh as long as the docs' example (22:50:41 → 22:56:09), with no Retry-After at all.
const refreshMs = 328_000;
const running = storyFetch(defineStory().operation("running").build());
const succeeded = storyFetch(defineStory().operation("succeeded").build());
const refresh = (now: number) => (now >= refreshMs ? succeeded : running);
const ours = await simulate(refresh);
const fixed = await simulate(refresh, { intervalMs: 2000, backoffFactor: 1 });
const line = (what: string, r: { requests: number; ms: number }) =>
  `  ${what.padEnd(42)}${String(r.requests).padStart(4)} requests, done ${((r.ms - refreshMs) / 1000).toFixed(1)} s after the operation`;
console.log(`\nA ${refreshMs / 1000} s alert refresh without Retry-After:`);
console.log(
  line(
    `graph-lro (${POLL_DEFAULTS.intervalMs} ms ×${POLL_DEFAULTS.backoffFactor} to ${POLL_DEFAULTS.maxIntervalMs} ms)`,
    ours,
  ),
);
console.log(line("fixed 2 s polling (@azure/core-lro)", fixed));
console.log(`  requests, graph-lro / fixed 2 s: ${(ours.requests / fixed.requests).toFixed(2)}`);
if (!allEqual) process.exitCode = 1;

// Deno, with graph-lro and msw installed by npm and "nodeModulesDir": "manual" in deno.json:
// deno run --allow-env deno.ts
// (msw reads NODE_ENV; the real Graph needs --allow-net=graph.microsoft.com instead of the mock)
import { createGraphLroClient, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, createMockFetch, defineStory } from "graph-lro/mock";

// A mock of Graph in which operation "op-1" is running, asks to be polled again in 1 s, then succeeds.
// For the real Graph, leave out `fetch` and pass your token (a string, or a function returning one).
const story = defineStory().operation("running", { retryAfter: 1 }).operation("succeeded").build();
const fetch = createMockFetch(createGraphLroHandlers({ stories: { "op-1": story } }));
const graph = createGraphLroClient({ fetch, token: "mock-token" });

const operation = await waitForOperation(
  graph,
  { kind: "roleManagementAlert", operationId: "op-1" }, // or the Location URL of Graph's 202
  // A retried answer (a 429, say) comes without an operation.
  {
    onProgress: (op, p) =>
      console.log(p.kind === "retry" ? `retry after ${p.status}` : `poll ${p.attempt}: ${op?.status}`),
  },
);
console.log(`done: ${operation.status}`);
// msw keeps a BroadcastChannel open, which Deno (unlike Node) waits for: exit explicitly.
Deno.exit(0);

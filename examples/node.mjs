// Node ≥ 20.19, after installing graph-lro and msw (msw only for the mock): node node.mjs
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
  {
    onProgress: (op, p) =>
      console.log(p.kind === "retry" ? `retry after ${p.status}` : `poll ${p.attempt}: ${op?.status}`),
  },
);
console.log(`done: ${operation.status}`);

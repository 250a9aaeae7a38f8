// Browsers: bundle with `npx esbuild browser.ts --bundle --format=esm --outfile=app.js` and load
// app.js from a page that has an <output> element.
import { createGraphLroClient, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, createMockFetch, defineStory } from "graph-lro/mock";

// A mock of Graph in which operation "op-1" is running, asks to be polled again in 1 s, then succeeds.
// For the real Graph, leave out `fetch` and pass a token from your sign-in library (MSAL.js, for example).
const story = defineStory().operation("running", { retryAfter: 1 }).operation("succeeded").build();
const fetch = createMockFetch(createGraphLroHandlers({ stories: { "op-1": story } }));
const graph = createGraphLroClient({ fetch, token: "mock-token" });

const output = document.querySelector("output") as HTMLOutputElement;
const operation = await waitForOperation(
  graph,
  { kind: "roleManagementAlert", operationId: "op-1" },
  // A retried answer (a 429, say) comes without an operation.
  {
    onProgress: (op, p) =>
      output.append(p.kind === "retry" ? `retry after ${p.status}\n` : `poll ${p.attempt}: ${op?.status}\n`),
  },
);
output.append(`done: ${operation.status}\n`);

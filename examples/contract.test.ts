// A contract test with Vitest and msw, after installing graph-lro, msw and vitest: npx vitest run

import { createGraphLroClient, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, formatCoverage } from "graph-lro/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// Operation "op-1" is throttled once (429 with Retry-After), then succeeds.
const handlers = createGraphLroHandlers({ stories: { "op-1": "throttled" } });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => handlers.reset()); // every story starts over
afterAll(() => {
  server.close();
  console.log(formatCoverage(handlers.coverage())); // which declared responses did the suite reach?
});

it("waits out a 429 and sees the operation succeed", async () => {
  const noWait = async () => {}; // the Retry-After is honoured without the test sleeping
  const graph = createGraphLroClient({ token: "mock-token", sleep: noWait });
  const operation = await waitForOperation(graph, { kind: "roleManagementAlert", operationId: "op-1" });
  expect(operation.status).toBe("succeeded");
  expect(handlers.violations).toEqual([]); // nothing broke the spec, in the requests or the answers
});

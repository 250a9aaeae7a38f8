// A contract test with Vitest and msw, after installing graph-lro, msw and vitest: npx vitest run

import { createGraphLroClient, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, formatCoverage } from "graph-lro/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";

// Operation "op-1" runs (asking to be polled again in 2 s) and succeeds; "op-2" is throttled once (429).
const handlers = createGraphLroHandlers({ stories: { "op-1": "progress", "op-2": "throttled" } });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => handlers.reset()); // every story starts over
afterAll(() => {
  server.close();
  console.log(formatCoverage(handlers.coverage())); // which declared responses did the suite reach?
});

it("waits for an operation on a virtual clock: one clock for the client's retries and the polls", async () => {
  let now = 0;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms; // time passes, and no test sleeps
    },
  };
  const graph = createGraphLroClient({ token: "mock-token", clock });
  const operation = await waitForOperation(graph, { kind: "roleManagementAlert", operationId: "op-1" });
  expect(operation.status).toBe("succeeded");
  expect(handlers.violations).toEqual([]); // nothing broke the spec, in the requests or the answers
});

it("or with Vitest's fake timers, and sees the retried 429", async () => {
  vi.useFakeTimers();
  const retried: number[] = [];
  const graph = createGraphLroClient({ token: "mock-token", onRetry: ({ status }) => retried.push(status) });
  const waiting = waitForOperation(graph, { kind: "roleManagementAlert", operationId: "op-2" });
  await vi.runAllTimersAsync();
  expect((await waiting).status).toBe("succeeded");
  expect(retried).toEqual([429]);
  vi.useRealTimers();
});

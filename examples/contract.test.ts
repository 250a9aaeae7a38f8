// A contract test with Vitest and msw, after installing graph-lro, msw and vitest: npx vitest run

import { createGraphLroClient, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, formatCoverage } from "graph-lro/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";

const handlers = createGraphLroHandlers({ stories: { "op-1": "progress", "op-2": "throttled" } });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => handlers.reset()); // every story starts over
afterAll(() => {
  server.close();
  console.log(formatCoverage(handlers.coverage())); // which declared responses did the suite reach?
});

it("waits on a virtual clock, which times both retries and polls", async () => {
  let now = 0;
  const sleep = async (ms: number) => {
    now += ms; // time passes, and the test does not wait
  };
  const graph = createGraphLroClient({ token: "mock-token", clock: { now: () => now, sleep } });
  const operation = await waitForOperation(graph, { kind: "roleManagementAlert", operationId: "op-1" });
  expect(operation.status).toBe("succeeded");
  expect(handlers.violations).toEqual([]); // nothing broke the spec, in the requests or the answers
});

it("or on Vitest's fake timers, and sees the 429 retried", async () => {
  vi.useFakeTimers();
  const retried: number[] = [];
  const graph = createGraphLroClient({ token: "mock-token", onRetry: ({ status }) => retried.push(status) });
  const waiting = waitForOperation(graph, { kind: "roleManagementAlert", operationId: "op-2" });
  await vi.runAllTimersAsync();
  expect([(await waiting).status, retried]).toEqual(["succeeded", [429]]);
  vi.useRealTimers();
});

// A contract test with Vitest and msw, after installing graph-lro, msw and vitest: npx vitest run

import { createGraphLroClient, OperationFailedError, startOperation, waitForOperation } from "graph-lro";
import { createGraphLroHandlers, formatCoverage } from "graph-lro/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// No handler of your own: the POSTs that start operations and the GETs that poll them come from the spec.
const handlers = createGraphLroHandlers({ starts: { resetPassword: "failed" } }); // others play "progress"
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => handlers.reset()); // every story starts over
afterAll(() => {
  server.close();
  console.log(formatCoverage(handlers.coverage())); // which declared responses did the suite reach?
});

let now = 0;
const sleep = async (ms: number) => {
  now += ms; // a virtual clock times retries and polls: time passes, and the test does not wait
};
const graph = createGraphLroClient({ token: "mock-token", clock: { now: () => now, sleep } });

it("refreshes the alerts of a scope: a 202 with a Location, then the operation succeeds", async () => {
  const started = await startOperation(graph, "refreshAlerts", { scopeId: "/", scopeType: "DirectoryRole" });
  expect(started.status).toBe(202);
  expect((await waitForOperation(graph, started)).status).toBe("succeeded");
  expect(handlers.violations).toEqual([]); // nothing broke the spec, in the requests or the answers
});

it("reports a password reset whose operation fails", async () => {
  const started = await startOperation(graph, "resetPassword", { userId: "alice@contoso.com" });
  await expect(waitForOperation(graph, started)).rejects.toThrow(OperationFailedError);
});

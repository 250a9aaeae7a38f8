import { describe, expectTypeOf, it } from "vitest";
import { type Clock, createGraphLroClient, type RetryEvent, waitForOperation } from "../../src/index.ts";

// Run by Vitest's typecheck: a clock is given whole, never a sleep without its now.
describe("clock types", () => {
  const sleep = async (_ms: number, _signal: AbortSignal) => {};

  it("takes { now, sleep } together, on the client and the poller", () => {
    const clock: Clock = { now: () => 0, sleep };
    const graph = createGraphLroClient({ clock, onRetry: (retry) => expectTypeOf(retry).toEqualTypeOf<RetryEvent>() });
    expectTypeOf(graph.clock).toEqualTypeOf<Clock>();
    expectTypeOf(waitForOperation(graph, "x", { clock })).resolves.toHaveProperty("status");
  });

  it("refuses a clock without its now, or without its sleep", () => {
    // @ts-expect-error a sleep without its now
    createGraphLroClient({ clock: { sleep } });
    // @ts-expect-error a now without its sleep
    createGraphLroClient({ clock: { now: () => 0 } });
    const graph = createGraphLroClient();
    // @ts-expect-error the poller's clock too
    waitForOperation(graph, "x", { clock: { sleep } });
  });

  it("has no separate now or sleep option (the poller's: test/poller/types.test-d.ts)", () => {
    // @ts-expect-error a sleep alone
    createGraphLroClient({ sleep });
    // @ts-expect-error a now alone
    createGraphLroClient({ now: () => 0, token: "t" });
    // @ts-expect-error both, beside a clock
    createGraphLroClient({ clock: { now: () => 0, sleep }, now: () => 0, sleep });
  });
});

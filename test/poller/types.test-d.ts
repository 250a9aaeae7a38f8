import { describe, expectTypeOf, it } from "vitest";
import {
  type GraphLroClient,
  type LongRunningOperation,
  type PollProgress,
  pollOperation,
  type RetryProgress,
  type WaitedOperation,
  waitForOperation,
} from "../../src/index.ts";

// Run by Vitest's typecheck (tsc): each assertion that fails is reported under its own test.
declare const client: GraphLroClient;
const url = "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/operations/x";

describe("poller types", () => {
  it("narrows waitForOperation's result to the selected properties, plus status", () => {
    const selected = () => waitForOperation(client, url, { select: ["resourceLocation"] });
    type Selected = Awaited<ReturnType<typeof selected>>;
    expectTypeOf<keyof Selected>().toEqualTypeOf<"resourceLocation" | "status">();
    expectTypeOf<Selected>().toEqualTypeOf<Pick<LongRunningOperation, "resourceLocation" | "status">>();
    expectTypeOf<Selected>().toEqualTypeOf<WaitedOperation<readonly ["resourceLocation"]>>();
  });

  it("gives the whole operation when nothing is selected", () => {
    const whole = () => waitForOperation(client, url);
    expectTypeOf<Awaited<ReturnType<typeof whole>>>().toEqualTypeOf<LongRunningOperation>();
    expectTypeOf<WaitedOperation>().toEqualTypeOf<LongRunningOperation>();
  });

  it("narrows what onProgress and pollOperation see the same way", () => {
    const watch = () =>
      waitForOperation(client, url, {
        select: ["id"],
        onProgress: (operation, progress) => {
          if (progress.kind === "retry") return expectTypeOf(progress).toEqualTypeOf<RetryProgress>();
          expectTypeOf(progress).toEqualTypeOf<PollProgress>();
          if (operation) expectTypeOf<keyof typeof operation>().toEqualTypeOf<"id" | "status">();
        },
      });
    expectTypeOf(watch).toBeFunction();
    // A callback of one parameter is fine too (a union of argument tuples would refuse it).
    const oneParameter = () => waitForOperation(client, url, { onProgress: (operation) => operation?.status });
    expectTypeOf(oneParameter).toBeFunction();
    const polled = async () => {
      for await (const { operation } of pollOperation(client, url, { select: ["statusDetail"] })) return operation;
    };
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof polled>>>>().toEqualTypeOf<
      Pick<LongRunningOperation, "statusDetail" | "status">
    >();
  });

  it("takes a clock whole: no separate now or sleep option", () => {
    const sleep = async (_ms: number, _signal: AbortSignal) => {};
    expectTypeOf(waitForOperation(client, url, { clock: { now: () => 0, sleep } })).resolves.toHaveProperty("status");
    // @ts-expect-error a sleep alone
    waitForOperation(client, url, { sleep });
    // @ts-expect-error a now alone
    waitForOperation(client, url, { now: () => 0, timeoutMs: 1_000 });
    // @ts-expect-error both, on pollOperation
    pollOperation(client, url, { now: () => 0, sleep });
  });

  it("rejects a $select name the spec does not list", () => {
    // @ts-expect-error not a property of longRunningOperation
    const wrong = () => waitForOperation(client, url, { select: ["x-graph-lro-test-unknown"] });
    expectTypeOf(wrong).toBeFunction();
  });
});

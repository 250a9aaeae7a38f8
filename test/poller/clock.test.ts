import { describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { MIN_WAIT_MS } from "../../src/client/defaults.ts";
import {
  type Clock,
  createGraphLroClient,
  GraphError,
  type GraphLroClientOptions,
  type OperationRef,
  OperationTimeoutError,
  type PollOptions,
  type PollProgress,
  pollOperation,
  type RetryEvent,
  type RetryProgress,
  waitForOperation,
} from "../../src/index.ts";
import { createGraphLroHandlers, createMockFetch, defineStory, type Story } from "../../src/mock/index.ts";

// One clock through the public entry points: the client's drives its retries and, unless told
// otherwise, the polls; whatever is injected, the wait ends within its timeout, never spinning.

/** The first operation of the spec whose ref has only `operationId`, found by its x-graph-lro-kind. */
const route = Object.values(operations).find(
  (r) => Object.keys(r.refFields).length === 1,
) as (typeof operations)[keyof typeof operations];
const ref = (operationId: string) => ({ kind: route.kind, operationId }) as OperationRef;
const noWait = async () => {};

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
};

/** A mock serving `story` for "op", counting requests and keeping the last response's request-id. */
function mock(story: Story) {
  const handlers = createGraphLroHandlers({ stories: { op: story } });
  const served = createMockFetch(handlers);
  const seen = { requests: 0, lastRequestId: "" };
  const fetch = async (request: Request) => {
    // Far past any bound asserted here: a runaway loop fails the test instead of starving Vitest.
    if (++seen.requests > 100_000) throw new Error("runaway");
    const response = await served(request);
    seen.lastRequestId = response.headers.get("request-id") ?? "";
    return response;
  };
  return { fetch, seen, handlers };
}

/** A virtual clock from `start`: each sleep moves it on and is recorded. */
function virtualClock(start = 0) {
  const slept: number[] = [];
  const clock = { time: start, slept } as { time: number; slept: number[] } & Clock;
  clock.now = () => clock.time;
  clock.sleep = async (ms) => {
    slept.push(ms);
    clock.time += ms;
  };
  return clock;
}

const unavailableForever = (retryAfter?: number) => defineStory().error(503, { retryAfter }).build();

describe("a sleep that returns at once cannot make waiting spin", () => {
  const timeoutMs = 60_000;
  const bound = timeoutMs / MIN_WAIT_MS;

  const cases: [string, { client?: GraphLroClientOptions; poller?: PollOptions }][] = [
    ["on the real clock (the client's clock)", { client: { clock: { now: () => Date.now(), sleep: noWait } } }],
    ["on a clock that stands still", { client: { clock: { now: () => 0, sleep: noWait } } }],
    // The poller's own clock does not time the client's retries: a client that does not retry, then.
    [
      "with the poller's own clock",
      { client: { retry: { maxRetries: 0 } }, poller: { clock: { now: () => Date.now(), sleep: noWait } } },
    ],
    [
      "with a clock that stands still, given to both",
      { client: { clock: { now: () => 0, sleep: noWait } }, poller: { clock: { now: () => 0, sleep: noWait } } },
    ],
  ];
  it.for(cases)("a 503-forever story ends in OperationTimeoutError within the bound %s", async ([, given]) => {
    const m = mock(unavailableForever(1));
    const client = createGraphLroClient({ fetch: m.fetch, token: "t", ...given.client });
    const error = await waitForOperation(client, ref("op"), {
      timeoutMs,
      ...given.poller,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(m.seen.requests).toBeGreaterThan(1);
    expect(m.seen.requests).toBeLessThanOrEqual(bound);
  });

  // A reading that is no finite number makes every comparison of a wait and a deadline false: no wait, no end.
  it.for([Number.NaN, Number.POSITIVE_INFINITY, undefined])(
    "refuses a clock whose now() reads %s, naming it, rather than polling without waits or a deadline",
    async (reading) => {
      const m = mock(defineStory().operation("running").build());
      // Far past the polls a bounded wait makes here: a spinning poller fails fast.
      const fetch = async (request: Request) => {
        if (m.seen.requests >= 1_000) throw new Error("runaway");
        return m.fetch(request);
      };
      const clock = { now: () => reading as number, sleep: noWait };
      const refused = { name: "InvalidArgumentError", argument: "clock.now()" };
      const client = createGraphLroClient({ fetch, token: "t" });
      await expect(waitForOperation(client, ref("op"), { timeoutMs, clock })).rejects.toMatchObject(refused);
      const clocked = createGraphLroClient({ fetch, token: "t", clock });
      await expect(waitForOperation(clocked, ref("op"), { timeoutMs })).rejects.toMatchObject(refused);
      expect(m.seen.requests).toBe(0);
    },
  );

  it("a 503 forever without Retry-After ends at once as the client's GraphError, after its retries", async () => {
    const m = mock(unavailableForever());
    const client = createGraphLroClient({ fetch: m.fetch, token: "t", clock: { now: () => 0, sleep: noWait } });
    const error = await waitForOperation(client, ref("op"), { timeoutMs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(503);
    expect(m.seen.requests).toBe(5); // the first attempt and the default 4 retries
  });
});

describe("one clock", () => {
  it("the client's clock times both its retries and the polls, unless the poller is given its own", async () => {
    const clock = virtualClock(1_000);
    const sleeps = clock.slept;
    // Throttled once (a retry of the client), then polled as running with Retry-After 2 s, then done.
    const story = defineStory()
      .error(429, { retryAfter: 1 })
      .operation("running", { retryAfter: 2 })
      .operation("succeeded")
      .build();
    const m = mock(story);
    const client = createGraphLroClient({ fetch: m.fetch, token: "t", clock });
    expect((await waitForOperation(client, ref("op"))).status).toBe("succeeded");
    expect(sleeps).toEqual([1_000, 2_000]);

    m.handlers.reset();
    const own = virtualClock(clock.time);
    await waitForOperation(client, ref("op"), { clock: own });
    expect(own.slept).toEqual([2_000]); // the poll's wait
    expect(sleeps).toEqual([1_000, 2_000, 1_000]); // the retry's stays the client's
  });

  it("the client's clock times the polls of its getOperation handed on alone, as waitForOperation's type allows", async () => {
    const clock = virtualClock(1_000);
    const m = mock(defineStory().operation("running", { retryAfter: 2 }).operation("succeeded").build());
    const client = createGraphLroClient({ fetch: m.fetch, token: "t", clock });
    const stop = new AbortController();
    const wait = waitForOperation({ getOperation: client.getOperation }, ref("op"), { signal: stop.signal });
    // On the client's clock the 2 s wait passes at once; on the real one it would still be under way.
    let settled = false;
    void wait.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let turn = 0; turn < 10 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    await expect(wait).resolves.toMatchObject({ status: "succeeded" });
    expect(clock.slept).toEqual([2_000]);
  });

  // 0.1.0's separate `now` and `sleep` are gone; left in by a JS caller or a cast, they must not be ignored,
  // which would leave the caller's waits on the real clock.
  it.for<[object, string, string]>([
    [{ now: () => 0 }, "now", "now is no option: use clock: { now, sleep }"],
    [{ sleep: noWait }, "sleep", "sleep is no option: use clock: { now, sleep }"],
    [
      { clock: { now: () => 0, sleep: noWait }, sleep: noWait },
      "sleep",
      "sleep is no option: use clock: { now, sleep }",
    ],
    [{ clock: { now: () => 0 } }, "clock", "clock must be { now, sleep }"],
    [{ clock: { sleep: noWait } }, "clock", "clock must be { now, sleep }"],
    // null is no clock either: the typed error, not a TypeError from reading its `now`.
    [{ clock: null }, "clock", "clock must be { now, sleep }"],
  ])(
    "refuses %o on the client, waitForOperation and pollOperation, naming it",
    async ([options, argument, message]) => {
      const refused = { name: "InvalidArgumentError", argument, message };
      expect(thrown(() => createGraphLroClient(options as never))).toMatchObject(refused);
      const m = mock(unavailableForever());
      const client = createGraphLroClient({ fetch: m.fetch, token: "t" });
      await expect(waitForOperation(client, ref("op"), options as never)).rejects.toMatchObject(refused);
      await expect(pollOperation(client, ref("op"), options as never).next()).rejects.toMatchObject(refused);
      expect(m.seen.requests).toBe(0);
    },
  );
});

describe("why a wait ended", () => {
  it("a timeout after only 503s says so, with the last status, request id and error, and no server text", async () => {
    const m = mock(unavailableForever(5));
    const client = createGraphLroClient({ fetch: m.fetch, token: "t", clock: { now: () => 0, sleep: noWait } });
    const error = (await waitForOperation(client, ref("op"), { timeoutMs: 60_000 }).catch(
      (e) => e,
    )) as OperationTimeoutError;
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(error.status).toBe(503);
    expect(error.requestId).toBe(m.seen.lastRequestId);
    expect(error.cause).toBeInstanceOf(GraphError);
    expect((error.cause as GraphError).requestId).toBe(m.seen.lastRequestId);
    expect(error.message).toMatch(/; every poll in the last \d+ s answered 503;/);
    // The server's own words stay in the cause's body, out of the message.
    const serverText = (error.cause as GraphError).body?.error?.message ?? "";
    expect(serverText).not.toBe("");
    expect(error.message).not.toContain(serverText);
  });

  it("a timeout after a state was seen, then only 429s and 503s, names both; a state seen last names none", async () => {
    const mixed = defineStory()
      .operation("running")
      .error(429, { retryAfter: 1 })
      .error(503, { retryAfter: 1 })
      .build();
    const clock = { now: () => 0, sleep: noWait };
    const client = createGraphLroClient({ fetch: mock(mixed).fetch, token: "t", clock });
    const error = (await waitForOperation(client, ref("op"), { timeoutMs: 30_000 }).catch(
      (e) => e,
    )) as OperationTimeoutError;
    expect(error.message).toMatch(/last status running; every poll in the last \d+ s answered 429 or 503;/);

    const running = createGraphLroClient({
      fetch: mock(defineStory().operation("running").build()).fetch,
      token: "t",
      clock,
    });
    const quiet = (await waitForOperation(running, ref("op"), { timeoutMs: 30_000 }).catch(
      (e) => e,
    )) as OperationTimeoutError;
    expect(quiet).toBeInstanceOf(OperationTimeoutError);
    expect([quiet.status, quiet.requestId, quiet.cause]).toEqual([undefined, undefined, undefined]);
    expect(quiet.message).not.toContain("every poll");
  });
});

describe("retries are visible", () => {
  it("onRetry hears each retried answer; onProgress hears the client's and the poller's, typed as retries", async () => {
    const clock = virtualClock();
    // Two 429s with Retry-After 1 s, then 2 s of Retry-After past the client's 1 s budget: the poller's to wait.
    const story = defineStory()
      .error(429, { retryAfter: 1 })
      .error(503, { retryAfter: 1 })
      .error(503, { retryAfter: 2 })
      .operation("succeeded")
      .build();
    const m = mock(story);
    const retries: RetryEvent[] = [];
    const client = createGraphLroClient({
      fetch: m.fetch,
      token: "t",
      clock,
      retry: { maxDelayMs: 2_000 },
      onRetry: (retry) => retries.push(retry),
    });
    const heard: (PollProgress | RetryProgress)[] = [];
    const done = await waitForOperation(client, ref("op"), {
      onProgress: (operation, progress) => {
        if (operation === undefined) expect(progress.kind).toBe("retry");
        heard.push(progress);
      },
    });
    expect(done.status).toBe("succeeded");
    expect(retries.map(({ attempt, status, delayMs, method }) => [attempt, status, delayMs, method])).toEqual([
      [1, 429, 1_000, "GET"],
      [2, 503, 1_000, "GET"],
    ]);
    for (const retry of retries) expect(retry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retries[0]?.url).toContain("/op");
    expect(heard.map((p) => (p.kind === "retry" ? `${p.by} ${p.status} ${p.delayMs}` : `state ${p.attempt}`))).toEqual([
      "client 429 1000",
      "client 503 1000",
      "poller 503 2000",
      "state 2",
    ]);
  });
});

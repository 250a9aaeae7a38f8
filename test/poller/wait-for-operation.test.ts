import { describe, expect, it, vi } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroClient,
  InvalidArgumentError,
  MIN_POLL_BUDGET_MS,
  OperationFailedError,
  OperationTimeoutError,
  type PollProgress,
  type PollState,
  pollOperation,
  type RetryProgress,
  waitForOperation,
} from "../../src/index.ts";
import { createGraphLroHandlers, createMockFetch, defineStory, type Story } from "../../src/mock/index.ts";
import { operationUrl } from "../support/spec-urls.ts";

const alertUrl = (id: string) => operationUrl("roleManagementAlert", { "longRunningOperation-id": id });

/**
 * More waits, or requests, than any test here needs. Past it the harness throws, so that a
 * regression (a deadline check removed, say) fails at once instead of spinning past the test's timeout.
 */
const RUNAWAY = 100;
const runaway = (what: string) => {
  throw new RangeError(`runaway poller: more than ${RUNAWAY} ${what}`);
};

/** A client on the mock with a fake clock: every wait moves time on at once, and is recorded. */
function harness(
  stories: Record<string, Story | "progress" | "failed" | "throttled"> = {},
  strict = true,
  retry?: { maxRetries: number },
) {
  let t = 1_000_000;
  const polls: number[] = [];
  const waits: number[] = [];
  const now = () => t;
  const clock = {
    now,
    sleep: async (ms: number, signal: AbortSignal) => {
      signal.throwIfAborted();
      if (waits.length >= RUNAWAY) runaway("waits");
      waits.push(ms);
      t += ms;
    },
  };
  const handlers = createGraphLroHandlers({ stories, strict, onRequest: () => polls.push(t - 1_000_000) });
  const mock = createMockFetch(handlers);
  let requests = 0;
  // Not a TypeError, which the client would retry as a network error: it ends the call at once.
  const fetch = (request: Request) => (++requests > RUNAWAY ? runaway("requests") : mock(request));
  const client = createGraphLroClient({ fetch, token: "t", clock, random: () => 0.5, retry });
  const progress: [string | undefined, PollProgress][] = [];
  // The client's clock, given again for the tests that poll through a client of their own.
  const options = {
    clock,
    // States only: the retries reported beside them are tested in test/poller/clock.test.ts.
    onProgress: (op: { status?: string | null } | undefined, p: PollProgress | RetryProgress) =>
      p.kind === "state" && progress.push([op?.status ?? undefined, p]),
  };
  return { client, polls, waits, progress, options, now, handlers, advance: (ms: number) => (t += ms) };
}

describe("waitForOperation on the mock's stories", () => {
  it("follows Retry-After exactly and backs off without it: progress", async () => {
    const h = harness({ a: "progress" });
    const operation = await waitForOperation(h.client, alertUrl("a"), h.options);
    expect(operation.status).toBe("succeeded");
    expect(operation.resourceLocation).toBe(spec.components.examples.alertRefreshSucceeded.value.resourceLocation);
    // notStarted (no Retry-After: wait 1 s), running (Retry-After 2 s), running (backoff 2 s), succeeded.
    expect(h.polls).toEqual([0, 1000, 3000, 5000]);
    expect(h.progress.map(([status, p]) => [status, p.nextPollInMs])).toEqual([
      ["notStarted", 1000],
      ["running", 2000],
      ["running", 2000],
      ["succeeded", undefined],
    ]);
  });

  it("rejects with OperationFailedError carrying the operation and its statusDetail", async () => {
    const h = harness({ f: "failed" });
    const error = await waitForOperation(h.client, alertUrl("f"), h.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    const detail = spec.components.examples.alertRefreshFailed.value.statusDetail;
    expect((error as OperationFailedError).statusDetail).toBe(detail);
    expect((error as OperationFailedError).operation).toMatchObject({ id: "f", status: "failed" });
    // Measured, not quoted: the server's text stays in statusDetail.
    expect((error as Error).message).toBe("The operation failed; see its statusDetail");
    expect(h.polls).toEqual([0, 1000, 3000]);
  });

  it("fails at once when the next poll would pass the timeout, saying when it would have polled", async () => {
    const h = harness({ slow: defineStory().operation("running").build() });
    const error = await waitForOperation(h.client, alertUrl("slow"), { ...h.options, timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationTimeoutError);
    // Waits of 1, 2 and 4 s; the next (8 s) would end at 15 s, past 10 s, so it is not waited.
    expect(h.polls).toEqual([0, 1000, 3000, 7000]);
    expect(h.waits).toEqual([1000, 2000, 4000]);
    expect((error as Error).message).toContain(new Date(1_000_000 + 15_000).toISOString());
    expect((error as OperationTimeoutError).state.lastStatus).toBe("running");
  });

  it("rejects with the abort reason when aborted while waiting", async () => {
    const h = harness({ a: "progress" });
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");
    const sleep = (ms: number, signal: AbortSignal) =>
      new Promise<void>((_, reject) => {
        expect(ms).toBe(1000);
        signal.addEventListener("abort", () => reject(signal.reason));
        controller.abort(reason);
      });
    const wait = waitForOperation(h.client, alertUrl("a"), {
      ...h.options,
      clock: { now: h.now, sleep },
      signal: controller.signal,
    });
    await expect(wait).rejects.toBe(reason);
    expect(h.polls).toEqual([0]);
  });

  it("reports unknownFutureValue and unknown strings through onProgress, as not terminal", async () => {
    const story = defineStory()
      .operation("unknownFutureValue")
      .operation("x-graph-lro-test-unknown", { unlisted: true })
      .operation("succeeded")
      .build();
    // Not strict: `x-graph-lro-test-unknown` is not in the spec's enum, which is the point.
    const h = harness({ u: story }, false);
    await waitForOperation(h.client, alertUrl("u"), h.options);
    expect(h.progress.map(([status]) => status)).toEqual([
      "unknownFutureValue",
      "x-graph-lro-test-unknown",
      "succeeded",
    ]);
  });

  it("quotes a last status in the timeout's message only when it is a word, as the spec's are", async () => {
    const odd = `Bearer ${"x".repeat(5000)}`;
    const h = harness({ u: defineStory().operation(odd, { unlisted: true }).build() }, false);
    const error = await waitForOperation(h.client, alertUrl("u"), { ...h.options, timeoutMs: 500 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toMatch(/^Operation not finished within 500 ms; last status unlisted; /);
    expect((error as OperationTimeoutError).operation?.status).toBe(odd);
  });

  it("bounds an operation stuck in unknownFutureValue by the timeout", async () => {
    const h = harness({ u: defineStory().operation("unknownFutureValue").build() });
    const wait = waitForOperation(h.client, alertUrl("u"), { ...h.options, timeoutMs: 60_000 });
    await expect(wait).rejects.toBeInstanceOf(OperationTimeoutError);
    expect(h.polls.length).toBe(6);
  });

  it("leaves throttling to the client: a 429 is retried after its Retry-After, inside one poll", async () => {
    const h = harness({ t: "throttled" });
    const operation = await waitForOperation(h.client, alertUrl("t"), h.options);
    expect(operation.status).toBe("succeeded");
    expect(h.polls).toEqual([0, 1000]);
    expect(h.progress.map(([, p]) => p.attempt)).toEqual([1]);
  });

  it.for([
    [429, 120],
    [503, 90],
  ] as const)(
    "waits out a %i whose Retry-After (%i s) is longer than the client's retry budget",
    async ([status, seconds]) => {
      // The client's default budget is a minute of waiting: it gives up on the throttled answer at once.
      const h = harness({ t: defineStory().error(status, { retryAfter: seconds }).operation("succeeded").build() });
      await expect(waitForOperation(h.client, alertUrl("t"), h.options)).resolves.toMatchObject({
        status: "succeeded",
      });
      expect(h.polls).toEqual([0, seconds * 1000]);
      expect(h.waits).toEqual([seconds * 1000]);
      // A throttled poll is a poll made, but no state observed: onProgress hears of the second only.
      expect(h.progress.map(([status, p]) => [status, p.attempt])).toEqual([["succeeded", 2]]);
    },
  );

  it("waits out a throttled answer that the client had no retry left for (maxRetries: 0)", async () => {
    const h = harness({ t: defineStory().error(429, { retryAfter: 5 }).operation("succeeded").build() }, true, {
      maxRetries: 0,
    });
    await expect(waitForOperation(h.client, alertUrl("t"), h.options)).resolves.toMatchObject({ status: "succeeded" });
    expect([h.polls, h.waits]).toEqual([[0, 5_000], [5_000]]);
  });

  it("times out at once when a throttled answer asks to wait past timeoutMs", async () => {
    const h = harness({ t: defineStory().error(429, { retryAfter: 120 }).operation("succeeded").build() });
    const error = await waitForOperation(h.client, alertUrl("t"), { ...h.options, timeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toContain(new Date(1_000_000 + 120_000).toISOString());
    expect(h.polls).toEqual([0]);
    expect(h.waits).toEqual([]);
  });

  it("never polls before the Retry-After of the 202 that started the operation", async () => {
    const h = harness({ a: "progress" });
    const accepted = new Response(null, { status: 202, headers: { Location: alertUrl("a"), "Retry-After": "5" } });
    await waitForOperation(h.client, accepted, h.options);
    expect(h.polls).toEqual([5000, 6000, 8000, 10000]);
  });

  it("resumes from a serialised state, keeping the schedule", async () => {
    const h = harness({ a: "progress" });
    let saved = "";
    for await (const polled of pollOperation(h.client, alertUrl("a"), h.options)) {
      saved = JSON.stringify(polled.state);
      if (polled.attempt === 2) break;
    }
    expect(h.polls).toEqual([0, 1000]);
    // A restart later: half a second has gone by.
    h.advance(500);
    const state = JSON.parse(saved) as PollState;
    expect(state).toMatchObject({ target: alertUrl("a"), lastStatus: "running", attempt: 2 });
    await waitForOperation(h.client, state, h.options);
    expect(h.polls).toEqual([0, 1000, 3000, 5000]);
  });

  it("stops polling when the loop is left", async () => {
    const h = harness({ a: "progress" });
    for await (const polled of pollOperation(h.client, alertUrl("a"), h.options)) {
      expect(polled.operation.status).toBe("notStarted");
      break;
    }
    expect(h.polls).toEqual([0]);
    expect(h.waits).toEqual([]);
  });

  it("accepts a typed ref and a $select, adding status", async () => {
    const h = harness({ a: "progress" });
    const operation = await waitForOperation(
      h.client,
      { kind: "roleManagementAlert", operationId: "a" },
      { ...h.options, select: ["resourceLocation"] },
    );
    expect(Object.keys(operation).sort()).toEqual(["@odata.context", "resourceLocation", "status"]);
  });

  it("ends a poll still unanswered at the timeout (a hung request, or throttling retries)", async () => {
    const timeout = new AbortController();
    const asked: number[] = [];
    const hung: Parameters<typeof waitForOperation>[0] = {
      getOperation: (_target, options) =>
        new Promise((_, reject) => options?.signal?.addEventListener("abort", () => reject(options.signal?.reason))),
    };
    const h = harness();
    const wait = waitForOperation(hung, alertUrl("a"), {
      ...h.options,
      timeoutMs: 5_000,
      timeoutSignal: (ms) => {
        asked.push(ms);
        return timeout.signal;
      },
    });
    timeout.abort(new DOMException("timed out", "TimeoutError"));
    const error = await wait.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toBe("Operation not finished within 5000 ms; a poll was still unanswered");
    expect(asked).toEqual([5_000]);
  });

  it("gives a poll due right at the deadline time to answer, rather than sending it to drop it", async () => {
    const h = harness({ a: defineStory().operation("succeeded").build() });
    const asked: number[] = [];
    const accepted = new Response(null, { status: 202, headers: { Location: alertUrl("a"), "Retry-After": "1" } });
    const options = {
      ...h.options,
      timeoutMs: 1_000,
      timeoutSignal: (ms: number) => {
        asked.push(ms);
        return new AbortController().signal;
      },
    };
    await expect(waitForOperation(h.client, accepted, options)).resolves.toMatchObject({ status: "succeeded" });
    expect(h.polls).toEqual([1_000]);
    expect(asked).toEqual([MIN_POLL_BUDGET_MS]);
  });

  it("leaves no listener on the caller's signal after each poll", async () => {
    const h = harness({ a: "progress" });
    const controller = new AbortController();
    const listening = new Set<unknown>();
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (type: string, listener: EventListenerOrEventListenerObject, ...rest: never[]) => {
      listening.add(listener);
      add(type, listener, ...rest);
    };
    signal.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject, ...rest: never[]) => {
      listening.delete(listener);
      remove(type, listener, ...rest);
    };
    // A poller-only client: the client's own Request (in a real fetch) follows the signal by itself.
    const client: Parameters<typeof waitForOperation>[0] = {
      getOperation: (target, opts) => h.client.getOperation(target, { ...opts, signal: undefined }),
    };
    // Node 20 keeps every AbortSignal.any result on its sources for good: one per poll would leak.
    const any = vi.spyOn(AbortSignal, "any");
    try {
      await waitForOperation(client, alertUrl("a"), { ...h.options, signal });
      expect(any.mock.calls.filter(([sources]) => [...sources].includes(signal))).toEqual([]);
    } finally {
      any.mockRestore();
    }
    expect(h.polls).toHaveLength(4);
    expect(listening.size).toBe(0);
  });

  it("calls a client's getOperation once a test has replaced it (a spy), not the client's own transport", async () => {
    const h = harness({ a: "progress", b: "progress" });
    const spy = vi.spyOn(h.client, "getOperation");
    const operation = await waitForOperation(h.client, alertUrl("a"), h.options);
    expect(operation.status).toBe("succeeded");
    // Every poll went through the spy, and each reached the mock.
    expect(spy).toHaveBeenCalledTimes(4);
    expect(h.polls).toHaveLength(4);
    // A copy of the client's own method is still the client's: it polls through the transport, as the client does.
    spy.mockRestore();
    const copy = { getOperation: h.client.getOperation, clock: h.client.clock };
    await waitForOperation(copy, alertUrl("b"), h.options);
    expect(h.polls).toHaveLength(8);
  });

  it("adds status to a Location URL's own $select", async () => {
    const h = harness({ a: "progress" });
    const urls: string[] = [];
    const client = createGraphLroClient({
      fetch: (request: Request) => {
        urls.push(request.url);
        return createMockFetch(h.handlers)(request);
      },
      token: "t",
    });
    const operation = await waitForOperation(client, `${alertUrl("a")}?$select=id`, h.options);
    expect(operation).toMatchObject({ id: "a", status: "succeeded" });
    expect(new URL(urls[0] as string).searchParams.get("$select")).toBe("id,status");
  });

  it("gives a state resumed after a timeout the whole timeout again", async () => {
    const h = harness({ slow: defineStory().operation("running").operation("running").operation("succeeded").build() });
    const options = { ...h.options, timeoutMs: 1_500 };
    const error = await waitForOperation(h.client, alertUrl("slow"), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    const saved = JSON.parse(JSON.stringify((error as OperationTimeoutError).state)) as PollState;
    h.advance(60_000);
    await expect(waitForOperation(h.client, saved, options)).resolves.toMatchObject({ status: "succeeded" });
    expect(h.polls).toEqual([0, 1000, 61_000]);
  });

  it.for([
    [{ nextPollAt: Number.NaN }, "state.nextPollAt must be a number from 0 to 8640000000000000, got NaN"],
    [{ attempt: undefined }, "state.attempt must be a whole number from 0 to 8640000000000000, got undefined"],
    [{ backoffStep: -5 }, "state.backoffStep must be a whole number from 0 to 8640000000000000, got -5"],
    // Past the Date range, the timeout's message could not write the time of the next poll.
    [{ nextPollAt: 8.64e15 + 1 }, "state.nextPollAt must be a number from 0 to 8640000000000000, got 8640000000000001"],
    [{ startedAt: 1e300 }, "state.startedAt must be a number from 0 to 8640000000000000, got 1e+300"],
    [{ target: { kind: "nope", operationId: "x" } }, "kind must be one of roleManagementAlert, userAuthentication"],
  ] as const)("refuses a saved state with %o, naming the field", async ([change, problem]) => {
    const h = harness();
    const state = { target: alertUrl("a"), startedAt: 0, nextPollAt: 0, attempt: 1, backoffStep: 0, ...change };
    await expect(waitForOperation(h.client, state as PollState, h.options)).rejects.toThrow(problem);
    expect(h.polls).toEqual([]);
  });

  it.for([
    [{ backoffFactor: 0 }, "backoffFactor", "backoffFactor must be a number from 1 to 9007199254740991, got 0"],
    [
      { backoffFactor: Number.NaN },
      "backoffFactor",
      "backoffFactor must be a number from 1 to 9007199254740991, got NaN",
    ],
    [{ intervalMs: -1 }, "intervalMs", "intervalMs must be a number from 0 to 9007199254740991, got -1"],
    [
      { maxIntervalMs: Number.POSITIVE_INFINITY },
      "maxIntervalMs",
      "maxIntervalMs must be a number from 0 to 9007199254740991, got Infinity",
    ],
    [{ timeoutMs: Number.NaN }, "timeoutMs", "timeoutMs must be a number from 0 to 2147483647, got NaN"],
    // What a timer can wait: a longer wait or poll limit would fire at once.
    [{ timeoutMs: 2 ** 31 }, "timeoutMs", "timeoutMs must be a number from 0 to 2147483647, got 2147483648"],
  ] as const)("refuses %o, naming the option as the caller wrote it", async ([change, argument, message]) => {
    const h = harness();
    const wait = waitForOperation(h.client, alertUrl("a"), { ...h.options, ...change });
    await expect(wait).rejects.toThrow(new InvalidArgumentError(argument, message));
    expect(h.polls).toEqual([]);
  });

  it("refuses a Response that did not start an operation", async () => {
    const h = harness();
    await expect(waitForOperation(h.client, new Response(null, { status: 202 }), h.options)).rejects.toThrow(
      "got 202 without Location",
    );
    await expect(waitForOperation(h.client, new Response("{}", { status: 400 }), h.options)).rejects.toThrow("got 400");
  });
});

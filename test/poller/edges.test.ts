import { beforeEach, describe, expect, it } from "vitest";
import {
  createGraphLroClient,
  GraphError,
  type GraphLroClient,
  InvalidArgumentError,
  OperationFailedError,
  OperationTimeoutError,
  type PollProgress,
  type PollState,
  type RetryProgress,
  waitForOperation,
} from "../../src/index.ts";
import { MAX_TIMER_MS } from "../../src/util/time/sleep.ts";
import { json, odataError, recordingFetch } from "../support/recording-fetch.ts";
import { operationUrl } from "../support/spec-urls.ts";

// The poller at its boundaries: which errors end a wait, what it reports, which targets and states it refuses.

const alertUrl = (id: string) => operationUrl("roleManagementAlert", { "longRunningOperation-id": id });
const MAX_CALLS = 20;

/**
 * A client whose n-th getOperation settles with the n-th answer (an Error rejects), on a fake clock that
 * every wait moves on at once. More calls than MAX_CALLS throw, so that a poller that loops fails fast.
 */
function harness(...answers: ({ status: string; retryAfterMs?: number } | Error)[]) {
  let t = 5_000_000;
  const targets: unknown[] = [];
  const client: Pick<GraphLroClient, "getOperation"> = {
    getOperation: async (target) => {
      targets.push(target);
      if (targets.length > MAX_CALLS) throw new RangeError("runaway poller");
      const answer = answers[Math.min(targets.length, answers.length) - 1] as (typeof answers)[number];
      if (answer instanceof Error) throw answer;
      const { retryAfterMs, ...operation } = answer;
      return { operation, status: 200, retryAfterMs, requestId: undefined, clientRequestId: "c" } as never;
    },
  };
  const progress: PollProgress[] = [];
  const options = {
    clock: {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
    },
    // States only: the retries reported beside them are tested in test/poller/clock.test.ts.
    onProgress: (_: unknown, p: PollProgress | RetryProgress) => p.kind === "state" && progress.push(p),
  };
  return { client, targets, progress, options, start: t };
}

const graphError = (status: number, retryAfterMs?: number) =>
  new GraphError({ status, code: "x", message: "m", method: "GET", url: alertUrl("a"), retryAfterMs });

describe("which errors of a poll end the wait", () => {
  it("waits out a throttled answer that has a Retry-After", async () => {
    const h = harness(graphError(429, 30_000), { status: "succeeded" });
    await expect(waitForOperation(h.client, alertUrl("a"), h.options)).resolves.toEqual({ status: "succeeded" });
    expect(h.targets).toHaveLength(2);
  });

  it("rejects at once with a throttled answer without Retry-After, an error status with one, or another error", async () => {
    const fake = Object.assign(new Error("not ours"), { status: 429, retryAfterMs: 1_000 });
    for (const error of [graphError(429), graphError(404, 1_000), fake]) {
      const h = harness(error, { status: "succeeded" });
      await expect(waitForOperation(h.client, alertUrl("a"), h.options)).rejects.toBe(error);
      expect(h.targets).toHaveLength(1);
    }
  });
});

describe("what waitForOperation reports", () => {
  it("counts elapsedMs from the start by the injected clock", async () => {
    const h = harness({ status: "running", retryAfterMs: 3_000 }, { status: "succeeded" });
    await waitForOperation(h.client, alertUrl("a"), h.options);
    expect(h.progress.map((p) => p.elapsedMs)).toEqual([0, 3_000]);
  });

  it("needs no onProgress", async () => {
    const h = harness({ status: "succeeded" });
    const { onProgress: _, ...options } = h.options;
    await expect(waitForOperation(h.client, alertUrl("a"), options)).resolves.toEqual({ status: "succeeded" });
  });

  it("keeps a URL target as its text in the state, and polls a ref as it is", async () => {
    const h = harness({ status: "succeeded" });
    await waitForOperation(h.client, new URL(alertUrl("a")), h.options);
    expect(h.progress[0]?.state.target).toBe(alertUrl("a"));
    const ref = { kind: "roleManagementAlert", operationId: "a" } as const;
    await waitForOperation(h.client, ref, h.options);
    expect(h.targets.at(-1)).toEqual(ref);
  });

  it("names the errors by their own names, with the failure's message shorter without statusDetail", () => {
    const state: PollState = { target: alertUrl("a"), startedAt: 0, nextPollAt: 0, attempt: 0, backoffStep: 0 };
    expect(new OperationTimeoutError(1, undefined, state).name).toBe("OperationTimeoutError");
    const failed = new OperationFailedError({ status: "failed" });
    expect([failed.name, failed.message]).toEqual(["OperationFailedError", "The operation failed"]);
  });

  it("says how long and with which statuses the last polls failed, in whole seconds, only when over a span", () => {
    const state: PollState = { target: alertUrl("a"), startedAt: 0, nextPollAt: 0, attempt: 0, backoffStep: 0 };
    const polls = { status: 503, requestId: undefined, statuses: [0, 503] };
    const message = (since: number, until: number) =>
      new OperationTimeoutError(1, undefined, state, "x", { ...polls, since, until }).message;
    expect(message(1_000, 62_400)).toBe(
      "Operation not finished within 1 ms; every poll in the last 61 s answered no response or 503; x",
    );
    expect(message(1_000, 1_400)).toBe("Operation not finished within 1 ms; every poll answered no response or 503; x");
  });
});

describe("the signals a wait's polls follow", () => {
  // A Request keeps its listener on the signal it follows until garbage collection: one signal for every
  // poll of a long wait piled them up past Node's warning (decision 0025); one per poll costs each poll dearly.
  it("shares one signal among at most 8 polls, and sleeps on it when the caller gave none", async () => {
    const h = harness(...Array.from({ length: MAX_CALLS - 1 }, () => ({ status: "running" })), { status: "succeeded" });
    const polled: AbortSignal[] = [];
    const slept: AbortSignal[] = [];
    const client: Pick<GraphLroClient, "getOperation"> = {
      getOperation: (target, options) => {
        polled.push(options?.signal as AbortSignal);
        return h.client.getOperation(target, options);
      },
    };
    const sleep = h.options.clock.sleep;
    const clock = {
      ...h.options.clock,
      sleep: (ms: number, signal: AbortSignal) => {
        slept.push(signal);
        return sleep(ms);
      },
    };
    await waitForOperation(client, alertUrl("a"), { ...h.options, clock });
    expect(polled).toHaveLength(MAX_CALLS);
    const uses = [...new Set(polled)].map((signal) => polled.filter((s) => s === signal).length);
    expect(uses).toEqual([7, 8, 5]);
    expect(polled.every((signal) => !signal.aborted)).toBe(true);
    // Each sleep is on the signal of the poll after it.
    expect(slept).toEqual(polled.slice(1));
  });
});

describe("bad targets and states", () => {
  // Made per test: made as the describe loads, every mutant the client's options reach was static (decision 0023b).
  let client: ReturnType<typeof createGraphLroClient>;
  beforeEach(() => {
    client = createGraphLroClient({ fetch: recordingFetch(json({ status: "running" })).fetch });
  });

  it("says what the Response given is instead of a 202 with Location", async () => {
    const messageFor = async (response: Response) => {
      const error = await waitForOperation(client, response).catch((e: unknown) => e);
      expect((error as InvalidArgumentError).argument).toBe("target");
      return (error as Error).message;
    };
    expect(await messageFor(odataError(404, "itemNotFound"))).toBe(
      "expected the 202 that started the operation, got 404",
    );
    expect(await messageFor(new Response(null, { status: 202 }))).toBe(
      "expected the 202 that started the operation, got 202 without Location",
    );
  });

  it("refuses a target that is no URL, or null, with an InvalidArgumentError", async () => {
    for (const target of ["not a url", null]) {
      await expect(waitForOperation(client, target as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });

  it("checks a saved state before polling: its ref's kind and its lastStatus", async () => {
    const base: PollState = { target: alertUrl("a"), startedAt: 1, nextPollAt: 1, attempt: 1, backoffStep: 0 };
    for (const [state, argument] of [
      [{ ...base, target: { kind: "nothing", operationId: "a" } }, "kind"],
      [{ ...base, lastStatus: 5 }, "state.lastStatus"],
    ] as const) {
      const h = harness({ status: "succeeded" });
      const error = await waitForOperation(h.client, state as never, h.options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect((error as Error).message).toMatch(argument === "kind" ? /^kind must be one of / : /must be a string$/);
      expect(h.targets).toEqual([]);
    }
  });
});

describe("a saved state whose next poll is further off than a timer can wait", () => {
  it("times out at once on a saved state due past the timeout, which no timer could wait for", async () => {
    const h = harness({ status: "succeeded" });
    const sleeps: number[] = [];
    const clock = { now: h.options.clock.now, sleep: async (ms: number) => void sleeps.push(ms) };
    const options = { ...h.options, clock, timeoutMs: MAX_TIMER_MS };
    const due = h.start + MAX_TIMER_MS + 5_000;
    const state: PollState = { target: alertUrl("a"), startedAt: h.start, nextPollAt: due, attempt: 0, backoffStep: 0 };
    await expect(waitForOperation(h.client, state, options)).rejects.toBeInstanceOf(OperationTimeoutError);
    expect([sleeps, h.targets]).toEqual([[], []]);
  });

  it("sleeps once per wait with a sleep that returns at once and a clock that stands still: no spinning", async () => {
    const h = harness({ status: "running" }, { status: "succeeded" });
    const sleeps: number[] = [];
    const options = {
      clock: {
        now: () => h.start,
        sleep: async (ms: number) => {
          if (sleeps.push(ms) > 10) throw new RangeError("runaway sleep loop");
        },
      },
    };
    const state: PollState = {
      target: alertUrl("a"),
      startedAt: h.start,
      nextPollAt: h.start + 1_500,
      attempt: 0,
      backoffStep: 0,
    };
    await expect(waitForOperation(h.client, state, options)).resolves.toEqual({ status: "succeeded" });
    // The saved wait, then the backoff's first step after "running".
    expect(sleeps).toEqual([1_500, 1_000]);
  });
});

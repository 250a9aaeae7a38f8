import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  createGraphLroClient,
  createGraphLroRawClient,
  OperationTimeoutError,
  waitForOperation,
} from "../../src/index.ts";
import { limitBody, readBodyText } from "../../src/util/http/read-body.ts";
import { operationUrl, template } from "../support/spec-urls.ts";

// A fetch (or a poller's client) that ignores the abort signal, as an injected one may: timeoutMs must
// hold anyway, and an answer that comes after the time limit is neither followed nor read.

const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "a" });
const timedOut = () => new DOMException("timed out", "TimeoutError");
const never = () => new Promise<never>(() => {});

/**
 * How `promise` settled within a few turns of the event loop (no clock: the time limits here are fired by hand):
 * its value, its rejection's reason, or "pending".
 */
const settledSoon = async (promise: Promise<unknown>) => {
  const outcome = promise.then(
    (value) => ({ value }),
    (reason: unknown) => ({ reason }),
  );
  let pending = true;
  void outcome.then(() => {
    pending = false;
  });
  for (let turn = 0; turn < TURNS && pending; turn++) await new Promise((resolve) => setImmediate(resolve));
  return pending ? "pending" : outcome;
};
/** Enough for a body's cancel and an abort's listeners, which settle in a turn or two; a hang never does. */
const TURNS = 10;

/** A body that sends one chunk, then stalls; `cancelled` turns true once it is cancelled. */
function stalledBody() {
  const state = { cancelled: false };
  const stream = new ReadableStream({
    start: (controller) => controller.enqueue(new TextEncoder().encode("{")),
    cancel: () => {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** A time limit ended by hand: the clients' `timeoutSignal` seam. */
function deadline() {
  const controller = new AbortController();
  return { timeoutSignal: () => controller.signal, fire: () => controller.abort(timedOut()) };
}

describe("timeoutMs with a fetch that ignores the signal", () => {
  it("ends a typed call whose fetch never settles", async () => {
    const limit = deadline();
    const client = createGraphLroClient({ fetch: never, timeoutMs: 200, timeoutSignal: limit.timeoutSignal });
    const call = client.getOperation(url);
    limit.fire();
    expect(await settledSoon(call)).toEqual({ reason: timedOut() });
  });

  it("ends a raw call whose fetch never settles", async () => {
    const limit = deadline();
    const raw = createGraphLroRawClient({ fetch: never, timeoutMs: 200, timeoutSignal: limit.timeoutSignal });
    const call = raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "a" } } });
    limit.fire();
    expect(await settledSoon(call)).toEqual({ reason: timedOut() });
  });

  it("cancels, unread, the body of an answer that came after the time limit, and follows no redirect of it", async () => {
    for (const make of [createGraphLroClient, createGraphLroRawClient]) {
      for (const status of [200, 302]) {
        const limit = deadline();
        let answer = (_: Response) => {};
        let sent = 0;
        const fetch = () => {
          sent++;
          return new Promise<Response>((resolve) => {
            answer = resolve;
          });
        };
        const client = make({ fetch, timeoutMs: 200, timeoutSignal: limit.timeoutSignal });
        const call =
          "getOperation" in client
            ? client.getOperation(url)
            : client.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "a" } } });
        limit.fire();
        const { stream, state } = stalledBody();
        answer(new Response(stream, { status, headers: { location: url } }));
        expect(await settledSoon(call)).toEqual({ reason: timedOut() });
        expect([state.cancelled, sent]).toEqual([true, 1]);
      }
    }
  });

  it("ends a poll whose client never answers, as a timeout", async () => {
    const limit = deadline();
    const wait = waitForOperation({ getOperation: never }, url, { timeoutMs: 200, timeoutSignal: limit.timeoutSignal });
    limit.fire();
    const outcome = (await settledSoon(wait)) as { reason?: unknown };
    expect(outcome.reason).toBeInstanceOf(OperationTimeoutError);
  });
});

// The poller does not race a client of createGraphLroClient again (decision 0025f): the client's own GET must.
describe("a poll through a typed client whose fetch never settles", () => {
  it("ends as a timeout at the poll's time limit, the client having none of its own", async () => {
    const limit = deadline();
    const client = createGraphLroClient({ fetch: never });
    const wait = waitForOperation(client, url, { timeoutMs: 200, timeoutSignal: limit.timeoutSignal });
    expect(await settledSoon(wait)).toBe("pending");
    limit.fire();
    const outcome = (await settledSoon(wait)) as { reason?: unknown };
    expect(outcome.reason).toBeInstanceOf(OperationTimeoutError);
  });

  it("ends with the caller's reason when the caller aborts", async () => {
    const caller = new AbortController();
    const wait = waitForOperation(createGraphLroClient({ fetch: never }), url, { signal: caller.signal });
    expect(await settledSoon(wait)).toBe("pending");
    caller.abort(new Error("stop"));
    expect(await settledSoon(wait)).toEqual({ reason: new Error("stop") });
  });

  it("ends a typed call given a signal, without timeoutMs, when the caller aborts", async () => {
    const caller = new AbortController();
    const call = createGraphLroClient({ fetch: never }).getOperation(url, { signal: caller.signal });
    expect(await settledSoon(call)).toBe("pending");
    caller.abort(new Error("stop"));
    expect(await settledSoon(call)).toEqual({ reason: new Error("stop") });
  });
});

describe("the raw client without timeoutMs", () => {
  const get = (raw: ReturnType<typeof createGraphLroRawClient>, signal?: AbortSignal) =>
    raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "a" } }, signal });

  it("ends the body read when the caller aborts", async () => {
    const { stream, state } = stalledBody();
    const raw = createGraphLroRawClient({ fetch: async () => new Response(stream) });
    const caller = new AbortController();
    const call = get(raw, caller.signal);
    await settledSoon(call);
    caller.abort(new Error("stop"));
    expect(await settledSoon(call)).toEqual({ reason: new Error("stop") });
    expect(state.cancelled).toBe(true);
  });

  it("leaves no listener on the request's signal once the body is read", async () => {
    const signals: AbortSignal[] = [];
    const fetch = async (request: Request) => {
      signals.push(request.signal);
      return new Response('{"status":"running"}');
    };
    const { data } = await get(createGraphLroRawClient({ fetch }), new AbortController().signal);
    expect(data).toEqual({ status: "running" });
    expect(signals.map((signal) => getEventListeners(signal, "abort").length)).toEqual([0]);
  });
});

describe("reading a body once the signal has aborted", () => {
  it("readBodyText cancels the body at once and rejects with the reason", async () => {
    const { stream, state } = stalledBody();
    const reading = readBodyText(new Response(stream), 100, AbortSignal.abort(timedOut()));
    expect(await settledSoon(reading)).toEqual({ reason: timedOut() });
    expect(state.cancelled).toBe(true);
  });

  it("limitBody errors at once with the reason, cancelling the original and settling", async () => {
    const { stream, state } = stalledBody();
    let settled = 0;
    const limited = limitBody(new Response(stream), {
      maxBytes: 100,
      tooLarge: () => new Error("too large"),
      settled: () => settled++,
      signal: AbortSignal.abort(timedOut()),
    });
    expect(await settledSoon(limited.text())).toEqual({ reason: timedOut() });
    expect([state.cancelled, settled > 0]).toEqual([true, true]);
  });
});

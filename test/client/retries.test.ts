import { describe, expect, it, vi } from "vitest";
import { createGraphLroClient, createGraphLroRawClient, GraphError, InvalidArgumentError } from "../../src/index.ts";
import { json, odataError, recordingClock, recordingFetch } from "../support/recording-fetch.ts";
import { template } from "../support/spec-urls.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");

function setup(...replies: Parameters<typeof recordingFetch>) {
  const recorded = recordingFetch(...replies);
  const { clock, delays } = recordingClock(NOW);
  const options = {
    fetch: recorded.fetch,
    clock,
    random: () => 0.5,
    retry: { maxRetries: 3, maxDelayMs: 60_000 },
  };
  return {
    client: createGraphLroClient(options),
    raw: createGraphLroRawClient(options),
    requests: recorded.requests,
    delays,
  };
}

const ok = json({ status: "succeeded" });

describe("retries", () => {
  it("retries 429 after Retry-After seconds, keeping the client-request-id", async () => {
    const { client, requests, delays } = setup(odataError(429, "TooManyRequests", { "retry-after": "10" }), ok);
    const result = await client.getRoleManagementAlertOperation("op");
    expect(result.operation.status).toBe("succeeded");
    expect(delays).toEqual([10_000]);
    expect(new Set(requests.map((r) => r.headers["client-request-id"]))).toEqual(new Set([result.clientRequestId]));
  });

  it("retries 503 after a Retry-After HTTP date", async () => {
    const { client, delays } = setup(
      new Response(null, { status: 503, headers: { "retry-after": "Mon, 02 Mar 2026 10:00:07 GMT" } }),
      ok,
    );
    await client.getRoleManagementAlertOperation("op");
    expect(delays).toEqual([7_000]);
  });

  it("backs off exponentially with full jitter when there is no Retry-After (504, network errors)", async () => {
    const { client, requests, delays } = setup(
      new Response("gateway", { status: 504 }),
      new TypeError("fetch failed"),
      new Response(null, { status: 503 }),
      ok,
    );
    await client.getRoleManagementAlertOperation("op");
    expect(requests).toHaveLength(4);
    // random() = 0.5 of a ceiling of 500, 1000, 2000 ms.
    expect(delays).toEqual([250, 500, 1000]);
  });

  it("stops after maxRetries and reports the last response as a GraphError", async () => {
    const { client, requests, delays } = setup(odataError(503, "serviceNotAvailable", { "retry-after": "1" }));
    const error = await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 503, code: "serviceNotAvailable", retryAfterMs: 1000 });
    expect(requests).toHaveLength(4);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it("stops when the next wait would pass the delay budget, without shortening Retry-After", async () => {
    const { client, requests, delays } = setup(
      odataError(429, "TooManyRequests", { "retry-after": "30" }),
      odataError(429, "TooManyRequests", { "retry-after": "31" }),
    );
    const error = await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 31_000 });
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([30_000]);
  });

  it("turns a network error that outlasts the retries into a GraphError with status 0, naming its code", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { client, requests } = setup(refused);
    const error = await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "GraphError",
      status: 0,
      code: "networkError",
      message: expect.stringMatching(/: network error \(TypeError, ECONNREFUSED\)$/),
    });
    // Not kept: a custom fetch's error may carry the Request, and its headers.
    expect((error as GraphError).cause).toBeUndefined();
    expect(requests).toHaveLength(4);
  });

  it("takes the default for a retry field given as undefined, rather than dropping the bound", async () => {
    const unavailable = new Response(null, { status: 503, headers: { "retry-after": "0" } });
    // A sixth request fails the test instead of letting an unbounded loop hang it.
    const runaway = () => {
      throw new RangeError("runaway retries");
    };
    const { fetch, requests } = recordingFetch(...Array(5).fill(unavailable), runaway);
    const { clock } = recordingClock();
    const client = createGraphLroClient({ fetch, clock, retry: { maxRetries: undefined, maxDelayMs: undefined } });
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(5); // the default 4 retries
    const long = recordingFetch(odataError(429, "TooManyRequests", { "retry-after": "86400" }));
    const patient = createGraphLroClient({ fetch: long.fetch, clock, retry: { maxDelayMs: undefined } });
    await expect(patient.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ status: 429 });
    expect(long.requests).toHaveLength(1); // a day is over the default budget of a minute
  });

  it("accepts maxDelayMs: Infinity (no budget, only maxRetries) and maxRetries: 0", async () => {
    const { fetch, requests } = recordingFetch(odataError(429, "TooManyRequests", { "retry-after": "86400" }), ok);
    const { clock, delays } = recordingClock();
    const client = createGraphLroClient({ fetch, clock, retry: { maxDelayMs: Number.POSITIVE_INFINITY } });
    await expect(client.getRoleManagementAlertOperation("op")).resolves.toMatchObject({ status: 200 });
    expect(delays).toEqual([86_400_000]);
    const once = createGraphLroClient({ fetch, clock, retry: { maxRetries: 0 } });
    await expect(once.getRoleManagementAlertOperation("op")).resolves.toMatchObject({ status: 200 });
    expect(requests).toHaveLength(3);
  });

  it.for([
    [{ retry: { maxRetries: -1 } }, "retry.maxRetries", "must be a whole number from 0 to 9007199254740991, got -1"],
    [{ retry: { maxRetries: 1.5 } }, "retry.maxRetries", "must be a whole number from 0 to 9007199254740991, got 1.5"],
    [
      { retry: { maxRetries: Number.POSITIVE_INFINITY } },
      "retry.maxRetries",
      "must be a whole number from 0 to 9007199254740991, got Infinity",
    ],
    [{ retry: { maxDelayMs: Number.NaN } }, "retry.maxDelayMs", "must be a number from 0 to Infinity, got NaN"],
    [{ retry: { maxDelayMs: -1 } }, "retry.maxDelayMs", "must be a number from 0 to Infinity, got -1"],
    [{ timeoutMs: 0 }, "timeoutMs", "must be a whole number from 1 to 2147483647, got 0"],
    [{ timeoutMs: Number.NaN }, "timeoutMs", "must be a whole number from 1 to 2147483647, got NaN"],
    // Past setTimeout's limit, a timer would fire at once on every call.
    [{ timeoutMs: 2 ** 31 }, "timeoutMs", "must be a whole number from 1 to 2147483647, got 2147483648"],
    [{ maxBodyBytes: 0 }, "maxBodyBytes", "must be a whole number from 1 to 9007199254740991, got 0"],
    [{ maxBodyBytes: 1.5 }, "maxBodyBytes", "must be a whole number from 1 to 9007199254740991, got 1.5"],
  ] as const)("refuses %o when the client is made, naming the option", ([options, argument, problem]) => {
    const error = new InvalidArgumentError(argument, `${argument} ${problem}`);
    expect(() => createGraphLroClient(options)).toThrow(error);
    expect(() => createGraphLroClient(options)).toThrow(expect.objectContaining({ argument }));
  });

  it.each([400, 401, 403, 404, 409, 500, 502])("never retries %i", async (status) => {
    const { client, requests, delays } = setup(odataError(status, "Nope"));
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ status, code: "Nope" });
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it.for(
    // A 429 of any method was not acted on, and is retried (decision 0021): test/client/starts.test.ts.
    ["POST", "PUT", "PATCH", "DELETE"].flatMap((method) =>
      [503, 504, "a network error"].map((answer) => [method, answer] as const),
    ),
  )("sends a %s answered %s exactly once", async ([method, answer]) => {
    const reply =
      typeof answer === "number"
        ? new Response(null, { status: answer, headers: { "retry-after": "0" } })
        : new TypeError("fetch failed");
    const { raw, requests, delays } = setup(reply, ok);
    // Through the raw client's untyped request(), on a GET's path: what any method but GET gets.
    const send = raw.request as (method: string, path: string, init: unknown) => Promise<{ response: Response }>;
    const call = send(method.toLowerCase(), template("roleManagementAlert"), {
      params: { path: { "longRunningOperation-id": "op" } },
    });
    if (typeof answer === "number") expect((await call).response.status).toBe(answer);
    else await expect(call).rejects.toMatchObject({ code: "networkError" });
    expect(requests.map((r) => r.method)).toEqual([method]);
    expect(delays).toEqual([]);
  });

  it("retries when the wait would use the budget exactly", async () => {
    const throttled = odataError(429, "TooManyRequests", { "retry-after": "10" });
    const { fetch, requests } = recordingFetch(throttled, json({ status: "running" }));
    const retry = { maxRetries: 3, maxDelayMs: 10_000 };
    await createGraphLroClient({ fetch, clock: recordingClock(NOW).clock, retry }).getRoleManagementAlertOperation(
      "op",
    );
    expect(requests).toHaveLength(2);
  });

  it("says only 'network error' for a failure whose name is not a plain word", async () => {
    const failure = new TypeError("fetch failed: Bearer secret");
    failure.name = "Type Error: Bearer secret";
    const { fetch } = recordingFetch(failure);
    const client = createGraphLroClient({ fetch, retry: { maxRetries: 0 } });
    const error = await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as Error).message).toMatch(/: network error$/);
  });

  it("does not retry errors that are not network errors", async () => {
    const { client, requests } = setup(new RangeError("bug"));
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(1);
  });
});

describe("abort and timeout", () => {
  it("rejects at once with the abort reason when the signal has already aborted", async () => {
    const { client, requests } = setup(ok);
    const reason = new Error("stop");
    await expect(client.getRoleManagementAlertOperation("op", { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(requests).toHaveLength(0);
  });

  it("aborts while waiting between retries, and sends nothing more", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(new Response(null, { status: 503, headers: { "retry-after": "60" } }));
    let sleeping = false;
    const client = createGraphLroClient({
      fetch,
      clock: {
        now: Date.now,
        // A sleep that only ends by abort, as the contract of an injected sleep requires.
        sleep: (_ms, signal) =>
          new Promise((_, reject) => {
            sleeping = true;
            signal.addEventListener("abort", () => reject(signal.reason));
          }),
      },
      retry: { maxRetries: 5, maxDelayMs: 600_000 },
    });
    const call = client.getRoleManagementAlertOperation("op", { signal: controller.signal });
    await settle(() => sleeping);
    controller.abort(new Error("user gave up"));
    await expect(call).rejects.toThrow("user gave up");
    expect(requests).toHaveLength(1);
  });

  it("aborts a fetch in flight, and does not retry it", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const client = createGraphLroClient({ fetch, clock: recordingClock().clock });
    const call = client.getRoleManagementAlertOperation("op", { signal: controller.signal });
    await settle(() => requests.length === 1);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });

  it("applies timeoutMs to the whole call through the injected timeout signal", async () => {
    const timeout = new AbortController();
    const asked: number[] = [];
    const { fetch } = recordingFetch(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const client = createGraphLroClient({
      fetch,
      timeoutMs: 1234,
      timeoutSignal: (ms) => {
        asked.push(ms);
        return timeout.signal;
      },
    });
    const call = client.getRoleManagementAlertOperation("op");
    timeout.abort(new DOMException("timed out", "TimeoutError"));
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    expect(asked).toEqual([1234]);
  });

  it("ends a raw call at timeoutMs, as the typed methods' calls", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const deadline = new AbortController();
    const { fetch } = recordingFetch(hang);
    const raw = createGraphLroRawClient({ fetch, timeoutMs: 1_000, timeoutSignal: () => deadline.signal });
    const call = raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "op" } } });
    deadline.abort(new DOMException("timed out", "TimeoutError"));
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
  }, 2_000);

  it("clears its timer once a call has settled, its body read (typed or raw) or failed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { fetch } = recordingFetch(json({ status: "running" }), odataError(404, "NotFound"), ok);
      const options = { fetch, timeoutMs: 60_000, retry: { maxRetries: 0 } };
      const client = createGraphLroClient(options);
      await client.getRoleManagementAlertOperation("op");
      expect(vi.getTimerCount()).toBe(0);
      await expect(client.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ status: 404 });
      expect(vi.getTimerCount()).toBe(0);
      const { data } = await createGraphLroRawClient(options).GET(template("roleManagementAlert"), {
        params: { path: { "longRunningOperation-id": "op" } },
      });
      expect(data?.status).toBe("succeeded");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("aborts, or times out, while a token function has not answered yet, sending nothing", async () => {
    const { fetch, requests } = recordingFetch();
    const never = () => new Promise<string>(() => {});
    const controller = new AbortController();
    const call = createGraphLroClient({ fetch, token: never }).getRoleManagementAlertOperation("op", {
      signal: controller.signal,
    });
    controller.abort(new Error("user gave up"));
    await expect(call).rejects.toThrow("user gave up");
    const timeout = new AbortController();
    const timed = createGraphLroClient({ fetch, token: never, timeoutMs: 50, timeoutSignal: () => timeout.signal });
    const pending = timed.getRoleManagementAlertOperation("op");
    timeout.abort(new DOMException("timed out", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    expect(requests).toEqual([]);
  });

  it("the default sleep rejects on abort, before and during the wait", async () => {
    const { sleep } = await import("../../src/util/time/sleep.ts");
    await expect(sleep(10, AbortSignal.abort(new Error("before")))).rejects.toThrow("before");
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error("during"));
    await expect(waiting).rejects.toThrow("during");
    await expect(sleep(0, new AbortController().signal)).resolves.toBeUndefined();
  });
});

/** Lets pending promise callbacks run until `ready()` holds (no timers involved). */
async function settle(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ready(); i++) await Promise.resolve();
  expect(ready()).toBe(true);
}

describe("a failing token function", () => {
  it("rejects with its own error, sending nothing and retrying nothing", async () => {
    let calls = 0;
    const tokenError = new TypeError("token cache is broken");
    const client = createGraphLroClient({
      fetch: async () => {
        calls++;
        return new Response("{}");
      },
      token: () => {
        throw tokenError;
      },
      clock: recordingClock().clock,
    });
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toBe(tokenError);
    expect(calls).toBe(0);
  });
});

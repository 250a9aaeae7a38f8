// The typed starts (startOperation, generated from the spec's POSTs): one request each, a 429 the only retry,
// an unknown outcome said so, and the password (the spec's `format: password` fields) kept out of every error.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { starts } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroClient,
  GraphError,
  InvalidArgumentError,
  OutcomeUnknownError,
  type StartName,
  startOperation,
  waitForOperation,
} from "../../src/index.ts";
import { pathParameterNames } from "../../src/openapi/paths.ts";
import { json, odataError, recordingClock } from "../support/recording-fetch.ts";
import { GRAPH_ROOT, LOCATION_QUERY, operationUrl, template } from "../support/spec-urls.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const NAMES = Object.keys(starts) as StartName[];
const PASSWORD = "Pa$$-x-graph-lro-test-\u00e9-secret";
const ASPW = NAMES.find((name) => starts[name].secrets.length > 0) as StartName;

type Json = Record<string, unknown>;
const postOf = (name: StartName) =>
  (spec.paths as unknown as Record<string, Record<string, Json>>)[starts[name].path]?.post as Json;

/** A start's input: an id for each path field, and its request body's first example from the spec. */
function inputOf(name: StartName): Json {
  const ids = Object.fromEntries(Object.values(starts[name].fields).map((field) => [field, `${field} #1/..`]));
  const content = (postOf(name).requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const example = Object.values((content?.["application/json"]?.examples ?? {}) as Record<string, Json>)[0];
  return { ...ids, ...(example?.value as Json | undefined) };
}

/** The Location a 202 of this start gives: an operation URL of the GET it is polled by, each id "op-1". */
function locationOf(name: StartName, query?: string): string {
  const kind = starts[name].polledBy;
  const params = Object.fromEntries(pathParameterNames(template(kind)).map((name) => [name, "op-1"]));
  return operationUrl(kind, params as never, { query });
}

const accepted = (name: StartName, headers: Record<string, string> = {}, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status: 202,
    headers: { location: locationOf(name), ...headers },
  });

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch answering from a script (the last reply repeats), recording each request with its body. */
function setup(...replies: (Response | Error | ((sent: Sent) => Response))[]) {
  const sent: Sent[] = [];
  const { clock, delays } = recordingClock(NOW);
  const fetch = async (request: Request) => {
    const one = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    };
    sent.push(one);
    const reply = replies[Math.min(sent.length, replies.length) - 1] as (typeof replies)[number];
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(one) : reply.clone();
  };
  const retries: unknown[] = [];
  const client = createGraphLroClient({
    fetch,
    clock,
    token: "x-graph-lro-test-token-0123456789",
    random: () => 0.5,
    onRetry: (retry) => retries.push(retry),
  });
  return { client, sent, delays, retries };
}

/** Every way an error gets printed or serialized. */
const renderings = (value: unknown) => [
  String(value),
  (value as Error).stack ?? "",
  JSON.stringify(value),
  inspect(value, { depth: 10 }),
];

describe.each(NAMES)("start %s", (name) => {
  it("POSTs once to its path, ids encoded once, its body as JSON, and returns the 202's Location, Retry-After and ref", async () => {
    const { client, sent } = setup(accepted(name, { "retry-after": "7", "request-id": "r-1" }));
    const started = await startOperation(client, name, inputOf(name) as never);
    expect(sent).toHaveLength(1);
    const [request] = sent as [Sent];
    expect(request.method).toBe(starts[name].method.toUpperCase());
    const expectedPath = Object.entries(starts[name].fields).reduce(
      (path, [param, field]) => path.replace(`{${param}}`, encodeURIComponent(`${field} #1/..`)),
      starts[name].path as string,
    );
    expect(request.url).toBe(`${GRAPH_ROOT}${expectedPath}`);
    const body = Object.fromEntries(starts[name].body.map((key) => [key, inputOf(name)[key]]));
    if (request.body) {
      expect(JSON.parse(request.body)).toEqual(body);
      expect(request.headers["content-type"]).toBe("application/json");
    } else expect(starts[name].bodyRequired || Object.values(body).some((v) => v !== undefined)).toBe(false);
    expect(started).toMatchObject({
      start: name,
      location: locationOf(name),
      status: 202,
      retryAfterMs: 7_000,
      requestId: "r-1",
      clientRequestId: request.headers["client-request-id"],
    });
    expect(started.ref.kind).toBe(starts[name].polledBy);
  });

  it("retries a 429 after its Retry-After, with the same client-request-id and body", async () => {
    const { client, sent, delays } = setup(odataError(429, "TooManyRequests", { "retry-after": "3" }), accepted(name));
    await startOperation(client, name, inputOf(name) as never);
    expect(delays).toEqual([3_000]);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toBe(sent[0]?.body);
    expect(sent[1]?.headers["client-request-id"]).toBe(sent[0]?.headers["client-request-id"]);
  });

  it.each([500, 502, 503, 504])(
    "never resends after a %i: OutcomeUnknownError, with the request id, says the effect is unknown",
    async (status) => {
      const { client, sent, delays } = setup(
        odataError(status, "serviceNotAvailable", { "retry-after": "1", "request-id": "req-9" }),
      );
      const error = await startOperation(client, name, inputOf(name) as never).catch((e: unknown) => e);
      expect(sent).toHaveLength(1);
      expect(delays).toEqual([]);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error).toBeInstanceOf(GraphError);
      expect(error).toMatchObject({ name: "OutcomeUnknownError", status, requestId: "req-9", method: "POST" });
      expect((error as Error).message).toMatch(
        /whether the operation started is unknown: it was sent once, not retried/,
      );
      expect((error as Error).message).toContain("request-id req-9");
    },
  );

  it("never resends after a network error or a timeout: OutcomeUnknownError with the client-request-id", async () => {
    const { client, sent } = setup(new TypeError("fetch failed"));
    const error = await startOperation(client, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ name: "OutcomeUnknownError", status: 0, code: "networkError" });
    expect((error as Error).message).toContain(`client-request-id ${sent[0]?.headers["client-request-id"]}`);

    // The time limit passes once the request is out (the fetch never answers).
    const limit = new AbortController();
    const timedOut = createGraphLroClient({
      fetch: () => {
        limit.abort(new DOMException("timed out after 5 ms", "TimeoutError"));
        return new Promise<Response>(() => {});
      },
      timeoutMs: 5,
      timeoutSignal: () => limit.signal,
    });
    const late = await startOperation(timedOut, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(late).toMatchObject({ name: "OutcomeUnknownError", code: "timeout" });
    // Aborted by the caller, or timed out before sending: the reason as it is (nothing started).
    const reason = new DOMException("stop", "AbortError");
    const signal = AbortSignal.abort(reason);
    await expect(startOperation(client, name, inputOf(name) as never, { signal })).rejects.toBe(reason);
    expect(sent).toHaveLength(1);
  });

  it("a time limit passed before anything was sent or acted on (a pending token, a 429's wait) rejects with its reason", async () => {
    const reason = new DOMException("timed out after 5 ms", "TimeoutError");
    const limitOf = () => {
      const limit = new AbortController();
      return { limit, timeoutMs: 5, timeoutSignal: () => limit.signal };
    };
    // The token function never settles: the limit passes before the POST is sent.
    const sent: string[] = [];
    const pending = limitOf();
    const unsent = createGraphLroClient({
      ...pending,
      fetch: async (request) => {
        sent.push(request.method);
        return accepted(name);
      },
      token: () => {
        pending.limit.abort(reason);
        return new Promise<string>(() => {});
      },
    });
    await expect(startOperation(unsent, name, inputOf(name) as never)).rejects.toBe(reason);
    expect(sent).toEqual([]);
    // Graph answered 429 (it did not act), and the limit passes while waiting its Retry-After: nothing started.
    const waiting = limitOf();
    const throttled = createGraphLroClient({
      ...waiting,
      fetch: async () => odataError(429, "TooManyRequests", { "retry-after": "3" }),
      clock: {
        now: () => NOW,
        sleep: async (_ms, signal) => {
          waiting.limit.abort(reason);
          signal?.throwIfAborted();
        },
      },
    });
    await expect(startOperation(throttled, name, inputOf(name) as never)).rejects.toBe(reason);
  });

  it("takes a redirect as the answer: the POST is sent once, where the caller chose, and the 3xx reported", async () => {
    const redirect = new Response(null, { status: 307, headers: { location: `${GRAPH_ROOT}/x-graph-lro-elsewhere` } });
    const { client, sent } = setup(redirect);
    const error = await startOperation(client, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(sent).toHaveLength(1);
    // Graph answered (it did not act, it sent the request elsewhere): a plain GraphError with its status.
    expect(error).toMatchObject({ name: "GraphError", status: 307 });
  });

  it("gives a 4xx as the GraphError it is (Graph refused: nothing started)", async () => {
    const { client, sent } = setup(odataError(403, "Authorization_RequestDenied"));
    const error = await startOperation(client, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(sent).toHaveLength(1);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });

  it.each([
    ["no Location", {}],
    ["a Location on another origin", { location: "https://evil.test/beta/x" }],
  ])("says the operation started when the 202 has %s", async (_, headers) => {
    const { client } = setup(new Response(null, { status: 202, headers }));
    const error = await startOperation(client, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformedResponse" });
    expect((error as Error).message).toContain(
      `the operation started, but its Location is no URL of a ${starts[name].polledBy} operation`,
    );
  });

  it.each([
    [null, "null"],
    ["a string", "string"],
    [7, "number"],
  ])("refuses an input %j that is not an object, before sending, naming what it is", async (input, what) => {
    const { client, sent } = setup(accepted(name));
    const error = await startOperation(client, name, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "input" });
    expect((error as Error).message).toContain(`input must be an object, got ${what}`);
    expect(sent).toHaveLength(0);
  });

  it("says the operation started when the 202's body is not JSON, or is cut off", async () => {
    const withBody = (body: BodyInit) => () =>
      new Response(body, { status: 202, headers: { location: locationOf(name) } });
    const notJson = await startOperation(setup(withBody("<html>")).client, name, inputOf(name) as never).catch(
      (e: unknown) => e,
    );
    expect(notJson).toMatchObject({ code: "malformedResponse", status: 202 });
    expect((notJson as Error).message).toContain("the operation started, but its body is not JSON");
    const cut = (reason: unknown) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          controller.error(reason);
        },
      });
    const lost = await startOperation(
      setup(withBody(cut(new TypeError("terminated")))).client,
      name,
      inputOf(name) as never,
    ).catch((e: unknown) => e);
    expect(lost).toMatchObject({ name: "GraphError", code: "networkError", status: 202 });
    expect(lost).not.toBeInstanceOf(OutcomeUnknownError);
    expect((lost as Error).message).toContain("the operation started, but its body was cut off: ");
    // Another failure while reading is not a lost connection: it comes out as it is.
    const odd = new RangeError("odd");
    await expect(startOperation(setup(withBody(cut(odd))).client, name, inputOf(name) as never)).rejects.toBe(odd);
  });

  it("refuses an input field the start does not have, before sending, naming it", async () => {
    const { client, sent } = setup(accepted(name));
    const input = { ...inputOf(name), newPasword: PASSWORD };
    const error = await startOperation(client, name, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "newPasword" });
    const known = [...Object.values(starts[name].fields), ...starts[name].body];
    expect((error as Error).message).toContain(`newPasword is no input of this start: ${known.join(", ")}`);
    expect(sent).toHaveLength(0);
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
    // A name is quoted only to its 40th character.
    const long = `x-graph-lro-${"y".repeat(60)}`;
    const cut = await startOperation(client, name, { ...inputOf(name), [long]: 1 } as never).catch((e: unknown) => e);
    expect(cut).toMatchObject({ argument: long });
    expect((cut as Error).message).toContain(`${long.slice(0, 40)} is no input`);
    expect((cut as Error).message).not.toContain(long.slice(0, 41));
  });
});

it("refuses a start the spec does not have, and a client createGraphLroClient did not make, naming each", async () => {
  const { client } = setup();
  const unknown = `x-graph-lro-test-start-${"z".repeat(40)}`;
  const refusal = (got: string) => ({
    name: "InvalidArgumentError",
    argument: "name",
    message: expect.stringContaining(`name must be one of ${NAMES.join(", ")}, got ${got}`),
  });
  // The name quoted to its 40th character; what is no string, by its type.
  await expect(startOperation(client, unknown as never, {} as never)).rejects.toMatchObject(
    refusal(`"${unknown.slice(0, 40)}"`),
  );
  await expect(startOperation(client, 7 as never, {} as never)).rejects.toMatchObject(refusal("number"));
  await expect(
    startOperation({ getOperation: client.getOperation }, NAMES[0] as StartName, {} as never),
  ).rejects.toMatchObject({
    name: "InvalidArgumentError",
    argument: "client",
    message: expect.stringContaining("client must be one that createGraphLroClient made"),
  });
});

describe("a secret of the body (format: password) stays out of errors, retries and logs", () => {
  const field = starts[ASPW].secrets[0] as string;
  const input = { ...inputOf(ASPW), [field]: PASSWORD };

  it.each([
    ["verbatim", (text: string) => text],
    ["JSON-escaped", (text: string) => text.replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
  ])("an error body that echoes it (%s) keeps it out of the GraphError", async (_, encode) => {
    const echo = () =>
      new Response(
        encode(
          JSON.stringify({
            error: {
              code: PASSWORD,
              message: `bad ${PASSWORD}`,
              innerError: { [PASSWORD]: PASSWORD, "request-id": PASSWORD },
            },
          }),
        ),
        { status: 400, headers: { "content-type": "application/json", "request-id": PASSWORD } },
      );
    const { client, retries } = setup(echo);
    const error = await startOperation(client, ASPW, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: "httpError" });
    for (const text of [...renderings(error), ...renderings(retries)]) expect(text).not.toContain(PASSWORD);
    expect(JSON.stringify((error as GraphError).body)).toContain("[redacted]");
  });

  it("a password too short for Graph, quoted in Graph's refusal, is taken out too: a password has no minimum", async () => {
    const short = "p4$s"; // shorter than any token the client would redact
    const refusal = () =>
      new Response(JSON.stringify({ error: { code: "invalidPassword", message: `'${short}' is too short` } }), {
        status: 400,
        headers: { "content-type": "application/json" },
      });
    const { client } = setup(refusal);
    const error = await startOperation(client, ASPW, { ...inputOf(ASPW), [field]: short } as never).catch(
      (e: unknown) => e,
    );
    expect((error as GraphError).body?.error.message).toBe("'[redacted]' is too short");
    for (const text of renderings(error)) expect(text).not.toContain(short);
  });

  it("an error body that is no JSON keeps its status and code, and the secret out", async () => {
    const page = () =>
      new Response(`<html>bad ${PASSWORD}</html>`, { status: 400, headers: { "content-type": "text/html" } });
    const { client } = setup(page);
    const error = await startOperation(client, ASPW, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: "httpError" });
    expect((error as Error).message).toMatch(/400 httpError: the body is not a Graph error$/);
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
  });

  it("a 5xx and a 429 retry report it nowhere", async () => {
    const { client, retries } = setup(odataError(429, "TooManyRequests", { "retry-after": "1" }), odataError(503, "x"));
    const error = await startOperation(client, ASPW, input as never).catch((e: unknown) => e);
    expect(retries).toHaveLength(1);
    for (const text of [...renderings(error), ...renderings(retries)]) expect(text).not.toContain(PASSWORD);
  });

  it("a 429 whose request-id echoes it keeps it out of the retry told to onRetry, the client's and the call's", async () => {
    const echo = odataError(429, "TooManyRequests", { "retry-after": "1", "request-id": `r ${PASSWORD}` });
    const { client, retries } = setup(echo, accepted(ASPW));
    const own: unknown[] = [];
    await startOperation(client, ASPW, input as never, { onRetry: (retry) => own.push(retry) });
    expect(retries).toHaveLength(1);
    expect(own).toHaveLength(1);
    for (const text of [...renderings(retries), ...renderings(own)]) expect(text).not.toContain(PASSWORD);
  });

  it("a 202 whose Location echoes the token or the password keeps both out of the result (and so out of a saved state)", async () => {
    const token = "x-graph-lro-test-token-0123456789";
    const { client } = setup(accepted(ASPW, { location: locationOf(ASPW, `echo=${token}&p=${PASSWORD}`) }));
    const started = await startOperation(client, ASPW, input as never);
    expect(started.location).toContain("echo=[redacted]&p=[redacted]");
    for (const text of [JSON.stringify(started), inspect(started, { depth: 10 })]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(PASSWORD);
    }
  });

  it("the 202's generated password is readable, yet left out of JSON.stringify and inspect of the result", async () => {
    const { client } = setup(accepted(ASPW, {}, { [field]: PASSWORD }));
    const started = await startOperation(client, ASPW, inputOf(ASPW) as never);
    expect((started.body as unknown as Json)[field]).toBe(PASSWORD);
    for (const text of [JSON.stringify(started), inspect(started, { depth: 10 }), String(started)]) {
      expect(text).not.toContain(PASSWORD);
    }
  });
});

describe("waitForOperation(client, started)", () => {
  it("waits the 202's Retry-After before the first poll, then GETs its Location verbatim", async () => {
    const name = NAMES[0] as StartName;
    const location = locationOf(name, LOCATION_QUERY);
    const { client, sent, delays } = setup(
      new Response(null, { status: 202, headers: { location, "retry-after": "5" } }),
      json({ id: "op-1", status: "succeeded" }),
    );
    const started = await startOperation(client, name, inputOf(name) as never);
    const done = await waitForOperation(client, started);
    expect(done.status).toBe("succeeded");
    expect(delays).toEqual([5_000]);
    expect(sent.map((s) => [s.method, s.url])).toEqual([
      ["POST", expect.any(String)],
      ["GET", location],
    ]);
  });
});

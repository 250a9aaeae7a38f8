import { describe, expect, it } from "vitest";
import { createGraphLroClient, GraphError } from "../../src/index.ts";
import { json, odataError, recordingFetch } from "../support/recording-fetch.ts";
import { operationUrl } from "../support/spec-urls.ts";

async function errorFor(reply: Response, select?: ["resourceLocation"] | ["status"]): Promise<GraphError> {
  const { fetch } = recordingFetch(reply);
  const client = createGraphLroClient({ fetch, retry: { maxRetries: 0 } });
  const error = await client.getRoleManagementAlertOperation("op", select ? { select } : {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe("GraphError from an error response", () => {
  it("carries status, code, message, ids, date, Retry-After, body, method and URL", async () => {
    const error = await errorFor(odataError(429, "TooManyRequests", { "retry-after": "10", "request-id": "hdr-req" }));
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" });
    const message = `GET ${url} → 429 TooManyRequests: see body.error.message`;
    expect(error).toMatchObject({
      name: "GraphError",
      status: 429,
      code: "TooManyRequests",
      message,
      requestId: "hdr-req",
      clientRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      date: "2026-03-02T10:14:27",
      retryAfterMs: 10_000,
      method: "GET",
      url,
      body: { error: { code: "TooManyRequests", message: "TooManyRequests happened" } },
    });
    expect(error.message).toBe(message);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      status: 429,
      code: "TooManyRequests",
      message: error.message,
    });
  });

  it("takes innerError's date and request-id only when they are strings, as the spec says", async () => {
    const body = { error: { code: "Odd", message: "m", innerError: { date: 1, "request-id": { id: 2 } } } };
    const error = await errorFor(json(body, { status: 500, headers: { date: "Mon, 02 Mar 2026 10:00:00 GMT" } }));
    expect(error).toMatchObject({ code: "Odd", date: "Mon, 02 Mar 2026 10:00:00 GMT", requestId: undefined });
  });

  it("uses its own code, our client-request-id and the Date header when the body is not an OData error", async () => {
    const error = await errorFor(
      new Response("<html>bad gateway</html>", {
        status: 502,
        statusText: "Bad Gateway",
        headers: { date: "Mon, 02 Mar 2026 10:00:00 GMT" },
      }),
    );
    expect(error).toMatchObject({
      status: 502,
      code: "httpError",
      date: "Mon, 02 Mar 2026 10:00:00 GMT",
      body: undefined,
    });
    // Neither the body nor the status text is quoted: either may echo the request.
    expect(error.message).toMatch(/→ 502 httpError: the body is not a Graph error$/);
    expect(error.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
  it("takes the request-id from the body's innerError when no header gives one", async () => {
    expect(await errorFor(odataError(404, "itemNotFound"))).toMatchObject({ requestId: "req-1" });
  });

  it("keeps no body that is not Graph's error: null, no error, a code or a message alone", async () => {
    for (const text of ["null", "{}", '{"error":{"code":"X"}}', '{"error":{"message":"m"}}', '{"error":"x"}']) {
      const error = await errorFor(new Response(text, { status: 500 }));
      expect([text, error]).toEqual([text, expect.objectContaining({ code: "httpError", body: undefined })]);
      expect(error.message).toMatch(/the body is not a Graph error$/);
    }
  });
});

describe("malformed 2xx responses are GraphErrors that say what is wrong", () => {
  it.each([
    [
      "a non-JSON 200",
      new Response("OK", { headers: { "content-type": "text/plain" } }),
      /not valid JSON \(2 characters\)/,
    ],
    [
      "truncated JSON",
      new Response('{"id":"op","status":"runn', { headers: { "content-type": "application/json" } }),
      /not valid JSON/,
    ],
    [
      "an HTML page",
      new Response("<!DOCTYPE html><html><body>Sign in</body></html>", { headers: { "content-type": "text/html" } }),
      /an HTML page, not JSON/,
    ],
    ["an empty body", new Response("", { headers: { "content-type": "application/json" } }), /the body is empty/],
    ["a 204", new Response(null, { status: 204 }), /the body is empty/],
    [
      "an empty body with Content-Length: 0",
      new Response("", { headers: { "content-length": "0" } }),
      /the body is empty/,
    ],
    ["a JSON array", json([{ status: "running" }]), /the body is an array, not an object/],
    ["JSON null", json(null), /the body is null, not an object/],
    ["a JSON string", json("running"), /the body is a string, not an object/],
    ["JSON without status", json({ id: "op" }), /the body has no status/],
    ["a numeric status", json({ status: 1 }), /status is a number, not a string/],
    ["a null status", json({ status: null }), /status is null, not a string/],
    ["an object status", json({ status: { value: "running" } }), /status is an object, not a string$/],
  ])("%s", async (_, reply, problem) => {
    const error = await errorFor(reply);
    expect(error).toMatchObject({ code: "malformedResponse", method: "GET" });
    expect(error.message).toMatch(problem);
  });

  it("calls a body of whitespace empty", async () => {
    expect((await errorFor(new Response("  \n"))).message).toMatch(/: the body is empty$/);
  });

  it("knows an HTML page by its content type or by its first character", async () => {
    const messageFor = async (text: string, headers: Record<string, string> = {}) =>
      (await errorFor(new Response(text, { headers }))).message;
    expect(await messageFor("oops", { "content-type": "text/html" })).toMatch(/an HTML page, not JSON$/);
    expect(await messageFor("  <html>", { "content-type": "application/json" })).toMatch(/an HTML page, not JSON$/);
    expect(await messageFor("oops")).toMatch(/not valid JSON \(4 characters\)$/);
  });

  it("keeps the request-id and Retry-After of a malformed success body", async () => {
    const error = await errorFor(new Response("[]", { headers: { "request-id": "r-9", "retry-after": "3" } }));
    expect(error).toMatchObject({ code: "malformedResponse", requestId: "r-9", retryAfterMs: 3_000 });
  });

  it("requires status only when it was selected (or nothing was)", async () => {
    const { fetch } = recordingFetch(json({ resourceLocation: "" }));
    const client = createGraphLroClient({ fetch });
    await expect(client.getRoleManagementAlertOperation("op", { select: ["resourceLocation"] })).resolves.toMatchObject(
      {
        operation: { resourceLocation: "" },
      },
    );
    expect((await errorFor(json({ resourceLocation: "" }), ["status"])).message).toMatch(/no status/);
  });

  it("passes an unknown status string through unchanged: the enum is evolvable", async () => {
    const { fetch } = recordingFetch(
      json({ id: "op", status: "x-graph-lro-test-unknown" }),
      json({ status: "unknownFutureValue" }),
    );
    const client = createGraphLroClient({ fetch });
    expect((await client.getRoleManagementAlertOperation("op")).operation.status).toBe("x-graph-lro-test-unknown");
    expect((await client.getRoleManagementAlertOperation("op")).operation.status).toBe("unknownFutureValue");
  });

  it("reports a connection lost mid-body as a networkError, and an abort mid-body as the abort", async () => {
    const cut = (error: unknown) => () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"status":"ru'));
            controller.error(error);
          },
        }),
      );
    const lost = createGraphLroClient({ fetch: recordingFetch(cut(new TypeError("terminated"))).fetch });
    await expect(lost.getRoleManagementAlertOperation("op")).rejects.toMatchObject({
      name: "GraphError",
      status: 200,
      code: "networkError",
      message: expect.stringMatching(/the body was cut off: network error \(TypeError\)$/),
    });
    const reason = new DOMException("gave up", "AbortError");
    const aborted = createGraphLroClient({ fetch: recordingFetch(cut(reason)).fetch });
    await expect(aborted.getRoleManagementAlertOperation("op")).rejects.toBe(reason);
    // An abort is told by the signal, not by the reason's type: a TypeError reason stays the reason.
    const controller = new AbortController();
    const typeErrorReason = new TypeError("user cancelled");
    const mid = createGraphLroClient({
      fetch: recordingFetch(() => {
        controller.abort(typeErrorReason);
        return cut(typeErrorReason)();
      }).fetch,
    });
    await expect(mid.getRoleManagementAlertOperation("op", { signal: controller.signal })).rejects.toBe(
      typeErrorReason,
    );
  });

  it("accepts another 2xx (the v1.0 tutorial shows the GET as 202) and reads its Retry-After", async () => {
    const { fetch } = recordingFetch(json({ status: "running" }, { status: 202, headers: { "retry-after": "5" } }));
    const result = await createGraphLroClient({ fetch }).getRoleManagementAlertOperation("op");
    expect(result).toMatchObject({ status: 202, retryAfterMs: 5000 });
  });
});

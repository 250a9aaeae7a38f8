import { setupServer } from "msw/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroHandlers,
  createMockFetch,
  type GraphLroHandlers,
  type OpenApiDocument,
  startMockServer,
} from "../../src/mock/index.ts";
import { specOperations } from "../../src/mock/spec-operations.ts";
import { GRAPH_ROOT, operationPath } from "../support/spec-urls.ts";

// On the wire, the mock is Graph: the same answers through createMockFetch, setupServer and HTTP.
// Strict mode records violations in handlers.violations; it never changes an answer.
const NOW = Date.UTC(2026, 2, 2, 10, 14, 27, 345);
const GRAPH_DATE = "2026-03-02T10:14:27";
const now = () => NOW;
const CHALLENGE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Transport {
  handlers: GraphLroHandlers;
  /** Sends a request for `path` under the Graph root. */
  send(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void> | void;
}

const transports: Record<string, () => Promise<Transport>> = {
  createMockFetch: async () => {
    const handlers = createGraphLroHandlers({ now });
    const fetch = createMockFetch(handlers);
    return { handlers, send: (path, init) => fetch(`${GRAPH_ROOT}${path}`, init), close: () => {} };
  },
  setupServer: async () => {
    const handlers = createGraphLroHandlers({ now });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: "error" });
    return {
      handlers,
      send: (path, init) => globalThis.fetch(`${GRAPH_ROOT}${path}`, init),
      close: () => server.close(),
    };
  },
  startMockServer: async () => {
    const server = await startMockServer({ port: 0, now });
    return {
      handlers: server.handlers,
      send: (path, init) => fetch(`${server.url}${path}`, init),
      close: server.close,
    };
  },
};

/** The spec's first operation, read inside the test that needs it. */
const firstOperation = () => {
  const [operation] = specOperations(spec as unknown as OpenApiDocument);
  if (!operation) throw new Error("the spec has no operation");
  return operation;
};
const alertPath = (id: string) => operationPath("roleManagementAlert", { "longRunningOperation-id": id });
const bearer = { Authorization: "Bearer t" };

type ErrorBody = { error: { code: string; message: string; innerError: Record<string, string> } };

/** The answer's status, headers and error body, checking that the body's innerError agrees with the headers. */
async function graphError(response: Response, clientRequestId?: string) {
  const body = (await response.json()) as ErrorBody;
  const requestId = response.headers.get("request-id");
  expect(requestId).toMatch(UUID);
  expect(response.headers.get("client-request-id")).toBe(clientRequestId ?? requestId);
  expect(body.error.innerError).toMatchObject({
    date: GRAPH_DATE,
    "request-id": requestId,
    "client-request-id": clientRequestId ?? requestId,
  });
  return { status: response.status, code: body.error.code, message: body.error.message, body };
}

describe.each(Object.keys(transports))("on the wire, through %s", (name) => {
  let t: Transport;
  beforeEach(async () => {
    t = await (transports[name] as () => Promise<Transport>)();
  });
  afterEach(() => t.close());

  it("answers a request without a token with Graph's 401 and challenge, and records the violation", async () => {
    t.handlers.reset();
    const response = await t.send(alertPath("x"));
    expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
    expect(await graphError(response)).toMatchObject({
      status: 401,
      code: "InvalidAuthenticationToken",
      message: "Access token is empty.",
    });
    expect(t.handlers.violations.map((v) => `${v.subject} ${v.pointer}`)).toEqual(["request header /Authorization"]);
  });

  it.each([
    ["Bearer", "Access token is empty."],
    ["Basic dTpw", "CompactToken parsing failed with error code: 80049217"],
    ["Bearer two words", "CompactToken parsing failed with error code: 80049217"],
  ])("answers Authorization %j with Graph's 401 message for it", async (authorization, message) => {
    const response = await t.send(alertPath("x"), { headers: { Authorization: authorization } });
    expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
    expect(await graphError(response)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken", message });
  });

  it("challenges with every 401, the unauthorized story's included", async () => {
    const response = await t.send(alertPath("wire-unauthorized"), {
      headers: { ...bearer, Prefer: "story=unauthorized" },
    });
    expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
    expect(await graphError(response)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
  });

  it("makes innerError agree with the answer: its request-id, the client-request-id sent, the time", async () => {
    const clientRequestId = "4c5e3a1b-0000-4000-8000-000000000001";
    const response = await t.send(alertPath("no-such-operation"), {
      headers: { ...bearer, "client-request-id": clientRequestId },
    });
    expect(await graphError(response, clientRequestId)).toMatchObject({ status: 404 });
  });

  it("keeps a throttled answer's own innerError keys next to the answer's ids", async () => {
    const response = await t.send(alertPath("wire-throttled"), { headers: { ...bearer, Prefer: "story=throttled" } });
    const { status, body } = await graphError(response);
    expect([status, response.headers.get("Retry-After")]).toEqual([429, "1"]);
    expect(body.error.innerError).toMatchObject({ code: "429", status: "429" });
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])(
    "answers %s on an operation's path with 405, Allow: GET and Graph's error body",
    async (method) => {
      const response = await t.send(alertPath("x"), {
        method,
        headers: bearer,
        body: method === "DELETE" ? null : "{}",
      });
      expect(response.headers.get("Allow")).toBe(firstOperation().method.toUpperCase());
      expect(await graphError(response)).toMatchObject({ status: 405, code: "Request_BadRequest" });
    },
  );

  it("plays stories forward in time: createdDateTime stays, lastActionDateTime never goes back", async () => {
    for (const story of ["failed", "unknownFutureValue", "progress"]) {
      const seen: { createdDateTime: string; lastActionDateTime: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await t.send(alertPath(`wire-${story}`), { headers: { ...bearer, Prefer: `story=${story}` } });
        seen.push(await response.json());
      }
      expect(new Set(seen.map((s) => s.createdDateTime)).size).toBe(1);
      const times = seen.map((s) => Date.parse(s.lastActionDateTime));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(Date.parse(seen[0]?.createdDateTime as string));
    }
  });
});

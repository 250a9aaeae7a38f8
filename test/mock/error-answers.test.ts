import { getResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { answerRequest } from "../../src/mock/answer-request.ts";
import { stampInnerError } from "../../src/mock/graph-response.ts";
import { createGraphLroHandlers, createMockFetch, UnhandledRequestError } from "../../src/mock/index.ts";
import { methodNotAllowedHandler } from "../../src/mock/method-not-allowed.ts";
import { adminResponse } from "../../src/mock/mock-admin.ts";
import { mswHandler } from "../../src/mock/msw-handler.ts";
import { routeMatcher } from "../../src/mock/route-matcher.ts";
import { unknownPathResponse } from "../../src/mock/unknown-path.ts";
import { encoded, operationUrl } from "../support/spec-urls.ts";

// The mock's answers outside an operation's story: Graph's error bodies, 405s, its own routes, malformed URLs.

const ids = { requestId: "r-1", clientRequestId: "c-1", date: "2024-01-02T03:04:05" };
const stamped = { date: ids.date, "request-id": ids.requestId, "client-request-id": ids.clientRequestId };
type ErrorBody = { error: { code: string; message: string; innerError?: Record<string, unknown> } };

describe("stampInnerError", () => {
  it("replaces an innerError that is not an object, keeping the answer's ids only", () => {
    for (const innerError of ["text", null, 7]) {
      expect(stampInnerError({ error: { code: "x", innerError } }, ids)).toEqual({
        error: { code: "x", innerError: stamped },
      });
    }
  });

  it("keeps an object innerError's other keys", () => {
    const body = { error: { code: "x", innerError: { code: "TooManyRequests", date: "old" } } };
    expect(stampInnerError(body, ids)).toEqual({
      error: { code: "x", innerError: { code: "TooManyRequests", ...stamped } },
    });
  });

  it("leaves a body that is not an OData error as it is", () => {
    for (const body of [{ error: "text" }, { error: null }, { status: "running" }, null, "text"]) {
      expect(stampInnerError(body, ids)).toBe(body);
    }
  });
});

describe("methodNotAllowedHandler", () => {
  it("answers 405 with every allowed method in Allow and Graph's error body", async () => {
    const match = routeMatcher(["https://x.test"], "/items/{id}");
    const fetch = createMockFetch([
      methodNotAllowedHandler(mswHandler, match, ["get", "patch"], () => Date.UTC(2024, 0, 2)),
    ]);
    const response = await fetch("https://x.test/items/1", { method: "DELETE" });
    expect([response.status, response.headers.get("Allow")]).toEqual([405, "GET, PATCH"]);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: "Request_BadRequest",
      message: "Specified HTTP method is not allowed for the request target.",
      innerError: { date: "2024-01-02T00:00:00" },
    });
  });
});

describe("adminResponse", () => {
  let handlers: ReturnType<typeof createGraphLroHandlers>;
  beforeEach(() => {
    handlers = createGraphLroHandlers();
  });

  it("names the mock's routes for any other path", async () => {
    const response = adminResponse("GET", "/_mock/nothing", handlers);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "NotFound", message: "graph-lro mock: the mock's routes are /_mock/reset and /_mock/coverage" },
    });
  });

  it("names the method a route takes, in Allow too", async () => {
    const response = adminResponse("GET", "/_mock/reset", handlers);
    expect([response.status, response.headers.get("Allow")]).toEqual([405, "POST"]);
    expect(await response.json()).toEqual({
      error: { code: "MethodNotAllowed", message: "graph-lro mock: /_mock/reset takes POST" },
    });
  });
});

const alertUrl = (id: string | ReturnType<typeof encoded>) =>
  operationUrl("roleManagementAlert", { "longRunningOperation-id": id });

describe("answerRequest", () => {
  it("answers a path parameter that is not valid percent-encoding with Graph's 400", async () => {
    const response = await answerRequest(createGraphLroHandlers(), new Request(alertUrl(encoded("%zz"))));
    if (!response) throw new Error("no answer");
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: "BadRequest",
      message: "The request URL is malformed.",
    });
  });

  it("answers it so through msw alone too (setupServer asks the handlers with getResponse), on a GET and a 405", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await getResponse(createGraphLroHandlers(), new Request(alertUrl(encoded("%zz")), { method }));
      if (!response) throw new Error(`no answer to ${method}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.message).toBe("The request URL is malformed.");
    }
  });

  it("answers a handler of one's own that throws on malformed percent-encoding, dated on graph-lro's clock", async () => {
    const now = Date.UTC(2001, 2, 3, 4, 5, 6, 789);
    const handlers = [
      http.get("https://x.test/items/:id", () => new Response("never reached")),
      ...createGraphLroHandlers({ now: () => now }),
    ];
    const response = await answerRequest(handlers, new Request("https://x.test/items/%zz"));
    if (!response) throw new Error("no answer");
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      message: "The request URL is malformed.",
      innerError: { date: "2001-03-03T04:05:06" },
    });
  });

  it("lets any other error of a handler through", async () => {
    const handlers = [
      http.get("https://x.test/a", () => {
        throw new TypeError("a bug in a handler");
      }),
    ];
    await expect(answerRequest(handlers, new Request("https://x.test/a"))).rejects.toThrow("a bug in a handler");
  });
});

describe("$select on an error", () => {
  it("leaves an error body whole: only a 200 is projected", async () => {
    const fetch = createMockFetch(createGraphLroHandlers());
    const response = await fetch(`${alertUrl("no-such-operation")}?$select=status`, {
      headers: { Authorization: "Bearer t" },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toEqual(expect.any(String));
  });
});

describe("createMockFetch", () => {
  it("with onViolation: throw, answers a request that broke nothing, even one no operation answered", async () => {
    const fetch = createMockFetch(createGraphLroHandlers(), { onViolation: "throw" });
    const response = await fetch(alertUrl("x"), { method: "POST", headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(405);
  });

  it("names its errors", () => {
    expect(new UnhandledRequestError("GET", "https://x.test/").name).toBe("UnhandledRequestError");
  });
});

describe("unknownPathResponse", () => {
  it("takes only a whole {parameter} segment for any value", async () => {
    const request = new Request("https://x.test/v1/a/q/c");
    const response = unknownPathResponse(request, "/v1", ["/a/x{id}/b", "/a/{id}x/b"], 0);
    expect(((await response.json()) as ErrorBody).error.message).toBe("Resource not found for the segment 'q'.");
  });

  it("names the last segment when only it is unknown", async () => {
    const response = unknownPathResponse(new Request("https://x.test/v1/a/q/c"), "/v1", ["/a/{id}/b"], 0);
    expect([response.status, ((await response.json()) as ErrorBody).error.message]).toEqual([
      400,
      "Resource not found for the segment 'c'.",
    ]);
  });

  it("never denies a segment the spec has: the beginning of a spec path gets the mock's 404 naming the path", async () => {
    // Such as an operations collection: Graph serves it, the spec does not describe it.
    for (const path of ["/v1/a/q", "/v1/a", "/v1"]) {
      const response = unknownPathResponse(new Request(`https://x.test${path}`), "/v1", ["/a/{id}/b"], 0);
      const { code, message } = ((await response.json()) as ErrorBody).error;
      expect([response.status, code], path).toEqual([404, "NotFound"]);
      expect(message).toContain(`no operation at ${path}`);
      expect(message).toContain("/a/{id}/b");
    }
  });
});

import { describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { splitSelect } from "../../src/client/parse-operation-url.ts";
import {
  createGraphLroClient,
  createGraphLroRawClient,
  GraphError,
  InvalidArgumentError,
  parseOperationUrl,
} from "../../src/index.ts";
import { json, odataError, recordingClock, recordingFetch } from "../support/recording-fetch.ts";
import { GRAPH_ROOT, operationPath, operationUrl, template } from "../support/spec-urls.ts";

// The client at its boundaries: what is a redirect, which bodies are Graph's errors, which options and refs are refused.

const alertUrl = (id: string, root = GRAPH_ROOT) =>
  operationUrl("roleManagementAlert", { "longRunningOperation-id": id }, { root });
const running = () => json({ status: "running" });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A client on a recording fetch that never waits; `token` is the one it sends. */
function setup(replies: Parameters<typeof recordingFetch>, options: Parameters<typeof createGraphLroClient>[0] = {}) {
  const recorded = recordingFetch(...replies);
  const options_ = { fetch: recorded.fetch, clock: recordingClock().clock, random: () => 0.5, ...options };
  return { client: createGraphLroClient(options_), raw: createGraphLroRawClient(options_), ...recorded };
}

describe("what the client takes as a redirect", () => {
  const located = (status: number) => new Response("{}", { status, headers: { location: alertUrl("elsewhere") } });

  it("returns a 2xx or 4xx answer that carries a Location as it is", async () => {
    for (const status of [200, 400]) {
      const { raw, requests } = setup([located(status)]);
      const { response } = await raw.GET(template("roleManagementAlert"), {
        params: { path: { "longRunningOperation-id": "op" } },
      });
      expect([response.status, requests.length]).toEqual([status, 1]);
    }
  });

  it("follows a 300 with a Location", async () => {
    const { client, requests } = setup([located(300), running()]);
    await client.getRoleManagementAlertOperation("op");
    expect(requests.map((r) => r.url)).toEqual([alertUrl("op"), alertUrl("elsewhere")]);
  });

  it("returns a 3xx without Location as an answer, not as a refused redirect", async () => {
    const { client } = setup([new Response(null, { status: 304 })]);
    expect(await rejection(client.getRoleManagementAlertOperation("op"))).toMatchObject({
      status: 304,
      code: "httpError",
    });
  });

  it("refuses a redirect to a URL with only a user name", async () => {
    const target = new URL(alertUrl("moved"));
    target.username = "user";
    const { client, requests } = setup([new Response(null, { status: 302, headers: { location: target.href } })]);
    expect(await rejection(client.getRoleManagementAlertOperation("op"))).toMatchObject({ code: "refusedRedirect" });
    expect(requests).toHaveLength(1);
  });
});

describe("client-request-id", () => {
  const path = template("roleManagementAlert");
  const params = { path: { "longRunningOperation-id": "op" } };

  it("is added to a raw call that has none, and a raw call's own is kept", async () => {
    const { raw, requests } = setup([running()]);
    await raw.GET(path, { params });
    await raw.GET(path, { params, headers: { "client-request-id": "mine" } });
    expect(requests[0]?.headers["client-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[1]?.headers["client-request-id"]).toBe("mine");
  });
});

describe("error bodies", () => {
  const TOKEN = "exactly12chr";

  it("redacts a token of 12 characters, the shortest taken for one", async () => {
    const echo = json({ error: { code: "Echo", message: `Bearer ${TOKEN}` } }, { status: 400 });
    const { client } = setup([echo], { token: TOKEN });
    const error = (await rejection(client.getRoleManagementAlertOperation("op"))) as GraphError;
    expect(error.body?.error.message).toBe("Bearer [redacted]");
  });

  it("takes the request-id from the body's innerError when no header gives one", async () => {
    const { client } = setup([odataError(404, "itemNotFound")]);
    expect(await rejection(client.getRoleManagementAlertOperation("op"))).toMatchObject({ requestId: "req-1" });
  });

  it("keeps no body that is not Graph's error: null, no error, a code or a message alone", async () => {
    for (const text of ["null", "{}", '{"error":{"code":"X"}}', '{"error":{"message":"m"}}', '{"error":"x"}']) {
      const { client } = setup([new Response(text, { status: 500 })]);
      const error = await rejection(client.getRoleManagementAlertOperation("op"));
      expect([text, error]).toEqual([text, expect.objectContaining({ code: "httpError", body: undefined })]);
      expect((error as Error).message).toMatch(/the body is not a Graph error$/);
    }
  });

  it("keeps the request-id and Retry-After of a malformed success body", async () => {
    const { client } = setup([new Response("[]", { headers: { "request-id": "r-9", "retry-after": "3" } })]);
    expect(await rejection(client.getRoleManagementAlertOperation("op"))).toMatchObject({
      code: "malformedResponse",
      requestId: "r-9",
      retryAfterMs: 3_000,
    });
  });
});

describe("malformed success bodies", () => {
  const messageFor = async (text: string, headers: Record<string, string> = {}) => {
    const { client } = setup([new Response(text, { headers })]);
    return ((await rejection(client.getRoleManagementAlertOperation("op"))) as Error).message;
  };

  it("calls a body of whitespace empty", async () => {
    expect(await messageFor("  \n")).toMatch(/: the body is empty$/);
  });

  it("knows an HTML page by its content type or by its first character", async () => {
    expect(await messageFor("oops", { "content-type": "text/html" })).toMatch(/an HTML page, not JSON$/);
    expect(await messageFor("  <html>", { "content-type": "application/json" })).toMatch(/an HTML page, not JSON$/);
    expect(await messageFor("oops")).toMatch(/not valid JSON \(4 characters\)$/);
  });
});

describe("options and arguments", () => {
  it("refuses a token function's answer that is not a string, naming its type only", async () => {
    const { client } = setup([running()], { token: () => 42 as never });
    expect(await rejection(client.getRoleManagementAlertOperation("op"))).toEqual(
      new InvalidArgumentError("token", 'token must be visible ASCII, no spaces or "Bearer ", got number'),
    );
  });

  it("refuses a number given as a string", () => {
    const options_ = [{ timeoutMs: "5000" }, { retry: { maxRetries: "3" } }, { retry: { maxDelayMs: "100" } }];
    for (const options of [...options_, { maxBodyBytes: "10" }]) {
      expect(() => createGraphLroClient(options as never)).toThrow(InvalidArgumentError);
    }
  });

  it("quotes a bad number option only when it is a number, else names its type", () => {
    const messageOf = (timeoutMs: unknown) => {
      try {
        createGraphLroClient({ timeoutMs: timeoutMs as number });
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.message : error;
      }
    };
    const bounds = "timeoutMs must be a whole number from 1 to 2147483647, got";
    expect(messageOf(0.5)).toBe(`${bounds} 0.5`);
    // A misplaced secret is not quoted, and a Symbol (which no template can quote) is named.
    expect(messageOf("eyJ0eXAi.secret")).toBe(`${bounds} string`);
    expect(messageOf(Symbol("s"))).toBe(`${bounds} symbol`);
    expect(messageOf(null)).toBe(`${bounds} object`);
  });

  it("refuses a cloud that is not one, null included, naming its type or quoting it clipped", () => {
    const messageOf = (cloud: unknown) => {
      try {
        createGraphLroClient({ cloud: cloud as never });
        return "accepted";
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.message.replace(/.*, got /, "") : error;
      }
    };
    expect([null, 10n, Symbol("s"), {}].map(messageOf)).toEqual(["object", "bigint", "symbol", "object"]);
    expect(messageOf("x".repeat(100))).toBe(`"${"x".repeat(40)}"`);
  });

  it("names the option each base URL or cloud problem is about", () => {
    const argumentOf = (options: Parameters<typeof createGraphLroClient>[0]) => {
      try {
        createGraphLroClient(options);
      } catch (error) {
        return (error as InvalidArgumentError).argument;
      }
    };
    expect(argumentOf({ cloud: "global", baseUrl: GRAPH_ROOT })).toBe("cloud");
    expect(argumentOf({ cloud: "moon" as never })).toBe("cloud");
    expect(argumentOf({ baseUrl: "xhttp://graph.test/beta" })).toBe("baseUrl");
    expect(argumentOf({ baseUrl: "https://user@graph.microsoft.com/beta" })).toBe("baseUrl");
  });

  it("sends to a base URL without a path, or with several trailing slashes, as to its root", async () => {
    for (const [baseUrl, root] of [
      ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
      ["http://127.0.0.1:4010/beta///", "http://127.0.0.1:4010/beta"],
    ]) {
      const { client, requests } = setup([running()], { baseUrl });
      await client.getRoleManagementAlertOperation("op");
      expect(requests[0]?.url).toBe(alertUrl("op", root));
    }
  });

  it("refuses a ref that is null or names no kind, saying what it got", async () => {
    const { client, requests } = setup([running()]);
    const messageFor = async (ref: unknown) => {
      const error = await rejection(client.getOperation(ref as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe("kind");
      return (error as Error).message;
    };
    expect(await messageFor(null)).toMatch(/, got undefined$/);
    expect(await messageFor({ kind: 5 })).toMatch(/, got number$/);
    expect(await messageFor({ kind: "x".repeat(100) })).toMatch(new RegExp(`, got "${"x".repeat(40)}"$`));
    expect(requests).toEqual([]);
  });
});

describe("parseOperationUrl", () => {
  it("refuses a URL with only a user name", () => {
    const url = new URL(alertUrl("op"));
    url.username = "user";
    expect(() => parseOperationUrl(url)).toThrow(
      new InvalidArgumentError("url", "an operation URL must not carry credentials"),
    );
  });

  it("lists every operation path, comma-separated, for a path that is none", () => {
    const root = new URL(GRAPH_ROOT).pathname;
    const paths = Object.values(operations).map((route) => `${root}${route.path}`);
    expect(() => parseOperationUrl(`${GRAPH_ROOT}/me`)).toThrow(
      new InvalidArgumentError("url", `the path is not an operation path: ${paths.join(", ")}`),
    );
  });

  it("takes out only the options named $select or select", () => {
    expect(splitSelect("xselect=a&selectx=b&%24select=c")).toEqual({ query: "xselect=a&selectx=b", select: ["c"] });
  });

  it("keeps the path of an operation under a root with a path", () => {
    expect(
      parseOperationUrl(`${GRAPH_ROOT}${operationPath("roleManagementAlert", { "longRunningOperation-id": "a" })}`),
    ).toMatchObject({ ref: { kind: "roleManagementAlert", operationId: "a" } });
  });
});

describe("retries", () => {
  it("retries when the wait would use the budget exactly", async () => {
    const throttled = odataError(429, "TooManyRequests", { "retry-after": "10" });
    const { client, requests } = setup([throttled, running()], { retry: { maxRetries: 3, maxDelayMs: 10_000 } });
    await client.getRoleManagementAlertOperation("op");
    expect(requests).toHaveLength(2);
  });

  it("says only 'network error' for a failure whose name is not a plain word", async () => {
    const failure = new TypeError("fetch failed: Bearer secret");
    failure.name = "Type Error: Bearer secret";
    const { client } = setup([failure], { retry: { maxRetries: 0 } });
    const error = (await rejection(client.getRoleManagementAlertOperation("op"))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toMatch(/: network error$/);
  });
});

describe("the raw client's time limit", () => {
  it("ends a raw call at timeoutMs, as the typed methods' calls", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const deadline = new AbortController();
    const { raw } = setup([hang], { timeoutMs: 1_000, timeoutSignal: () => deadline.signal });
    const call = raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "op" } } });
    deadline.abort(new DOMException("timed out", "TimeoutError"));
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
  }, 2_000);
});

import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroHandlers,
  type GraphLroHandlers,
  type MockCall,
  type MockExchange,
  type MockServer,
  startMockServer,
} from "../../src/mock/index.ts";
import { operationPath } from "../support/spec-urls.ts";

const alertPath = (id: string, query?: string) =>
  operationPath("roleManagementAlert", { "longRunningOperation-id": id }, { query });
const runningExample = spec.components.examples.alertRefreshRunning.value;
const auth = { Authorization: "Bearer test" };
type ErrorBody = { error: { code: string; message: string } };

/** A request as sent, with no client-side URL normalisation: its status, headers and body text. */
async function raw(port: number, path: string, init: { headers?: Record<string, string>; method?: string } = {}) {
  const req = httpRequest({ host: "127.0.0.1", port, path, headers: init.headers ?? auth, method: init.method });
  req.end();
  const [response] = (await once(req, "response", { signal: AbortSignal.timeout(5_000) })) as [IncomingMessage];
  let text = "";
  for await (const chunk of response) text += chunk;
  return { status: response.statusCode, headers: response.headers, text };
}

describe("startMockServer at the edges of HTTP", () => {
  let server: MockServer;
  const exchanges: MockExchange[] = [];
  const calls: MockCall[] = [];
  beforeEach(async () => {
    const handlers = createGraphLroHandlers({ onRequest: (call) => calls.push(call) });
    server = await startMockServer({ port: 0, handlers, onExchange: (exchange) => exchanges.push(exchange) });
  });
  afterEach(() => server.close());
  const root = () => new URL(server.url).pathname;

  it("answers a request target that is neither a path nor an absolute URL with 400, naming it malformed", async () => {
    for (const target of ["*", "http://[::1/beta"]) {
      const { status, text } = await raw(server.port, target);
      expect([target, status]).toEqual([target, 400]);
      expect((JSON.parse(text) as ErrorBody).error).toMatchObject({
        code: "BadRequest",
        message: "The request target is malformed.",
      });
    }
  });

  it("echoes the client-request-id on a malformed target's 400", async () => {
    const headers = { ...auth, "client-request-id": "c0ffee00-0000-4000-8000-000000000001" };
    const response = await raw(server.port, "*", { headers });
    expect([response.status, response.headers["client-request-id"]]).toEqual([400, headers["client-request-id"]]);
  });

  it("reads a URL in the query as part of an origin-form target", async () => {
    const { status } = await raw(server.port, `${root()}${alertPath(runningExample.id, "next=http://x.test/")}`);
    // Answered by the operation (the unknown query option is only a violation), not refused as malformed.
    expect(status).toBe(200);
  });

  it("answers the Graph root itself as a path under the root, not as one outside it", async () => {
    // Graph serves its service document there, which the spec does not describe.
    const { status, text } = await raw(server.port, root());
    expect(status).toBe(404);
    const paths = Object.keys(spec.paths).join(", ");
    expect((JSON.parse(text) as ErrorBody).error.message).toBe(
      `graph-lro mock: the spec describes no operation at ${root()}, though Microsoft Graph may serve it; its paths are ${paths}.`,
    );
  });

  it("names a segment that is not valid percent-encoding as sent", async () => {
    const { status, text } = await raw(server.port, `${root()}/%zz/x`);
    expect(status).toBe(400);
    expect((JSON.parse(text) as ErrorBody).error.message).toBe("Resource not found for the segment '%zz'.");
  });

  it("answers outside the Graph root with Graph's NotFound code", async () => {
    const { status, text } = await raw(server.port, "/v1.0/me");
    expect([status, (JSON.parse(text) as ErrorBody).error.code]).toEqual([404, "NotFound"]);
  });

  it("echoes the client-request-id on a 405 to TRACE", async () => {
    const headers = { ...auth, "client-request-id": "c0ffee00-0000-4000-8000-000000000000" };
    const response = await raw(server.port, `${root()}${alertPath("x")}`, { headers, method: "TRACE" });
    expect([response.status, response.headers["client-request-id"]]).toEqual([405, headers["client-request-id"]]);
  });

  it("answers TRACE as any method no operation has: Allow on an operation's path, Graph's 400 or 404 elsewhere", async () => {
    // Fetch cannot make a TRACE Request: DELETE, which no operation has either, is the answer to match.
    for (const path of [`${root()}${alertPath("x")}`, `${root()}/nothing/here`, "/v1.0/nothing"]) {
      const [traced, deleted] = [
        await raw(server.port, path, { method: "TRACE" }),
        await raw(server.port, path, { method: "DELETE" }),
      ];
      expect([traced.status, traced.headers.allow], path).toEqual([deleted.status, deleted.headers.allow]);
      const { code, message } = (JSON.parse(deleted.text) as ErrorBody).error;
      expect((JSON.parse(traced.text) as ErrorBody).error, path).toMatchObject({ code, message });
    }
    expect((await raw(server.port, `${root()}${alertPath("x")}`, { method: "TRACE" })).headers.allow).toBeTruthy();
  });

  it("answers unmatched paths as Graph does when its root is a national cloud's", async () => {
    const usGov = spec.servers.find((s) => s["x-graph-cloud"] === "usGov");
    if (!usGov) throw new Error("the spec has no usGov server");
    const cloud = await startMockServer({ port: 0, graphRoot: usGov.url });
    try {
      const rootPath = new URL(usGov.url).pathname;
      const unknown = await raw(cloud.port, `${rootPath}/nothing`);
      expect([unknown.status, (JSON.parse(unknown.text) as ErrorBody).error.message]).toEqual([
        400,
        "Resource not found for the segment 'nothing'.",
      ]);
      expect((await raw(cloud.port, "/v1.0/nothing")).status).toBe(404);
      expect((await raw(cloud.port, `${rootPath}${alertPath(runningExample.id)}`)).status).toBe(200);
    } finally {
      await cloud.close();
    }
  });

  it("shows the handlers a request to Graph's origin, with the headers sent but the mock's own Host", async () => {
    calls.length = 0;
    // Node gives a repeated Set-Cookie as a list; the handlers get it joined, as fetch joins it.
    const headers = { ...auth, "set-cookie": ["a=1", "b=2"] } as unknown as Record<string, string>;
    await raw(server.port, `${root()}${alertPath(runningExample.id)}`, { headers });
    const [call] = calls;
    expect(new URL(call?.request.url ?? "").origin).toBe(new URL(spec.servers[0].url).origin);
    expect(call?.request.headers.get("host")).toBeNull();
    expect(call?.request.headers.get("authorization")).toBe(auth.Authorization);
    expect(call?.request.headers.get("set-cookie")).toBe("a=1, b=2");
  });

  it("reports the method, the path without the origin of an absolute target, and the time taken", async () => {
    exchanges.length = 0;
    const started = performance.now();
    await raw(server.port, `http://127.0.0.1:${server.port}${root()}${alertPath("x", "a=1")}`);
    await raw(server.port, `${root()}${alertPath("x")}`, { method: "POST" });
    const elapsed = performance.now() - started;
    expect(exchanges.map((e) => [e.method, e.path, e.status])).toEqual([
      ["GET", `${root()}${alertPath("x", "a=1")}`, 404],
      ["POST", `${root()}${alertPath("x")}`, 405],
    ]);
    for (const { ms } of exchanges) expect(ms).toBeGreaterThanOrEqual(0);
    expect((exchanges[0]?.ms ?? 0) + (exchanges[1]?.ms ?? 0)).toBeLessThanOrEqual(elapsed);
  });

  it("sends Content-Length with a body, and none with a 204", async () => {
    const answer = await raw(server.port, `${root()}${alertPath(runningExample.id)}`);
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.text)));
    const reset = await raw(server.port, "/_mock/reset", { method: "POST" });
    expect(reset.status).toBe(204);
    expect(reset.headers["content-length"]).toBeUndefined();
  });
});

describe("startMockServer, other cases", () => {
  it("adds no header of its own with cors: false", async () => {
    const server = await startMockServer({ port: 0, cors: false });
    try {
      const { headers } = await raw(server.port, `${new URL(server.url).pathname}${alertPath(runningExample.id)}`);
      expect(Object.keys(headers).sort()).toEqual(
        [
          "client-request-id",
          "connection",
          "content-length",
          "content-type",
          "date",
          "keep-alive",
          "request-id",
        ].sort(),
      );
    } finally {
      await server.close();
    }
  });

  it("closes the connection when an answer's body fails, and reports no exchange", async () => {
    const failing = new ReadableStream({ pull: (controller) => controller.error(new Error("broken body")) });
    const handlers = Object.assign([http.get("*", () => new Response(failing))], {
      violations: [],
      reset: () => {},
      coverage: () => ({ responses: [], stories: [], examples: [] }),
    }) as unknown as GraphLroHandlers;
    const exchanges: MockExchange[] = [];
    const server = await startMockServer({ port: 0, handlers, onExchange: (e) => exchanges.push(e) });
    try {
      await expect(raw(server.port, `${new URL(server.url).pathname}/x`)).rejects.toThrow(/socket hang up/);
      expect(exchanges).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("answers 500 generalException when a handler throws, and keeps serving", async () => {
    const handlers = Object.assign(
      [
        http.get("*/throws", () => {
          throw new Error("a bug in a handler");
        }),
      ],
      { violations: [], reset: () => {}, coverage: () => ({ responses: [], stories: [], examples: [] }) },
    ) as unknown as GraphLroHandlers;
    const server = await startMockServer({ port: 0, handlers });
    try {
      const root = new URL(server.url).pathname;
      const { status, text } = await raw(server.port, `${root}/throws`);
      expect([status, (JSON.parse(text) as ErrorBody).error.code]).toEqual([500, "generalException"]);
      expect((await raw(server.port, `${root}/throws`)).status).toBe(500);
    } finally {
      await server.close();
    }
  });

  it("serves a graphRoot given with a trailing slash under the root without it", async () => {
    const server = await startMockServer({ port: 0, graphRoot: `${spec.servers[0].url}/` });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}${new URL(spec.servers[0].url).pathname}`);
      expect((await fetch(`${server.url}${alertPath(runningExample.id)}`, { headers: auth })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("stops listening once closed", async () => {
    const server = await startMockServer({ port: 0 });
    await server.close();
    await expect(raw(server.port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("gives an IPv6 host's URL in brackets", async ({ skip }) => {
    const server = await startMockServer({ port: 0, host: "::1" }).catch(() => undefined);
    if (!server) return skip("this machine has no IPv6 loopback");
    try {
      expect(server.url).toBe(`http://[::1]:${server.port}${new URL(spec.servers[0].url).pathname}`);
      expect((await fetch(`${server.url}${alertPath(runningExample.id)}`, { headers: auth })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

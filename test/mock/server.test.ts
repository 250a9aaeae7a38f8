import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { isLoopback } from "../../src/mock/cors.ts";
import { type MockExchange, type MockServer, startMockServer } from "../../src/mock/index.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { encoded, GRAPH_ROOT, operationPath, operationUrl } from "../support/spec-urls.ts";

const alertPath = (id: string, query?: string) =>
  operationPath("roleManagementAlert", { "longRunningOperation-id": id }, { query });
const alertUrl = (root: string, id: string) =>
  operationUrl("roleManagementAlert", { "longRunningOperation-id": id }, { root });
const runningExample = spec.components.examples.alertRefreshRunning.value;
const auth = { Authorization: "Bearer test" };
const EXPOSED = "request-id, client-request-id, Location, Retry-After, WWW-Authenticate, Allow";

describe("startMockServer", () => {
  let server: MockServer;
  const exchanges: MockExchange[] = [];
  beforeEach(async () => {
    server = await startMockServer({ port: 0, onExchange: (exchange) => exchanges.push(exchange) });
  });
  afterEach(() => server.close());
  const root = () => new URL(server.url).pathname;
  const origin = () => new URL(server.url).origin;

  it("serves the spec's examples over HTTP on 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(root()).toBe(new URL(GRAPH_ROOT).pathname);
    const response = await fetch(alertUrl(server.url, runningExample.id), { headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(runningExample);
  });

  it("lets a request choose a story with the Prefer header", async () => {
    const url = alertUrl(server.url, "over-http");
    const headers = { ...auth, Prefer: "story=throttled" };
    const first = await fetch(url, { headers });
    expect([first.status, first.headers.get("Retry-After")]).toEqual([429, "1"]);
    expect((await (await fetch(url, { headers })).json()).status).toBe("succeeded");
  });

  it("answers malformed requests with 4xx errors and keeps serving", async () => {
    // Paths as sent on the wire: the server's root path, then the operation's.
    const status = async (path: string, headers: Record<string, string> = auth) =>
      (await raw(`${root()}${path}`, { headers })).status;
    const badUser = operationPath("userAuthentication", { "user-id": encoded("%zz"), "longRunningOperation-id": "x" });
    expect(await status(badUser)).toBe(400);
    // An unknown query option, even a malformed one, is ignored, as Graph ignores them: "x" is no operation.
    expect(await status(alertPath("x", "%zz=%"))).toBe(404);
    expect(await status(alertPath("x"), { ...auth, "X-Huge": "a".repeat(20_000) })).toBe(431);
    expect(await status(alertPath(runningExample.id))).toBe(200);
  });

  it("answers TRACE, which fetch cannot even make into a Request, with 405", async () => {
    expect((await raw(`${root()}${alertPath("x")}`, { headers: auth, method: "TRACE" })).status).toBe(405);
  });

  it("answers a path under the Graph root that names no resource as Graph does, naming the segment", async () => {
    const message = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: auth });
      expect(response.status).toBe(400);
      expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
      return ((await response.json()) as { error: { code: string; message: string } }).error;
    };
    expect(await message("/nothing/here")).toEqual({
      code: "BadRequest",
      message: "Resource not found for the segment 'nothing'.",
      innerError: expect.any(Object),
    });
    expect((await message(`${alertPath("x")}/more`)).message).toBe("Resource not found for the segment 'more'.");
    const alertTemplate = operationPath("roleManagementAlert", { "longRunningOperation-id": encoded("") });
    const collection = alertTemplate.replace(/\/$/, "");
    const [, first, second] = collection.split("/");
    expect((await message(`/${first}/nope`)).message).toBe("Resource not found for the segment 'nope'.");
    // The beginning of a spec path is a Graph resource the spec does not describe: the mock says so.
    const beginning = await fetch(`${server.url}/${first}/${second}`, { headers: auth });
    expect(beginning.status).toBe(404);
    expect(((await beginning.json()) as { error: { message: string } }).error.message).toContain(
      `no operation at ${root()}/${first}/${second}`,
    );
  });

  it("answers outside the Graph root with a 404 that names the root", async () => {
    const response = await fetch(`${origin()}/v1.0/me`, { headers: auth });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(`under ${root()}/`);
  });

  it("accepts an absolute-form request target, as RFC 9112 asks of servers", async () => {
    const target = alertUrl(`http://127.0.0.1:${server.port}${root()}`, runningExample.id);
    expect((await raw(target, { headers: auth })).status).toBe(200);
  });

  it("reads a target such as //host/x as a path, never as another host", async () => {
    const response = await raw(`//evil.test${root()}${alertPath(runningExample.id)}`, { headers: auth });
    expect(response.status).toBe(404);
  });

  it("answers a POST before its body ends, never reading the body", async () => {
    // A body that never ends: the old server read every body whole before answering.
    const req = httpRequest({
      host: "127.0.0.1",
      port: server.port,
      method: "POST",
      path: `${root()}${alertPath("x")}`,
      headers: { ...auth, "Transfer-Encoding": "chunked" },
    });
    req.write("x".repeat(64 * 1024));
    const answered = once(req, "response", { signal: AbortSignal.timeout(5_000) });
    const [response] = (await answered) as [IncomingMessage];
    expect([response.statusCode, response.headers.allow]).toEqual([405, "GET"]);
    req.destroy();
  });

  it("restarts every story on POST /_mock/reset (204), and serves coverage at GET /_mock/coverage", async () => {
    const url = alertUrl(server.url, "reset-me");
    const headers = { ...auth, Prefer: "story=progress" };
    const status = async () => ((await (await fetch(url, { headers })).json()) as { status: string }).status;
    expect([await status(), await status()]).toEqual(["notStarted", "running"]);
    const reset = await fetch(`${origin()}/_mock/reset`, { method: "POST" });
    expect([reset.status, await reset.text()]).toEqual([204, ""]);
    expect(await status()).toBe("notStarted");
    expect((await fetch(`${origin()}/_mock/reset`)).status).toBe(405);
    const coverage = await (await fetch(`${origin()}/_mock/coverage`)).json();
    expect(coverage).toEqual(server.handlers.coverage());
    expect((await fetch(`${origin()}/_mock/nothing`)).status).toBe(404);
  });

  it("reports each exchange to onExchange: method, path, status, time, operation, story step, violations", async () => {
    exchanges.length = 0;
    await fetch(alertUrl(server.url, "logged"), { headers: { ...auth, Prefer: "story=failed" } });
    await fetch(`${alertUrl(server.url, "logged")}?foo=1`, { headers: { ...auth, Prefer: "story=failed" } });
    await fetch(`${origin()}/_mock/coverage`);
    const [first, second, third] = exchanges;
    expect(first).toMatchObject({
      method: "GET",
      path: `${root()}${alertPath("logged")}`,
      status: 200,
      operationId: "identityGovernance.roleManagementAlerts.GetOperations",
      story: { name: "failed", step: 1, steps: 3 },
      violations: [],
    });
    expect(first?.ms).toBeGreaterThanOrEqual(0);
    expect(second?.story?.step).toBe(2);
    expect(second?.violations.map((v) => v.pointer)).toEqual(["/foo"]);
    expect(third).toMatchObject({ path: "/_mock/coverage", status: 200, operationId: undefined, violations: [] });
  });

  it("answers CORS preflights and exposes Graph's ids on every answer (on by default on loopback)", async () => {
    const preflight = await fetch(alertUrl(server.url, "x"), {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, prefer",
      },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET",
      "access-control-allow-headers": "authorization, prefer",
    });
    for (const response of [
      await fetch(alertUrl(server.url, runningExample.id), { headers: auth }),
      await fetch(alertUrl(server.url, "x")),
      await fetch(`${server.url}/nothing`),
    ]) {
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("Access-Control-Expose-Headers")).toBe(EXPOSED);
    }
  });

  it("lets a browser read a 401's challenge and a 405's Allow", async () => {
    const exposed = (response: Response) =>
      (response.headers.get("Access-Control-Expose-Headers") ?? "").split(/,\s*/).map((name) => name.toLowerCase());
    const unauthorized = await fetch(alertUrl(server.url, "x"));
    expect(unauthorized.headers.has("WWW-Authenticate")).toBe(true);
    expect(exposed(unauthorized)).toContain("www-authenticate");
    const notAllowed = await fetch(alertUrl(server.url, "x"), { method: "DELETE", headers: auth });
    expect(notAllowed.headers.has("Allow")).toBe(true);
    expect(exposed(notAllowed)).toContain("allow");
  });

  it("sends no CORS headers with cors: false, and answers a preflight as Graph answers OPTIONS", async () => {
    const plain = await startMockServer({ port: 0, cors: false });
    try {
      const response = await fetch(alertUrl(plain.url, runningExample.id), { headers: auth });
      expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
      const preflight = await fetch(alertUrl(plain.url, "x"), {
        method: "OPTIONS",
        headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "GET" },
      });
      expect(preflight.status).toBe(405);
    } finally {
      await plain.close();
    }
  });

  /** A request as sent, with no client-side URL normalisation. */
  async function raw(path: string, { headers, method }: { headers: Record<string, string>; method?: string }) {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, headers, method });
    req.end();
    const [response] = (await once(req, "response")) as [IncomingMessage];
    response.resume();
    return { status: response.statusCode };
  }
});

describe("startMockServer's port", () => {
  it("listens on the port asked for", async () => {
    const free = await startMockServer({ port: 0 });
    const port = free.port;
    await free.close();
    const server = await startMockServer({ port });
    try {
      expect([server.port, server.url]).toEqual([port, `http://127.0.0.1:${port}${new URL(GRAPH_ROOT).pathname}`]);
    } finally {
      await server.close();
    }
  });

  it("rejects with the listen error when the port is taken, and does not crash", async () => {
    const busy = await startMockServer({ port: 0 });
    try {
      await expect(startMockServer({ port: busy.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await busy.close();
    }
  });
});

describe("isLoopback", () => {
  it("is true for this machine's addresses only", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopback(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.2", "example.test", "127.0.0.1.example.test"]) {
      expect(isLoopback(host)).toBe(false);
    }
  });
});

describe("npm run mock", () => {
  it("starts on the given port, answers, and stops cleanly on Ctrl-C, printing coverage", async () => {
    let url: string | undefined;
    const run = spawnNode(["scripts/mock.ts", "--port", "0"], {}, (stdout) => {
      url ??= /listening on (\S+)/.exec(stdout)?.[1];
    });
    await expect.poll(() => url, { timeout: 15_000, interval: 50 }).toBeDefined();
    const response = await fetch(alertUrl(url as string, runningExample.id), { headers: auth });
    expect(response.status).toBe(200);
    run.child.kill("SIGINT");
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(stdout).toContain("contract coverage: 1 of");
    expect(stdout).toContain("graph-lro mock stopped");
  }, 30_000);

  it("says a port is in use in one line, without a stack trace", async () => {
    const busy = await startMockServer({ port: 0 });
    try {
      const { code, stderr } = await spawnNode(["scripts/mock.ts", "--port", String(busy.port)]);
      expect(code).toBe(69);
      expect(stderr).toBe(
        `graph-lro: cannot listen on 127.0.0.1:${busy.port}: port ${busy.port} is in use (--port 0 picks a free one)\n`,
      );
    } finally {
      await busy.close();
    }
  }, 30_000);
});

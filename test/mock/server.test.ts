import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { type MockServer, startMockServer } from "../../src/mock/index.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { encoded, GRAPH_ROOT, operationPath, operationUrl } from "../support/spec-urls.ts";

const alertPath = (id: string, query?: string) =>
  operationPath("roleManagementAlert", { "longRunningOperation-id": id }, { query });
const alertUrl = (root: string, id: string) =>
  operationUrl("roleManagementAlert", { "longRunningOperation-id": id }, { root });
const runningExample = spec.components.examples.alertRefreshRunning.value;
const auth = { Authorization: "Bearer test" };

describe("startMockServer", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterAll(() => server.close());

  it("serves the spec's examples over HTTP on 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(new URL(server.url).pathname).toBe(new URL(GRAPH_ROOT).pathname);
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
    const root = new URL(server.url).pathname;
    const status = async (path: string, headers: Record<string, string> = auth) =>
      (await raw(`${root}${path}`, headers)).status;
    const badUser = operationPath("userAuthentication", { "user-id": encoded("%zz"), "longRunningOperation-id": "x" });
    expect(await status("/nothing/here")).toBe(404);
    expect(await status(badUser)).toBe(400);
    expect(await status(alertPath("x", "%zz=%"))).toBe(400);
    expect(await status(alertPath("x", "$expand=everything"))).toBe(400);
    expect(await status(alertPath("x"), { ...auth, "X-Huge": "a".repeat(20_000) })).toBe(431);
    expect(await status(alertPath(runningExample.id))).toBe(200);
  });

  it("accepts an absolute-form request target, as RFC 9112 asks of servers", async () => {
    const { port } = server;
    const target = alertUrl(`http://127.0.0.1:${port}${new URL(server.url).pathname}`, runningExample.id);
    expect((await raw(target, auth)).status).toBe(200);
  });

  /** A request as sent, with no client-side URL normalisation. */
  async function raw(path: string, headers: Record<string, string>) {
    const { port } = server;
    const req = httpRequest({ host: "127.0.0.1", port, path, headers });
    req.end();
    const [response] = (await once(req, "response")) as [import("node:http").IncomingMessage];
    response.resume();
    return { status: response.statusCode };
  }
});

describe("npm run mock", () => {
  it("starts on the given port, answers, and stops cleanly on Ctrl-C", async () => {
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
    expect(stdout).toContain("graph-lro mock stopped");
  }, 30_000);

  it("says a port is in use in one line, without a stack trace", async () => {
    const busy = await startMockServer({ port: 0 });
    try {
      const { code, stderr } = await spawnNode(["scripts/mock.ts", "--port", String(busy.port)]);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `mock: cannot listen on 127.0.0.1:${busy.port}: port ${busy.port} is in use (--port 0 picks a free one)`,
      );
    } finally {
      await busy.close();
    }
  }, 30_000);

  it("refuses a bad port with a usage error", async () => {
    const { code, stderr } = await spawnNode(["scripts/mock.ts", "--port", "http"]);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer from 0 to 65535, not "http"');
  }, 30_000);
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { MIN_WAIT_MS } from "../../src/client/defaults.ts";
import { createGraphLroHandlers, defineStory, type MockServer, startMockServer } from "../../src/mock/index.ts";
import { operationUrl, template } from "../support/spec-urls.ts";
import { graphLro, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

// The command in this process, over real HTTP: against startMockServer, and a server that never answers.
const SECRET = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token-value";
const env = { GRAPH_TOKEN: SECRET };

describe("graph-lro over HTTP against startMockServer", () => {
  let server: MockServer;
  beforeEach(async () => {
    const quick = defineStory().operation("running", { retryAfter: 0 }).operation("succeeded").build();
    const stuck = defineStory().operation("running").build();
    server = await startMockServer({
      port: 0,
      handlers: createGraphLroHandlers({ stories: { quick, stuck }, strict: false }),
    });
  });
  afterEach(() => server.close());

  it("waits for a Location URL, honouring Retry-After: 0 (after the poller's floor)", async () => {
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "quick" }, { root: server.url });
    const { code, stdout } = await graphLro(["wait", url, "--base-url", server.url], { env });
    expect(code).toBe(EXIT.succeeded);
    const floor = (MIN_WAIT_MS / 1000).toFixed(1);
    expect(stdout).toMatch(new RegExp(`running \\(poll 1\\), next poll in ${floor} s\n.*succeeded \\(poll 2\\)`));
  });

  it("plays the story that --header 'Prefer: story=…' asks for", async () => {
    const { code, stdout } = await graphLro(
      ["wait", "--alert-operation", "any", "--base-url", server.url, "--header", "Prefer: story=failed"],
      { env },
    );
    expect(code).toBe(EXIT.failed);
    expect(stdout).toContain(`failed after `);
    expect(stdout).toContain(spec.components.examples.alertRefreshFailed.value.statusDetail);
  });

  it("exits 3 when the next poll would pass --timeout, saying when", async () => {
    const argv = ["wait", "--alert-operation", "stuck", "--base-url", server.url, "--timeout", "1500ms"];
    const { code, stderr } = await graphLro(argv, { env });
    expect(code).toBe(EXIT.timeout);
    expect(stderr).toMatch(/not finished within 1500 ms; last status running; the next poll would have been at/);
  });

  it("exits 4 on an HTTP error, naming it and the server, and never prints the token", async () => {
    const { code, stdout, stderr } = await graphLro(["get", "--alert-operation", "nope", "--base-url", server.url], {
      env,
    });
    expect(code).toBe(EXIT.http);
    expect(stderr).toMatch(
      /^graph-lro: the server answered 404 itemNotFound: .+ \(GET http:\/\/127\.0\.0\.1:.*, request-id .+\)\n$/,
    );
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it("reads the token from --token-command, and exits 4 when it is refused or the command fails", async () => {
    const base = ["get", "--alert-operation", "quick", "--base-url", server.url];
    const { leastPrivileged } = spec.paths[template("roleManagementAlert")].get["x-ms-permissions"];
    const ok = await graphLro([...base, "--token-command", `echo scopes=${leastPrivileged}`], {
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(ok.code).toBe(EXIT.succeeded);
    const denied = await graphLro([...base, "--token-command", "echo scopes=User.Read"]);
    expect([denied.code, denied.stderr.includes("403")]).toEqual([EXIT.http, true]);
    const failing = await graphLro([...base, "--token-command", `echo ${SECRET} >&2; exit 7`]);
    expect([failing.code, failing.stderr]).toEqual([
      EXIT.http,
      "graph-lro: --token-command failed (exit code 7); run it alone to see why\n",
    ]);
    const unusable = await graphLro([...base, "--token-command", `echo Bearer ${SECRET}`]);
    expect(unusable.code).toBe(EXIT.http);
    expect(unusable.stderr).toContain("--token-command gave an unusable token");
    expect(unusable.stderr).not.toContain(SECRET);
  });
});

describe("--timeout against a server that never answers", () => {
  let silent: Server;
  let root = "";
  beforeAll(async () => {
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/beta`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it.for([
    ["get", "no answer within 1000 ms (--timeout 1s)"],
    ["wait", "a poll was still unanswered"],
  ] as const)("bounds %s, which exits 3", { timeout: 10_000 }, async ([command, message]) => {
    const { code, stderr } = await graphLro(
      [command, "--alert-operation", "x", "--base-url", root, "--timeout", "1s"],
      { env },
    );
    expect(code).toBe(EXIT.timeout);
    expect(stderr).toContain(message);
  });
});

describe("the strict built-in mock", () => {
  it("reports a request the spec does not allow as the user's: exit 2, one line naming it", async () => {
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op1" });
    const { code, stderr } = await graphLro(["wait", "--mock", `${url}?foo=1`]);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toBe(
      "graph-lro: --mock checks requests against the spec: request query /foo is not a parameter of this operation\n" +
        "Run graph-lro wait --help for usage.\n",
    );
  });
});

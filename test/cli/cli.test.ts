import { existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT, runCli } from "../../src/cli/run-cli.ts";
import { createGraphLroHandlers, defineStory, type MockServer, startMockServer } from "../../src/mock/index.ts";
import { MIN_POLL_DELAY_MS } from "../../src/poller/poll-schedule.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { operationUrl, template } from "../support/spec-urls.ts";

// The real command, spawned: against its built-in mock (--mock) and against startMockServer over HTTP.
// The command as the package runs it (dist/src/cli/main.js), from source through tsx.
const BIN = join(PROJECT_DIR, "src/cli/main.ts");
const SECRET = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token-value";

const graphLro = (args: string[], env: Record<string, string> = {}, onStdout?: (stdout: string) => void) =>
  spawnNode([BIN, ...args], env, onStdout);

describe.concurrent("graph-lro against its built-in mock", () => {
  it("waits through the throttled story and prints a summary with the resourceLocation", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled"]);
    expect(code).toBe(EXIT.succeeded);
    const resourceLocation = spec.components.examples.alertRefreshSucceeded.value.resourceLocation;
    expect(stdout).toMatch(/succeeded \(poll 1\)\n/);
    expect(stdout).toContain(`resourceLocation: ${resourceLocation}`);
  }, 20_000);

  it("prints one JSON line per state with --json, and exits 1 on failed", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock=failed", "--json", "--select", "status,statusDetail"]);
    expect(code).toBe(EXIT.failed);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.status, l.attempt, l.nextPollInMs])).toEqual([
      ["notStarted", 1, 1000],
      ["running", 2, 2000],
      ["failed", 3, undefined],
    ]);
    expect(lines[2].operation.statusDetail).toBe(spec.components.examples.alertRefreshFailed.value.statusDetail);
  }, 20_000);

  it("answers get with the operation as JSON", async () => {
    const example = spec.components.examples.passwordResetSucceeded.value;
    const { code, stdout } = await graphLro([
      "get",
      "--mock",
      "--user",
      "alice@contoso.com",
      "--operation",
      example.id,
    ]);
    expect(code).toBe(EXIT.succeeded);
    expect(JSON.parse(stdout)).toMatchObject({ id: example.id, status: "notStarted" });
  }, 20_000);

  it("exits 130 on Ctrl-C while waiting", async () => {
    const run = graphLro(["wait", "--mock"], {}, (out) => {
      if (out.includes("notStarted")) run.child.kill("SIGINT");
    });
    const { code, stderr } = await run;
    expect(code).toBe(EXIT.interrupted);
    expect(stderr).toContain("interrupted");
  }, 20_000);

  it("exits 70 on an unexpected error, naming it in one line without a stack", async () => {
    // The strict mock refuses a query parameter the spec does not list: not an outcome of the operation.
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op1" });
    const { code, stderr } = await graphLro(["wait", "--mock", `${url}?foo=1`]);
    expect(code).toBe(EXIT.internal);
    expect(stderr).toMatch(/^graph-lro: unexpected error: ContractViolationError: .*\/foo.*\n$/);
  }, 20_000);
});

describe.concurrent("graph-lro over HTTP against startMockServer", () => {
  let server: MockServer;
  beforeAll(async () => {
    const quick = defineStory().operation("running", { retryAfter: 0 }).operation("succeeded").build();
    const stuck = defineStory().operation("running").build();
    const handlers = createGraphLroHandlers({ stories: { quick, stuck }, strict: false });
    server = await startMockServer({ port: 0, handlers });
  });
  afterAll(() => server.close());
  const env = () => ({ GRAPH_TOKEN: SECRET });

  it("waits for a Location URL, honouring Retry-After: 0 (after the poller's 100 ms floor)", async () => {
    const { code, stdout } = await graphLro(
      [
        "wait",
        operationUrl("roleManagementAlert", { "longRunningOperation-id": "quick" }, { root: server.url }),
        "--base-url",
        server.url,
      ],
      env(),
    );
    expect(code).toBe(EXIT.succeeded);
    const floor = (MIN_POLL_DELAY_MS / 1000).toFixed(1);
    expect(stdout).toMatch(new RegExp(`running \\(poll 1\\), next poll in ${floor} s\n.*succeeded \\(poll 2\\)`));
  }, 20_000);

  it("exits 3 when the next poll would pass --timeout, saying when", async () => {
    const { code, stderr } = await graphLro(
      ["wait", "--alert-operation", "stuck", "--base-url", server.url, "--timeout", "1500ms"],
      env(),
    );
    expect(code).toBe(EXIT.timeout);
    expect(stderr).toMatch(/not finished within 1500 ms; last status running; the next poll would have been at/);
  }, 20_000);

  it("exits 4 on an HTTP error, naming it, and never prints the token", async () => {
    const { code, stdout, stderr } = await graphLro(
      ["get", "--alert-operation", "nope", "--base-url", server.url],
      env(),
    );
    expect(code).toBe(EXIT.http);
    expect(stderr).toContain("404");
    expect(stderr).toContain("itemNotFound");
    expect(stdout + stderr).not.toContain(SECRET);
  }, 20_000);

  it.for([
    ["get", "no answer within 1000 ms"],
    ["wait", "a poll was still unanswered"],
  ] as const)(
    "applies --timeout to %s, exiting 3 when the server never answers",
    { timeout: 20_000 },
    async ([command, message]) => {
      const silent: Server = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const root = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/beta`;
      try {
        const run = graphLro([command, "--alert-operation", "x", "--base-url", root, "--timeout", "1s"], env());
        const killer = setTimeout(() => run.child.kill(), 15_000);
        const { code, stderr } = await run;
        clearTimeout(killer);
        expect(code).toBe(EXIT.timeout);
        expect(stderr).toContain(message);
      } finally {
        silent.closeAllConnections();
        silent.close();
      }
    },
  );

  it("exits 4 when the token is unusable, such as a token command printing Bearer <token>", async () => {
    const base = ["get", "--alert-operation", "quick", "--base-url", server.url];
    const { code, stdout, stderr } = await graphLro([...base, "--token-command", `echo Bearer ${SECRET}`]);
    expect(code).toBe(EXIT.http);
    expect(stderr).toContain("--token-command gave an unusable token");
    expect(stdout + stderr).not.toContain(SECRET);
  }, 20_000);

  it("exits 130 at once on Ctrl-C while --token-command runs, killing it", async () => {
    const started = join(mkdtempSync(join(tmpdir(), "graph-lro-")), "started");
    // exec: the shell becomes sleep, so killing the shell's pid kills the sleep.
    const tokenCommand = `touch '${started}' && exec sleep 30`;
    const run = graphLro([
      "get",
      "--alert-operation",
      "quick",
      "--base-url",
      server.url,
      "--token-command",
      tokenCommand,
    ]);
    await expect.poll(() => existsSync(started), { timeout: 10_000, interval: 50 }).toBe(true);
    run.child.kill("SIGINT"); // this process only, not its group: the token command does not see it
    const sent = Date.now();
    const { code, stderr } = await run;
    expect([code, stderr]).toEqual([EXIT.interrupted, "interrupted\n"]);
    expect(Date.now() - sent).toBeLessThan(5_000);
  }, 20_000);

  it("reads the token from --token-command, and exits 4 when the command fails", async () => {
    const base = ["get", "--alert-operation", "quick", "--base-url", server.url];
    const { leastPrivileged } = spec.paths[template("roleManagementAlert")].get["x-ms-permissions"];
    const ok = await graphLro([...base, "--token-command", `echo scopes=${leastPrivileged}`]);
    expect(ok.code).toBe(EXIT.succeeded);
    const denied = await graphLro([...base, "--token-command", "echo scopes=User.Read"]);
    expect([denied.code, denied.stderr.includes("403")]).toEqual([EXIT.http, true]);
    const failing = await graphLro([...base, "--token-command", `echo ${SECRET} >&2; exit 7`]);
    expect(failing.code).toBe(EXIT.http);
    expect(failing.stderr).toContain("--token-command failed (exit code 7)");
    expect(failing.stdout + failing.stderr).not.toContain(SECRET);
  }, 20_000);
});

describe.concurrent("graph-lro usage errors exit 2", () => {
  it.each([
    [["wait", "--alert-operation", "x"], "no token: set GRAPH_TOKEN"],
    [["wait", "--bogus"], "Unknown option '--bogus'"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["wait", "--mock", "--cloud", "china"], "--cloud and --base-url do not apply"],
    [["wait", "--mock=nope"], 'unknown story "nope"'],
    [["wait", "--mock", "--timeout", "soon"], "--timeout must be a duration"],
    [["wait", "--user", "alice@contoso.com"], "--user and --operation go together"],
    [[], "Usage:"],
    [["--json"], "no command: use wait or get"],
    [["--timeout", "5"], "no command: use wait or get"],
    [
      ["wait", "--alert-operation", "a", "--alert-operation", "b", "--mock", "failed"],
      "--alert-operation is given more",
    ],
    [["get", "--mock", "--json", "--json"], "--json is given more than once"],
    [["get", "--mock", "--select", "status,"], '--select needs property names separated by commas, not "status,"'],
    [["wait", "--cloud", "mars", "--alert-operation", "x"], 'unknown cloud "mars"'],
    [
      [
        "wait",
        operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root: "https://evil.example/beta" }),
      ],
      "evil.example",
    ],
  ])(
    "%j",
    async (args, message) => {
      const { code, stderr } = await graphLro(
        args,
        args[0] === "wait" && args[1]?.startsWith("https") ? { GRAPH_TOKEN: SECRET } : {},
      );
      expect(code).toBe(EXIT.usage);
      expect(stderr).toContain(message);
      expect(stderr).not.toContain(SECRET);
    },
    20_000,
  );

  it("prints help with the exit codes", async () => {
    const { code, stdout } = await graphLro(["--help"]);
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toContain("Exit codes:");
    expect(stdout).toContain("70   unexpected error");
    expect(stdout).toContain("130  interrupted");
  }, 20_000);

  it("prints help and exits 0 when -h comes with other flags but no command", async () => {
    const { code, stdout } = await graphLro(["--json", "-h", "--timeout", "5"]);
    expect([code, stdout.startsWith("graph-lro: wait for")]).toEqual([EXIT.succeeded, true]);
  }, 20_000);
});

describe("the live status line", () => {
  it("redraws one line in a terminal, then prints the summary", async () => {
    let written = "";
    const code = await runCli(["wait", "--mock", "throttled"], {
      env: {},
      stdout: { isTTY: true, write: (text: string) => (written += text) },
      stderr: { write: () => true },
      signal: new AbortController().signal,
    });
    expect(code).toBe(EXIT.succeeded);
    const clearLine = "\r\u001b[2K";
    expect(written.startsWith(`${clearLine}succeeded · `)).toBe(true);
    expect(written).toMatch(/succeeded · \d+\.\d s elapsed · poll 1\n/);
    expect(written).toContain("succeeded after");
  }, 20_000);
});

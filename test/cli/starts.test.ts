// The start commands (one per start of the spec): flags from the spec, the POST sent once, a generated
// password printed only when asked and only on stdout, never in --verbose, a log line or a failure.
import { beforeAll, describe, expect, it } from "vitest";
import { starts } from "../../generated/graph-lro.routes.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { START_COMMANDS, startOptions } from "../../src/cli/start-command.ts";
import { graphLro, jsonLines, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

const COMMANDS = Object.entries(START_COMMANDS);
const SECRET_START = COMMANDS.find(([, name]) => starts[name].secrets.length > 0) as [string, keyof typeof starts];
const PASSWORD = "x-graph-lro-test-Gener4ted!";

/** The flags a start's command needs, each with a stand-in value. */
function neededArgs(name: keyof typeof starts): string[] {
  const entry = starts[name];
  return Object.entries(startOptions(name)).flatMap(([flag, option]) => {
    const field = option.field;
    if (field === undefined || field in entry.defaults) return [];
    const isPath = Object.values(entry.fields).includes(field as never);
    return isPath || entry.bodyRequired ? [`--${flag}`, "x"] : [];
  });
}

/** A fetch that records each request and answers 202 with a Location, the 202's body carrying a password. */
function graph202(body: unknown = {}) {
  const sent: { method: string; url: string; body: string }[] = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, body: await request.text() });
    const location = "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/operations/op-1";
    const userLocation = "https://graph.microsoft.com/beta/users/u/authentication/operations/op-1";
    const isUser = request.url.includes("/users/");
    return new Response(JSON.stringify(body), {
      status: 202,
      headers: { location: isUser ? userLocation : location, "content-type": "application/json" },
    });
  };
  return { fetch, sent };
}

describe.each(COMMANDS)("graph-lro %s", (command, name) => {
  it("starts one on the built-in mock and waits for it, with --wait", async () => {
    const run = await graphLro([command, ...neededArgs(name), "--mock", "--wait", "--json"]);
    expect(run.code, run.stderr).toBe(EXIT.succeeded);
    const [started, ...states] = jsonLines(run.stdout);
    expect(started).toMatchObject({ start: name, status: 202, location: expect.stringMatching(/^https:\/\//) });
    expect(states.at(-1)).toMatchObject({ status: "succeeded" });
  });

  it("on --mock throttled, retries its POST's 429 once, then prints the 202; on --mock unavailable, exit 4", async () => {
    const throttled = await graphLro([command, ...neededArgs(name), "--mock", "throttled"]);
    expect(throttled.code, throttled.stderr).toBe(EXIT.succeeded);
    expect(`${throttled.stdout}${throttled.stderr}`).toMatch(/throttled \(429\), Retry-After 1/);
    expect(throttled.stdout).toContain('"status": 202');
    const unavailable = await graphLro([command, ...neededArgs(name), "--mock", "unavailable"]);
    expect(unavailable.code).toBe(EXIT.http);
    expect(unavailable.stderr).toMatch(/503 serviceNotAvailable.*whether the operation started is unknown/s);
  });

  it("sends its POST once and prints the Location, without waiting", async () => {
    const { fetch, sent } = graph202();
    const run = await graphLro([command, ...neededArgs(name), "--json"], {
      env: { GRAPH_TOKEN: "t0ken-0123456789" },
      fetch,
    });
    expect(run.code, run.stderr).toBe(EXIT.succeeded);
    expect(sent.map((s) => s.method)).toEqual(["POST"]);
    expect(jsonLines(run.stdout)).toEqual([expect.objectContaining({ start: name, status: 202 })]);
  });

  it("says a usage error naming a needed flag that is missing", async () => {
    const needed = neededArgs(name);
    if (needed.length === 0) return;
    const run = await graphLro([command, "--mock"]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain(`${command} needs ${needed[0]}`);
  });

  it("with --wait, resumes a wait that times out by its Location, never by starting it again", async () => {
    const run = await graphLro([command, ...neededArgs(name), "--mock", "--wait", "--timeout", "1500ms", "--json"]);
    expect(run.code).toBe(EXIT.timeout);
    const [started] = jsonLines(run.stdout) as [{ location: string }];
    const { error } = jsonLines(run.stdout).at(-1) as { error: { resume: string } };
    expect(error.resume).toMatch(/^graph-lro wait /);
    expect(error.resume).toContain(started.location.replace(/'/g, "'\\''"));
    expect(run.stderr).toContain(`To keep waiting: ${error.resume}`);
    expect(run.stderr).not.toContain(`graph-lro ${command}`);
  });

  it("with --wait, keeps the run flags given before the command in the resume line (--cloud, --timeout)", async () => {
    const run = await graphLro([
      "--cloud",
      "china",
      "--timeout",
      "1500ms",
      command,
      ...neededArgs(name),
      "--mock",
      "--wait",
    ]);
    expect(run.code).toBe(EXIT.timeout);
    // Without --cloud, the China Location is no URL of the default cloud's: the line would not wait.
    expect(run.stderr).toMatch(/^To keep waiting: graph-lro wait \S+ --cloud china --timeout 1500ms --mock$/m);
  });

  it("interrupted during its POST, says the outcome is unknown and offers no command line to run again", async () => {
    const controller = new AbortController();
    const fetch = async () => {
      controller.abort();
      throw new DOMException("aborted", "AbortError");
    };
    const run = await graphLro([command, ...neededArgs(name), "--json"], {
      env: { GRAPH_TOKEN: "t0ken-0123456789" },
      fetch,
      signal: controller.signal,
    });
    expect(run.code).toBe(EXIT.interrupted);
    const { error } = jsonLines(run.stdout).at(-1) as { error: Record<string, unknown> };
    expect(error.resume).toBeUndefined();
    expect(String(error.message)).toContain("whether the operation started is unknown");
  });

  it("names the flag of an id that cannot be sent, and points to its own help", async () => {
    const table = startOptions(name);
    const path = Object.keys(table).find((flag) => table[flag]?.path);
    if (path === undefined) return;
    const args = neededArgs(name).filter((arg, i, all) => arg !== `--${path}` && all[i - 1] !== `--${path}`);
    const run = await graphLro([command, ...args, `--${path}`, "..", "--mock"]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toBe(`graph-lro: --${path} must not be ".."\nRun graph-lro ${command} --help for usage.\n`);
  });

  it("reports a 503 to its POST as an unknown outcome, not retried, with the request id (exit 4)", async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response(JSON.stringify({ error: { code: "serviceNotAvailable", message: "x" } }), {
        status: 503,
        headers: { "content-type": "application/json", "request-id": "req-503", "retry-after": "1" },
      });
    };
    const run = await graphLro([command, ...neededArgs(name), "--json"], {
      env: { GRAPH_TOKEN: "t0ken-0123456789" },
      fetch,
    });
    expect(calls).toBe(1);
    expect(run.code).toBe(EXIT.http);
    const { error } = jsonLines(run.stdout).at(-1) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ status: 503, requestId: "req-503" });
    expect(String(error.message)).toContain("whether the operation started is unknown");
  });

  // wait's rule: a poll sent in time gets at least MIN_POLL_BUDGET_MS. The POST's time limit must not bound it.
  it("with --wait, bounds only its POST by --timeout: a poll sent in time may still answer", async () => {
    const { fetch: accept } = graph202();
    const fetch = async (request: Request) => {
      if (request.method !== "GET") return accept(request);
      // Answers after the POST's 1 ms limit (a 5 ms timer), well within the poll's own.
      await new Promise((resolve) => setTimeout(resolve, 5));
      request.signal.throwIfAborted();
      return Response.json({ id: "op-1", status: "succeeded" });
    };
    const run = await graphLro([command, ...neededArgs(name), "--wait", "--timeout", "1ms"], {
      env: { GRAPH_TOKEN: "t0ken-0123456789" },
      fetch,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(EXIT.succeeded);
  });

  // Without the limit, --wait's POST waited on a silent server until undici gave up, 300 s later.
  it.each([[[]], [["--wait"]]])(
    "bounds its POST by --timeout (%j): a server that never answers is an unknown outcome, exit 4",
    async (extra) => {
      // Answers nothing, ever: only the call's own time limit (a 1 ms timer) can end it.
      const fetch = (request: Request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        });
      const run = await graphLro([command, ...neededArgs(name), ...extra, "--timeout", "1ms"], {
        env: { GRAPH_TOKEN: "t0ken-0123456789" },
        fetch,
      });
      expect(run.code).toBe(EXIT.http);
      expect(run.stderr).toMatch(/timed out after 1 ms.*whether the operation started is unknown/s);
    },
    10_000,
  );
});

describe(`graph-lro ${SECRET_START[0]}: the generated secret`, () => {
  const [command, name] = SECRET_START;
  const field = starts[name].secrets[0] as string;
  const flag = `--show-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

  it("is not a flag: a command line is visible to every process", async () => {
    const run = await graphLro([command, ...neededArgs(name), `--${field}`, PASSWORD, "--mock"]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  it.each([[[]], [["--verbose"]], [["--json", "--verbose"]]])(
    "is printed on stdout only when asked (%j), never on stderr",
    async (extra) => {
      const env = { GRAPH_TOKEN: "t0ken-0123456789" };
      const silent = await graphLro([command, ...neededArgs(name), ...extra], {
        env,
        fetch: graph202({ [field]: PASSWORD }).fetch,
      });
      expect(silent.code).toBe(EXIT.succeeded);
      expect(silent.stdout + silent.stderr).not.toContain(PASSWORD);
      const shown = await graphLro([command, ...neededArgs(name), flag, ...extra], {
        env,
        fetch: graph202({ [field]: PASSWORD }).fetch,
      });
      expect(shown.code).toBe(EXIT.succeeded);
      expect(shown.stdout).toContain(PASSWORD);
      expect(shown.stderr).not.toContain(PASSWORD);
    },
  );

  it("is left out of a failure of the wait that follows", async () => {
    const env = { GRAPH_TOKEN: "t0ken-0123456789" };
    let n = 0;
    const fetch = async (request: Request) => {
      n += 1;
      if (n === 1) return graph202({ [field]: PASSWORD }).fetch(request);
      return new Response(JSON.stringify({ status: "failed", statusDetail: "no" }), {
        headers: { "content-type": "application/json" },
      });
    };
    const run = await graphLro([command, ...neededArgs(name), "--wait", "--verbose"], { env, fetch });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { redactCredentials } from "../../src/text/redact.ts";
import { TOO_DEEP } from "../../src/text/terminal-text.ts";
import { graphLro, jsonLines, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

// What the command writes when a server sends what no Graph would: megabytes of text, the token
// echoed into a success, a valid answer nested thousands deep.
const SECRET = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token-value";
const env = { GRAPH_TOKEN: SECRET };
const MB = 1024 * 1024;

/**
 * CPU time since `started`, in ms: what a quadratic regex costs, and unlike the clock it does not grow with the
 * machine's load (a linear run took 3.1 s of wall time at load 20).
 */
function cpuMs(started: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** A fetch that answers each request with the next body (the last one repeats). */
function answering(...bodies: { status?: number; body: unknown }[]) {
  let n = 0;
  return async () => {
    const { status = 200, body } = bodies[Math.min(n++, bodies.length - 1)] as { status?: number; body: unknown };
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "content-type": "application/json" } });
  };
}

/** Text that made the old credential pattern backtrack: every `.` starts a new try, each scanning to the end. */
const hostile = {
  "dotted words": "a.".repeat(MB / 2),
  "a scheme that never ends": `${"a".repeat(MB - 3)}://`,
  "a userinfo that never ends": `a://${"b".repeat(MB)}`,
  "many schemes": "a://b".repeat(MB / 5),
};

describe("a failure report of a megabyte of server text", () => {
  it.for(Object.entries(hostile))("redactCredentials reads %s in linear time", ([, text]) => {
    const started = process.cpuUsage();
    redactCredentials(text);
    // Quadratic took minutes for a megabyte; linear takes milliseconds. The bound is far from both.
    expect(cpuMs(started)).toBeLessThan(2_000);
  });

  it("still removes credentials of each URL", () => {
    expect(redactCredentials("see https://user:pw@host/x and ftp://a@b")).toBe("see https://host/x and ftp://b");
  });

  it("wait on a failed operation with a megabyte statusDetail ends at once, its line clipped", async () => {
    const statusDetail = hostile["dotted words"];
    const started = process.cpuUsage();
    const { code, stdout } = await graphLro(["wait", "--alert-operation", "op"], {
      env,
      fetch: answering({ body: { id: "op", status: "failed", statusDetail } }),
    });
    expect(cpuMs(started)).toBeLessThan(2_000);
    expect(code).toBe(EXIT.failed);
    expect(stdout.length).toBeLessThan(2_000);
  });

  it("get on a 400 with a megabyte request-id ends at once, its message and fields clipped", async () => {
    const requestId = hostile["dotted words"];
    const body = { error: { code: "BadRequest", message: "no", innerError: { "request-id": requestId } } };
    const started = process.cpuUsage();
    const { code, stdout, stderr } = await graphLro(["get", "--alert-operation", "op", "--json"], {
      env,
      fetch: answering({ status: 400, body }),
    });
    expect(cpuMs(started)).toBeLessThan(2_000);
    expect(code).toBe(EXIT.http);
    expect(stderr.length).toBeLessThan(2_500);
    const [line] = jsonLines(stdout) as [{ error: { requestId: string } }];
    expect(line.error.requestId.length).toBeLessThanOrEqual(2_001);
    expect(requestId.startsWith(line.error.requestId.slice(0, -1))).toBe(true);
  });
});

describe("a token across the point where a line is clipped", () => {
  it("is not printed in part: the clip never cuts inside it, and the rest is replaced whole", async () => {
    // 480 characters of prose put the token across the 500th, where values are clipped.
    const statusDetail = `${"word ".repeat(96)}${SECRET} and more`;
    const { stdout, stderr } = await graphLro(["wait", "--alert-operation", "op"], {
      env,
      fetch: answering({ body: { id: "op", status: "failed", statusDetail } }),
    });
    expect(`${stdout}${stderr}`).not.toContain(SECRET.slice(0, 12));
  });
});

describe("a success that echoes the token", () => {
  const echo = {
    id: "op",
    statusDetail: `you sent Bearer ${SECRET}`,
    resourceLocation: `https://graph.microsoft.com/beta/things/${SECRET}`,
    [SECRET]: SECRET,
  };
  const wrote = ({ stdout, stderr }: { stdout: string; stderr: string }) => stdout + stderr;
  const modes: [string[]][] = [[[]], [["--json"]], [["--verbose"]]];

  it.for(modes)("get %j never writes it", async ([flags]) => {
    const run = await graphLro(["get", "--alert-operation", "op", ...flags], {
      env,
      fetch: answering({ body: { ...echo, status: "running" } }),
    });
    expect(run.code).toBe(EXIT.succeeded);
    expect(wrote(run)).not.toContain(SECRET);
    expect(wrote(run)).toContain("[redacted]");
  });

  it.for(modes)("wait %j never writes it: progress, a status that is the token, the summary", async ([flags]) => {
    const run = await graphLro(["wait", "--alert-operation", "op", ...flags], {
      env,
      fetch: answering({ body: { ...echo, status: SECRET } }, { body: { ...echo, status: "succeeded" } }),
    });
    expect(run.code).toBe(EXIT.succeeded);
    expect(wrote(run)).not.toContain(SECRET);
    expect(wrote(run)).toContain("[redacted]");
  });

  it("nor a GRAPH_TOKEN that ends with a newline (read from a file), which is sent without it", async () => {
    const run = await graphLro(["get", "--alert-operation", "op"], {
      env: { GRAPH_TOKEN: ` ${SECRET}\n` },
      fetch: answering({ body: { ...echo, status: "running" } }),
    });
    expect(run.code).toBe(EXIT.succeeded);
    expect(wrote(run)).not.toContain(SECRET);
    expect(wrote(run)).toContain("[redacted]");
  });

  it("nor a failed operation's statusDetail, nor JSON's escape of a token with a quote", async () => {
    const quoted = 'abc"def\\ghi-jkl-mno';
    const run = await graphLro(["wait", "--alert-operation", "op", "--json"], {
      env: { GRAPH_TOKEN: quoted },
      fetch: answering({ body: { id: "op", status: "failed", statusDetail: `token ${quoted}` } }),
    });
    expect(run.code).toBe(EXIT.failed);
    expect(wrote(run)).not.toContain(JSON.stringify(quoted).slice(1, -1));
    expect(wrote(run)).not.toContain(quoted);
    for (const line of jsonLines(run.stdout)) expect(JSON.stringify(line)).toContain("[redacted]");
  });
});

// Deeper than JSON.stringify reaches on any stack Node gives: 5,000 (the report's) overflows the main
// thread's but not a worker thread's 4 MB, where Stryker runs the tests (and the output was then uncut).
const DEPTH = 20_000;

describe("a valid answer nested 20,000 deep", () => {
  // Written out as text: JSON.stringify of it would overflow in the test itself.
  const deep = `${'{"a":'.repeat(DEPTH)}"bottom"${"}".repeat(DEPTH)}`;
  const body = (fields: string) => `{"id":"op",${fields}}`;

  it.for([
    ["get", "running"],
    ["wait", "succeeded"],
  ])(
    "%s --json prints it as valid JSON, cut where it is too deep, and exits as the operation says",
    async ([command, status]) => {
      const run = await graphLro([command as string, "--alert-operation", "op", "--json"], {
        env,
        fetch: answering({ body: body(`"status":"${status}","deep":${deep}`) }),
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(EXIT.succeeded);
      const lines = jsonLines(run.stdout);
      expect(JSON.stringify(lines.at(-1))).toContain(TOO_DEEP);
    },
  );

  it("get prints it for people too", async () => {
    const run = await graphLro(["get", "--alert-operation", "op"], {
      env,
      fetch: answering({ body: body(`"status":"running","deep":${deep}`) }),
    });
    expect([run.code, run.stderr]).toEqual([EXIT.succeeded, ""]);
    expect(run.stdout).toContain(TOO_DEEP);
  });

  it("wait on a failed one with a deep statusDetail reports the failure, not a bug", async () => {
    const run = await graphLro(["wait", "--alert-operation", "op", "--json"], {
      env,
      fetch: answering({ body: body(`"status":"failed","statusDetail":${deep}`) }),
    });
    expect(run.code).toBe(EXIT.failed);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ error: { code: "operationFailed" } });
  });
});

import { describe, expect, it } from "vitest";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { runMockCommand } from "../../src/cli/mock-command.ts";
import { builtInStories } from "../../src/mock/index.ts";
import { escapeRegExp } from "../support/regexp.ts";
import { operationUrl } from "../support/spec-urls.ts";

/** Runs `graph-lro mock` in-process, collecting its output; `stop()` is Ctrl-C. */
function start(argv: string[]) {
  const controller = new AbortController();
  let stdout = "";
  let stderr = "";
  const done = runMockCommand(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    signal: controller.signal,
  });
  return {
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      controller.abort();
      return { code: await done, stdout, stderr };
    },
  };
}

async function listening(run: ReturnType<typeof start>): Promise<string> {
  await expect
    .poll(() => /listening on (\S+)/.exec(run.stdout())?.[1], { timeout: 10_000, interval: 20 })
    .toBeDefined();
  return /listening on (\S+)/.exec(run.stdout())?.[1] as string;
}

// What `graph-lro mock` serves and prints; its usage, usage errors and exit codes: test/cli/mock-command.test.ts.
describe("graph-lro mock", () => {
  it("prints a curl line per operation whose id answers 200, the stories, and how to reset them", async () => {
    const run = start(["--port", "0"]);
    const url = await listening(run);
    const curls = [...run.stdout().matchAll(/^ {2}curl -H 'Authorization: Bearer x' '([^']+)'$/gm)].map((m) => m[1]);
    expect(curls).toHaveLength(Object.keys(operations).length);
    for (const curl of curls) {
      const response = await fetch(curl as string, { headers: { Authorization: "Bearer x" } });
      expect(response.status, curl).toBe(200);
    }
    expect(run.stdout()).toContain(
      `Prefer: story=<name>' to a request with any id; one of ${Object.keys(builtInStories).join(", ")}.`,
    );
    const reset = /curl -X POST (\S+)/.exec(run.stdout())?.[1] as string;
    expect((await fetch(reset, { method: "POST" })).status).toBe(204);
    expect(reset).toBe(`${new URL(url).origin}/_mock/reset`);
    await run.stop();
  });

  it("prints a curl line per start whose POST answers 202 with a Location on the server, which plays a story", async () => {
    const run = start(["--port", "0"]);
    const url = await listening(run);
    const line =
      /^ {2}curl -i -X POST -H 'Authorization: Bearer x'(?: -H 'Content-Type: application\/json' -d '([^']*)')? '([^']+)'$/gm;
    const curls = [...run.stdout().matchAll(line)].map((m) => ({ body: m[1], url: m[2] as string }));
    expect(curls).toHaveLength(Object.keys(starts).length);
    for (const curl of curls) {
      const headers = { Authorization: "Bearer x", Prefer: "story=failed", "Content-Type": "application/json" };
      const started = await fetch(curl.url, { method: "POST", headers, body: curl.body ?? null });
      expect(started.status, curl.url).toBe(202);
      const location = started.headers.get("location") as string;
      expect(location.startsWith(`${url}/`), location).toBe(true);
      const states = [];
      for (let i = 0; i < 3; i++)
        states.push(((await (await fetch(location, { headers })).json()) as { status: string }).status);
      expect(states).toEqual(["notStarted", "running", "failed"]);
    }
    await run.stop();
  });

  it("logs one line per request with its story step, escaping control characters, and prints coverage on exit", async () => {
    const run = start(["--port", "0"]);
    const url = await listening(run);
    const alert = operationUrl("roleManagementAlert", { "longRunningOperation-id": "log-me" }, { root: url });
    const headers = { Authorization: "Bearer x", Prefer: "story=progress" };
    await fetch(alert, { headers });
    await fetch(`${alert}?x=%C2%9B%1B]0;owned%07`, { headers });
    const { code, stdout } = await run.stop();
    expect(code).toBe(0);
    const path = new URL(alert).pathname;
    expect(stdout).toMatch(new RegExp(`\\nGET ${escapeRegExp(path)} -> 200 \\(progress 1/4\\) [\\d.]+ ms\\n`));
    expect(stdout).toContain("-> 200 (progress 2/4)");
    // JSON.stringify escapes C0 in the violation's value; the log escapes what it leaves, such as C1's CSI.
    expect(stdout).toContain(
      'request query /x is not a parameter of this operation (got "\\x9b\\u001b]0;owned\\u0007")',
    );
    // No control character but the newlines between lines.
    expect(stdout.replaceAll("\n", "")).not.toMatch(/\p{Cc}/u);
    expect(stdout).toMatch(/contract coverage: 1 of \d+ declared responses served\n/);
    expect(stdout.endsWith("graph-lro mock stopped\n")).toBe(true);
  });

  it("logs nothing per request with --quiet", async () => {
    const run = start(["--port", "0", "--quiet"]);
    const url = await listening(run);
    await fetch(operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root: url }));
    const { stdout } = await run.stop();
    expect(stdout).not.toContain("GET /");
  });

  it("checks nothing with --no-strict and sends no CORS headers with --no-cors", async () => {
    const run = start(["--port=0", "--no-strict", "--no-cors"]);
    const url = await listening(run);
    expect(run.stdout()).toContain("(no contract checks, CORS off)");
    const response = await fetch(
      `${operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root: url })}?y=1`,
    );
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const { stdout } = await run.stop();
    expect(stdout).not.toContain("contract violation");
  });
});

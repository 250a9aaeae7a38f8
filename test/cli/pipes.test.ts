import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { requireBuild } from "../support/built-package.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { operationUrl } from "../support/spec-urls.ts";

// The real command as a process whose stdout is a pipe: written in full before it exits, and a
// reader that goes away (`| head`) ends the writing quietly, never with a stack or the code of a failure.
// dist/'s command, as installed, built from src/ as it is (requireBuild).
const BIN = join(PROJECT_DIR, "dist/cli.js");
const env = { GRAPH_TOKEN: "eyJ0eXAiOiJKV1QiLCJhbGciOi.pipe-test-token" };
const BIG = 200 * 1024;

/** Answers `big` with an operation of about 200 KB, and any other id with `running` twice, then `succeeded`. */
let server: Server;
let baseUrl = "";
const polls = new Map<string, number>();
beforeAll(async () => {
  requireBuild();
  server = createServer((request, response) => {
    const id = decodeURIComponent(request.url?.split("/").at(-1)?.split("?")[0] ?? "");
    const n = (polls.get(id) ?? 0) + 1;
    polls.set(id, n);
    const body =
      id === "big"
        ? { id, status: "running", statusDetail: "x".repeat(BIG) }
        : { id, status: n > 2 ? "succeeded" : "running", statusDetail: "y".repeat(1000) };
    response.writeHead(200, { "content-type": "application/json", "retry-after": "0" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe.concurrent("graph-lro writing to a pipe", () => {
  it("writes a 200 KB answer in full before it exits, to a slow reader: valid JSON", async ({ expect }) => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-pipe-"));
    try {
      // A shell pipe, as `get --json | jq` makes (Node's own child pipes are sockets, written at
      // once). The reader starts when the command has exited, or after 5 s: a pipe holds 64 KiB,
      // and a command that exits without waiting for the rest to be written loses it.
      const script = [
        `{ "${process.execPath}" "${BIN}" get --alert-operation big --base-url "${baseUrl}" --json; echo $? > "${dir}/code"; }`,
        `| { for i in $(seq 50); do [ -s "${dir}/code" ] && break; sleep 0.1; done; cat; }`,
      ].join(" ");
      const { stdout, stderr } = await promisify(execFile)("/bin/sh", ["-c", script], {
        cwd: PROJECT_DIR,
        env: { ...env, PATH: process.env.PATH ?? "" },
        maxBuffer: 4 * BIG,
      });
      expect(stderr).toBe("");
      expect(Number(await readFile(join(dir, "code"), "utf8"))).toBe(EXIT.succeeded);
      expect(Buffer.byteLength(stdout)).toBeGreaterThan(BIG);
      expect(JSON.parse(stdout)).toMatchObject({ id: "big", statusDetail: "x".repeat(BIG) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("stops writing quietly when the reader goes away, and exits as the operation says", async ({ expect }) => {
    const run = spawnNode([BIN, "wait", "--alert-operation", "closed", "--base-url", baseUrl], env);
    // As `| head -0` does: the reading end is closed before the first line.
    run.child.stdout.destroy();
    const { code, stderr } = await run;
    expect(stderr).toBe("");
    expect([EXIT.succeeded, 141]).toContain(code);
    expect(polls.get("closed")).toBe(3);
  }, 60_000);

  it("keeps the mock serving when its log's reader goes away", async ({ expect }) => {
    let origin = "";
    const run = spawnNode([BIN, "mock", "--port", "0"], {}, (out) => {
      origin ||= /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0] ?? "";
    });
    await expect.poll(() => origin, { timeout: 30_000, interval: 50 }).not.toBe("");
    run.child.stdout.destroy();
    // The mock serves the spec's paths on its own origin.
    const root = new URL(
      new URL(operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" })).pathname,
      origin,
    );
    // Each request logs a line to the closed pipe; every one is still answered.
    for (let i = 0; i < 3; i++) {
      const url = root.href.replace(/x$/, `x${i}`);
      const response = await fetch(url, { headers: { Authorization: "Bearer t" } });
      expect(response.status).toBe(404);
    }
    run.child.kill("SIGINT");
    const { code, stderr } = await run;
    expect([code, stderr]).toEqual([EXIT.succeeded, ""]);
  }, 60_000);
});

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { requireBuild } from "../support/built-package.ts";
import { copyProject, PROJECT_DIR } from "../support/project-copy.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { pidFileRunning } from "./process-state.ts";

// The real command as a process, for what only a process shows: the entry points (dist/ as installed, and
// from source through tsx), real time, and a real SIGINT. The rest runs in-process. The command is dist/'s,
// as users run it, built from src/ as it is (requireBuild): a second of tsx's start-up less per run.
const BIN = join(PROJECT_DIR, "dist/cli.js");
const graphLro = (args: string[], env: Record<string, string> = {}, onStdout?: (stdout: string) => void) =>
  spawnNode([BIN, ...args], env, onStdout);

beforeAll(requireBuild);

describe.concurrent("graph-lro as a process", () => {
  it("waits through the throttled story, showing the 429, then a summary with the resourceLocation", async ({
    expect,
  }) => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled"]);
    expect(code).toBe(EXIT.succeeded);
    const { resourceLocation } = spec.components.examples.alertRefreshSucceeded.value;
    expect(stdout).toMatch(
      /^\[ +\d+\.\d s\] throttled \(429\), Retry-After 1\.0 s\n\[ +\d+\.\d s\] succeeded \(poll 1\)\n/,
    );
    expect(stdout).toContain(`resourceLocation: ${resourceLocation}`);
  }, 60_000);

  it("prints its version from source and from dist/", async ({ expect }) => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as { version: string };
    const fromDist = await graphLro(["--version"]);
    const fromSource = await spawnNode([join(PROJECT_DIR, "src/cli/main.ts"), "--version"]);
    expect([fromDist.code, fromDist.stdout, fromSource.stdout]).toEqual([
      0,
      `graph-lro ${version}\n`,
      `graph-lro ${version}\n`,
    ]);
  }, 60_000);

  it("exits 130 on Ctrl-C while waiting, saying how to resume", async ({ expect }) => {
    let sent = false;
    const run = graphLro(["wait", "--mock", "--json"], {}, (out) => {
      // Once: a second SIGINT would find Node's default handler, which ends the process at once.
      if (out.includes("notStarted") && !sent) sent = run.child.kill("SIGINT");
    });
    const { code, stdout, stderr } = await run;
    expect(code).toBe(EXIT.interrupted);
    expect(stderr).toBe(
      "graph-lro: interrupted after 1 poll, last status notStarted\nTo resume: graph-lro wait --mock --json\n",
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toMatchObject({ error: { code: "interrupted" } });
  }, 60_000);

  it("exits 130 at once on Ctrl-C while --token-command runs, stopping it and what it started", async ({
    expect,
    onTestFinished,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), "graph-lro-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const pidFile = join(dir, "pid");
    const run = graphLro([
      "get",
      "--alert-operation",
      "x",
      "--token-command",
      `sleep 30 & echo $! > '${pidFile}'; wait`,
    ]);
    // Starting tsx, the CLI and a shell takes seconds on a busy machine: this waits for the start only.
    await expect.poll(() => pidFileRunning(pidFile), { timeout: 40_000, interval: 50 }).toBe(true);
    run.child.kill("SIGINT"); // this process only, not its group: the token command does not see it
    const sent = Date.now();
    const { code, stderr } = await run;
    expect([code, stderr]).toEqual([EXIT.interrupted, "graph-lro: interrupted\n"]);
    // "At once": well before the token command's 30 s sleep would have ended, with room for a busy machine.
    expect(Date.now() - sent).toBeLessThan(15_000);
    await expect.poll(() => pidFileRunning(pidFile), { timeout: 10_000, interval: 50 }).toBe(false);
  }, 90_000);
});

describe("npm start", () => {
  it("says what it is about to do, waits on the built-in mock, then what to try next", async () => {
    // In a copy: start regenerates generated/, which a test must not do to the project itself.
    const project = await copyProject();
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "scripts/start.ts", "throttled"],
        {
          cwd: project.dir,
        },
      );
      const lines = stdout.split("\n");
      expect(lines[0]).toBe("Linting spec/graph-lro.yaml and regenerating generated/ from it (a few seconds)…");
      expect(lines[1]).toBe("spec linted; generated/ up to date");
      expect(stdout).toContain("$ graph-lro wait --mock throttled\n");
      expect(stdout).toMatch(/throttled \(429\)[^\n]*\n[^\n]*succeeded \(poll 1\)/);
      expect(stdout).toMatch(/\nTry next:\n( {2}\S.*\n){3,4}$/);
    } finally {
      await project.dispose();
    }
  }, 90_000);
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { requireBuild } from "../support/built-package.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { spawnNode } from "../support/spawn-node.ts";
import { pidFileRunning } from "./process-state.ts";

// The real command as a process, for what only a process shows: the entry points (from source
// through tsx, and dist/ as installed), real time, and a real SIGINT. The rest runs in-process.
const BIN = join(PROJECT_DIR, "src/cli/main.ts");
const graphLro = (args: string[], env: Record<string, string> = {}, onStdout?: (stdout: string) => void) =>
  spawnNode([BIN, ...args], env, onStdout);

describe.concurrent("graph-lro as a process", () => {
  it("waits through the throttled story, showing the 429, then a summary with the resourceLocation", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled"]);
    expect(code).toBe(EXIT.succeeded);
    const { resourceLocation } = spec.components.examples.alertRefreshSucceeded.value;
    expect(stdout).toMatch(
      /^\[ +\d+\.\d s\] throttled \(429\), Retry-After 1\.0 s\n\[ +\d+\.\d s\] succeeded \(poll 1\)\n/,
    );
    expect(stdout).toContain(`resourceLocation: ${resourceLocation}`);
  }, 20_000);

  it("prints its version from source and from dist/", async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as { version: string };
    requireBuild();
    const fromDist = await spawnNode([join(PROJECT_DIR, "dist/src/cli/main.js"), "--version"]);
    const fromSource = await graphLro(["--version"]);
    expect([fromDist.code, fromDist.stdout, fromSource.stdout]).toEqual([
      0,
      `graph-lro ${version}\n`,
      `graph-lro ${version}\n`,
    ]);
  }, 20_000);

  it("exits 130 on Ctrl-C while waiting, saying how to resume", async () => {
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
  }, 20_000);

  it("exits 130 at once on Ctrl-C while --token-command runs, stopping it and what it started", async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), "graph-lro-")), "pid");
    const run = graphLro([
      "get",
      "--alert-operation",
      "x",
      "--token-command",
      `sleep 30 & echo $! > '${pidFile}'; wait`,
    ]);
    await expect.poll(() => pidFileRunning(pidFile), { timeout: 10_000, interval: 50 }).toBe(true);
    run.child.kill("SIGINT"); // this process only, not its group: the token command does not see it
    const sent = Date.now();
    const { code, stderr } = await run;
    expect([code, stderr]).toEqual([EXIT.interrupted, "graph-lro: interrupted\n"]);
    expect(Date.now() - sent).toBeLessThan(5_000);
    await expect.poll(() => pidFileRunning(pidFile), { timeout: 2_000, interval: 50 }).toBe(false);
  }, 20_000);
});

// Real generate runs at once in one project: they take turns, and none undoes another's work.
import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { LOCK_FILE } from "../../scripts/lib/project-lock.ts";
import { changeSpec, project, runInProcess, SPEC, TYPES } from "./project.ts";
import { runBounded } from "./run-bounded.ts";

vi.setConfig({ testTimeout: 240_000 });

/** A pid that names no process: above the kernel's pid_max. */
const DEAD_PID = 2 ** 22 + 1;
const GENERATED = [
  "graph-lro.mock.ts",
  "graph-lro.routes.ts",
  "graph-lro.spec.ts",
  "graph-lro.ts",
  "graph-lro.validators.ts",
];

describe.concurrent("generate, more than one at a time", () => {
  it("three runs started together all succeed, one writing, with generated/ right and no file left over", async (context) => {
    const p = await project(context);
    await p.edit(SPEC, changeSpec);

    // Three processes: one writes while two queue, each taking its turn after another's.
    const runs = await Promise.all([1, 2, 3].map(() => runBounded(p.dir, "generate", [], { timeoutMs: 200_000 })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    // Exactly one run wrote the files; the others, after it, found them up to date.
    expect(runs.filter((run) => run.stdout.includes(`wrote ${TYPES}`))).toHaveLength(1);
    expect((await readdir(join(p.dir, "generated"))).sort()).toEqual(GENERATED);
    expect(await readdir(p.dir)).not.toContain(LOCK_FILE);
    const check = await runInProcess(p.dir, "check:generated");
    expect(check.code, check.stderr).toBe(0);
  });

  it("waits while another run holds the lock, saying so, and writes once it is released", async (context) => {
    const p = await project(context);
    await p.edit(SPEC, changeSpec);
    const before = await p.snapshot();
    // This test's process stands for a generate that is still running.
    await writeFile(join(p.dir, LOCK_FILE), String(process.pid));
    let whileWaiting: Promise<unknown> | undefined;
    const result = await runBounded(p.dir, "generate", [], {
      onStderr: (stderr) => {
        if (whileWaiting || !stderr.includes(`waiting for another run (pid ${process.pid})`)) return;
        whileWaiting = p.snapshot().finally(() => rm(join(p.dir, LOCK_FILE)));
      },
    });
    expect(whileWaiting, "generate must wait for the lock").toBeDefined();
    expect(await whileWaiting).toEqual(before);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote ${TYPES}`);
  });

  it("takes over a lock left by a run that died", async (context) => {
    const p = await project(context);
    await writeFile(join(p.dir, LOCK_FILE), String(DEAD_PID));
    // In this process: the dead owner is another process, whatever runs generate.
    const result = await runInProcess(p.dir, "generate");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(await readdir(p.dir)).not.toContain(LOCK_FILE);
  });
});

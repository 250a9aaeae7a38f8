// npm run build against a project copy: quiet when it succeeds; on a type error, tsc's diagnostics, and dist/ as it was;
// nothing to do when dist/ is the build of the sources as they are.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, type TestContext, vi } from "vitest";
import { project, STACK_LINE } from "./project.ts";
import { runBounded } from "./run-bounded.ts";

vi.setConfig({ testTimeout: 240_000 });

const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith(".tmp"));

// Two copies side by side: each case is two tsc runs' worth of one core, and this file, small, starts last.
describe.concurrent("npm run build", () => {
  /** A project copy without dist/ but for a file standing for the last good build. */
  const withLastBuild = async (context: TestContext) => {
    const p = await project(context);
    await mkdir(join(p.dir, "dist"));
    await writeFile(join(p.dir, "dist/last-build.txt"), "the last good build\n");
    return p;
  };

  it("prints tsc's diagnostics and keeps the last dist/ when tsc fails", async (context) => {
    const p = await withLastBuild(context);
    const index = await p.read("src/index.ts");
    await writeFile(join(p.dir, "src/index.ts"), `${index}export const broken: number = "not a number";\n`);

    const failed = await runBounded(p.dir, "build", [], { timeoutMs: 200_000 });
    expect(failed.timedOut).toBe(false);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^src\/index\.ts\(\d+,\d+\): error TS2322: /m);
    expect(failed.stderr).toMatch(/build: tsc exited with code 2\nbuild: failed; dist\/ was left as it was\n$/);
    expect(failed.stderr).not.toMatch(STACK_LINE);
    expect(await readdir(join(p.dir, "dist"))).toEqual(["last-build.txt"]);
    expect(await leftovers(p.dir)).toEqual([]);
  });

  it("swaps a complete dist/ in, quietly; then, built from these sources already, leaves it alone", async (context) => {
    const p = await withLastBuild(context);
    const built = await runBounded(p.dir, "build", [], { timeoutMs: 200_000 });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout + built.stderr).toBe("");
    expect(existsSync(join(p.dir, "dist/last-build.txt"))).toBe(false);
    expect(await readFile(join(p.dir, "dist/index.js"), "utf8")).toContain("export");
    expect(existsSync(join(p.dir, "dist/types/src/index.d.ts"))).toBe(true);
    expect(await leftovers(p.dir)).toEqual([]);

    // A second run leaves dist/ alone, quietly (build-stamp.test.ts: when it does not).
    const built1 = (await stat(join(p.dir, "dist/index.js"))).mtimeMs;
    const again = await runBounded(p.dir, "build", [], { timeoutMs: 200_000 });
    expect([again.code, again.stdout + again.stderr]).toEqual([0, ""]);
    expect((await stat(join(p.dir, "dist/index.js"))).mtimeMs).toBe(built1);
  });
});

import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { GenerateError } from "../../scripts/lib/errors.ts";
import { breakStaleLock, LOCK_FILE, withProjectLock } from "../../scripts/lib/project-lock.ts";

async function project({ onTestFinished }: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-lock-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A pid that names no process: above the kernel's pid_max. */
const DEAD_PID = 2 ** 22 + 1;
const instant = async () => {};

describe("withProjectLock", () => {
  it("runs one holder at a time, however many start together, and leaves nothing behind", async (context) => {
    const dir = await project(context);
    let inside = 0;
    let most = 0;
    const work = async (i: number) => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
      return i;
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withProjectLock(dir, () => work(i), { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 20)) }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("releases the lock when the work fails", async (context) => {
    const dir = await project(context);
    await expect(withProjectLock(dir, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await readdir(dir)).toEqual([]);
  });

  it("waits for a live owner, says so once, and gives up after waitMs naming it", async (context) => {
    const dir = await project(context);
    await writeFile(join(dir, LOCK_FILE), String(process.pid));
    const waits: number[] = [];
    let sleeps = 0;
    const error = await withProjectLock(dir, async () => "ran", {
      waitMs: 1_000,
      sleep: async () => {
        sleeps++;
      },
      onWait: (pid) => waits.push(pid),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toBe(`${LOCK_FILE}: another run (pid ${process.pid}) still holds it after 1 s`);
    expect(waits).toEqual([process.pid]);
    expect(sleeps).toBe(10);
  });

  it("takes over a lock whose owner no longer runs", async (context) => {
    const dir = await project(context);
    await writeFile(join(dir, LOCK_FILE), String(DEAD_PID));
    expect(await withProjectLock(dir, async () => "ran", { sleep: instant })).toBe("ran");
    expect(await readdir(dir)).toEqual([]);
  });

  it("lets exactly one of many runs break a stale lock at once", async (context) => {
    const dir = await project(context);
    await writeFile(join(dir, LOCK_FILE), String(DEAD_PID));
    let inside = 0;
    let most = 0;
    const runs = Array.from({ length: 8 }, () =>
      withProjectLock(
        dir,
        async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
        },
        { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 20)) },
      ),
    );
    await Promise.all(runs);
    expect(most).toBe(1);
  });

  it("breaks a stale lock only if it still names the dead owner: never the lock another run took since", async (context) => {
    const dir = await project(context);
    const lock = join(dir, LOCK_FILE);
    // This run read DEAD_PID; meanwhile another run broke that lock and took it.
    await writeFile(lock, String(process.pid));
    expect(await breakStaleLock(lock, DEAD_PID)).toBe(false);
    expect(await readFile(lock, "utf8")).toBe(String(process.pid));
  });

  it("leaves breaking to a run already breaking, unless that run died long ago", async (context) => {
    const dir = await project(context);
    const lock = join(dir, LOCK_FILE);
    await writeFile(lock, String(DEAD_PID));
    await writeFile(`${lock}.break`, String(process.pid));
    expect(await breakStaleLock(lock, DEAD_PID)).toBe(false);
    expect(await readFile(lock, "utf8")).toBe(String(DEAD_PID));

    const longAgo = new Date(Date.now() - 60_000);
    await utimes(`${lock}.break`, longAgo, longAgo);
    expect(await breakStaleLock(lock, DEAD_PID)).toBe(false);
    expect(await breakStaleLock(lock, DEAD_PID)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it("treats an unreadable lock file as held, naming it so", async (context) => {
    const dir = await project(context);
    await writeFile(join(dir, LOCK_FILE), "");
    await expect(withProjectLock(dir, async () => "ran", { waitMs: 200, sleep: instant })).rejects.toThrow(
      `${LOCK_FILE}: a lock file without a pid still holds it after 0.2 s`,
    );
  });
});

// One generate (or check:generated) at a time per project: a lock file holding the owner's pid.
import { randomUUID } from "node:crypto";
import { link, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GenerateError } from "./errors.ts";

/** The lock file, in the project folder (gitignored). */
export const LOCK_FILE = ".generate.lock";

export interface LockOptions {
  /** How long to wait for another run to finish; a generate takes a few seconds. */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Whether a process runs; injectable so tests can fake a dead owner. */
  isAlive?: (pid: number) => boolean;
  /** Told once when waiting starts, with the owner's pid. */
  onWait?: (pid: number) => void;
}

const POLL_MS = 100;
/** A breaker lock older than this was left by a run that died while breaking a stale lock. */
const BREAKER_STALE_MS = 10_000;

/**
 * Runs `work` holding the project's lock. The lock file appears whole (written aside, then hard-linked into place,
 * which fails if it exists), so it always holds a pid. A lock whose pid no longer runs is stale: it is removed,
 * under a second lock so that two runs cannot both remove it and one then delete the other's fresh lock.
 * Waits at most `waitMs`, then throws a GenerateError naming the owner.
 */
export async function withProjectLock<T>(projectDir: string, work: () => Promise<T>, options: LockOptions = {}) {
  const { waitMs = 120_000, sleep = delay, isAlive = processRuns, onWait } = options;
  const lock = join(projectDir, LOCK_FILE);
  // Counted in polls, not read from a clock, so a test's instant sleep still ends the wait.
  for (let poll = 0; !(await tryCreate(lock)); poll++) {
    const owner = await readPid(lock);
    if (owner !== undefined && !isAlive(owner) && (await breakStaleLock(lock, owner))) continue;
    if (poll * POLL_MS >= waitMs) {
      const who = owner === undefined ? "a lock file without a pid" : `another run (pid ${owner})`;
      throw new GenerateError(`${LOCK_FILE}: ${who} still holds it after ${waitMs / 1000} s`);
    }
    if (poll === 0 && owner !== undefined) onWait?.(owner);
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Creates `path` holding our pid, atomically; false if it exists. */
async function tryCreate(path: string): Promise<boolean> {
  const temp = `${path}.${randomUUID()}`;
  await writeFile(temp, String(process.pid));
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function readPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Removes the lock at `lock` if it still names `owner` (whom the caller found dead), under a breaker lock, itself
 * broken once old. True if removed. Between reading the dead pid and removing, another run may have broken the
 * lock and taken it: the second read, and the breaker around read and removal, keep its fresh lock.
 */
export async function breakStaleLock(lock: string, owner: number): Promise<boolean> {
  const breaker = `${lock}.break`;
  if (!(await tryCreate(breaker))) {
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > BREAKER_STALE_MS) await rm(breaker, { force: true });
    return false;
  }
  try {
    if ((await readPid(lock)) !== owner) return false;
    await rm(lock, { force: true });
    return true;
  } finally {
    await rm(breaker, { force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

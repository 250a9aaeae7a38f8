import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, type TestContext } from "vitest";
import { copyProject } from "../support/project-copy.ts";

export const SPEC = "spec/graph-lro.yaml";
export const TYPES = "generated/graph-lro.ts";
export const DATA = "generated/graph-lro.spec.ts";
export const ROUTES = "generated/graph-lro.routes.ts";

/** A change to the spec that changes every generated file. */
export const changeSpec = (s: string) =>
  s.replace("description: The unique identifier for the operation.", "description: Changed.");

/** A line of a stack trace, which the scripts must never print for an expected failure. */
export const STACK_LINE = /^\s+at /m;

/**
 * A project copy, disposed when its test finishes (the context's hook: tests run concurrently), with helpers
 * to read and edit its files and to snapshot generated/.
 */
export async function project({ onTestFinished }: TestContext, prefix?: string) {
  const copy = await copyProject(prefix);
  onTestFinished(copy.dispose);
  const read = (path: string) => readFile(join(copy.dir, path), "utf8");
  const edit = async (path: string, change: (text: string) => string) => {
    const before = await read(path);
    const after = change(before);
    expect(after, `the edit of ${path} must change it`).not.toBe(before);
    await writeFile(join(copy.dir, path), after);
  };
  const snapshot = async () => {
    const names = (await readdir(join(copy.dir, "generated"))).sort();
    return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await read(`generated/${n}`)])));
  };
  return { ...copy, read, edit, snapshot };
}

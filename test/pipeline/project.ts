import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, type TestContext } from "vitest";
import { checkGeneratedCommand } from "../../scripts/lib/check-generated.ts";
import { generateCommand } from "../../scripts/lib/generate.ts";
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

const COMMANDS = { generate: generateCommand, "check:generated": checkGeneratedCommand };

/**
 * `npm run <script>` in `dir`, in this process: the scripts' own code past their command line, with what they
 * print and their exit code, without a Node and tsx start-up per run. The scripts themselves (command line, exit
 * status) are run as processes by usage.test.ts, hostile-generate.test.ts and concurrent-generate.test.ts.
 */
export async function runInProcess(dir: string, script: keyof typeof COMMANDS) {
  let stdout = "";
  let stderr = "";
  const code = await COMMANDS[script](dir, {
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

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

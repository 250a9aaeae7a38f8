import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

// Not import.meta.dirname: Deno types it as possibly undefined (for remote modules).
export const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** The start of the name of a folder that a test makes inside the project, which copyProject leaves out. */
export const TEST_FOLDER_PREFIX = ".test-in-project-";

/**
 * A throwaway copy of the project (node_modules linked, not copied) for tests that edit the spec.
 * `prefix` names its folder, for tests of awkward project paths (spaces, percent signs).
 */
export async function copyProject(
  prefix = "graph-lro-project-",
): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const skip = new Set([".git", "dist", "site"].map((name) => join(PROJECT_DIR, name)));
  // Every node_modules: the root one is linked below, and interop/'s (npm run test:interop) is not needed. Nor
  // another test's folder (validators-module.test.ts writes modules in the project, which ajv's runtime resolves
  // from): it may be gone before it is read.
  const copied = (source: string) =>
    !skip.has(source) && basename(source) !== "node_modules" && !basename(source).startsWith(TEST_FOLDER_PREFIX);
  await cp(PROJECT_DIR, dir, { recursive: true, filter: copied });
  await symlink(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** The file an npm script of the project in `dir` runs, when it is `tsx scripts/<file>.ts` (from its package.json). */
function scriptFile(dir: string, script: string): string | undefined {
  const { scripts } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return /^tsx (scripts\/[\w-]+\.ts)$/.exec(scripts[script] ?? "")?.[1];
}

/**
 * Runs an npm script of the project in `dir` as npm would, minus npm's own start-up (most of a short script's
 * CPU): a `tsx scripts/<file>.ts` script is started as Node with tsx, anything else through npm. Unlike npm, it
 * sets no `npm_*` variables and puts no `node_modules/.bin` on the PATH (the scripts read neither). Never
 * throws, so tests can assert on failures.
 */
export function runScript(dir: string, script: string, args: string[] = []): Promise<ScriptRun> {
  const file = scriptFile(dir, script);
  return file === undefined
    ? runNpm(dir, script, args)
    : run(process.execPath, ["--import", "tsx", file, ...args], dir);
}

/** `npm run -s <script> -- <args>` in `dir`, for the tests of what npm itself passes (arguments, exit code, paths). */
export function runNpm(dir: string, script: string, args: string[] = []): Promise<ScriptRun> {
  return run("npm", ["run", "-s", script, "--", ...args], dir);
}

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: string[], cwd: string): Promise<ScriptRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = "", stderr = "" } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === "number" ? code : 1, stdout, stderr };
  }
}

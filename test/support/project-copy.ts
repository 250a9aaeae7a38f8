import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

// Not import.meta.dirname: Deno types it as possibly undefined (for remote modules).
export const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/**
 * A throwaway copy of the project (node_modules linked, not copied) for tests that edit the spec.
 * `prefix` names its folder, for tests of awkward project paths (spaces, percent signs).
 */
export async function copyProject(
  prefix = "graph-lro-project-",
): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const skip = new Set([".git", "dist", "site"].map((name) => join(PROJECT_DIR, name)));
  // Every node_modules: the root one is linked below, and interop/'s (npm run test:interop) is not needed.
  const copied = (source: string) => !skip.has(source) && basename(source) !== "node_modules";
  await cp(PROJECT_DIR, dir, { recursive: true, filter: copied });
  await symlink(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs an npm script of the project in `dir`; never throws, so tests can assert on failures. */
export async function runScript(
  dir: string,
  script: string,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "-s", script, "--", ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = "", stderr = "" } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === "number" ? code : 1, stdout, stderr };
  }
}

// npm run generate: spec → generated/, all or nothing.
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildArtifacts, GenerateError } from "./lib/build-artifacts.ts";
import { CommitError, commitFiles } from "./lib/commit-files.ts";
import { compareArtifacts } from "./lib/compare-artifacts.ts";

/** Lints and generates, then writes only if everything succeeded. Returns the files written. */
export async function generate(projectDir: string): Promise<{ written: string[]; removed: string[] }> {
  const artifacts = await buildArtifacts(projectDir);
  const drift = await compareArtifacts(projectDir, artifacts);
  const changed = [...drift.stale, ...drift.missing];
  await commitFiles(projectDir, new Map(changed.map((path) => [path, artifacts.get(path) as string])), drift.extra);
  return { written: changed, removed: drift.extra };
}

if (isEntryPoint()) {
  const started = performance.now();
  try {
    const { written, removed } = await generate(resolve(process.argv[2] ?? "."));
    const ms = Math.round(performance.now() - started);
    const summary = [...written.map((p) => `wrote ${p}`), ...removed.map((p) => `removed ${p}`)];
    console.log(summary.length ? summary.join("\n") : "generated/ is already up to date");
    console.log(`generate: done in ${ms} ms`);
  } catch (error) {
    console.error(error instanceof GenerateError ? error.message : error);
    // Only a commit that failed and could not be undone changes anything.
    const changed = error instanceof CommitError && !error.unchanged;
    console.error(
      changed
        ? "generate: failed; generated/ is partly updated (see above)"
        : "generate: failed; nothing in generated/ was changed",
    );
    process.exitCode = 1;
  }
}

/**
 * Whether this file is the entry point (start.ts imports it). import.meta.url is a percent-encoded URL of
 * the real path, so compare it with one: a space or a symlink in the project path must not turn
 * `npm run generate` into a silent no-op.
 */
function isEntryPoint(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? "")).href;
  } catch {
    return false;
  }
}

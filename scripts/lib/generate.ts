// What `npm run generate` does: spec → generated/, all or nothing, one run at a time.
import { buildArtifacts } from "./build-artifacts.ts";
import { commitFiles } from "./commit-files.ts";
import { compareArtifacts } from "./compare-artifacts.ts";
import { type LockOptions, withProjectLock } from "./project-lock.ts";

/**
 * Lints and generates, then writes only if everything succeeded; returns the files written and removed.
 * Holds the project's lock throughout: two runs at once would each take the other's temporary files for
 * stale output of its own, and delete them.
 */
export async function generate(
  projectDir: string,
  lock: LockOptions = {},
): Promise<{ written: string[]; removed: string[] }> {
  return withProjectLock(
    projectDir,
    async () => {
      const artifacts = await buildArtifacts(projectDir);
      const drift = await compareArtifacts(projectDir, artifacts);
      const changed = [...drift.stale, ...drift.missing];
      const files = new Map(changed.map((path) => [path, artifacts.get(path) as string]));
      await commitFiles(projectDir, files, drift.extra);
      return { written: changed, removed: drift.extra };
    },
    lock,
  );
}

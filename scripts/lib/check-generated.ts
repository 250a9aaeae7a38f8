// What `npm run check:generated` does: build every artifact in memory and compare it with the files on disk.
import { buildArtifacts } from "./build-artifacts.ts";
import { type ArtifactDrift, compareArtifacts, hasDrift } from "./compare-artifacts.ts";
import { withProjectLock } from "./project-lock.ts";

/** How many files the spec produces now, whether generated/ differs from them, and how. */
export async function checkGenerated(
  projectDir: string,
): Promise<{ files: number; differs: boolean; drift: ArtifactDrift }> {
  // Under generate's lock, so that a generate running now is not caught halfway through its writes.
  return withProjectLock(projectDir, async () => {
    const artifacts = await buildArtifacts(projectDir);
    const drift = await compareArtifacts(projectDir, artifacts);
    return { files: artifacts.size, differs: hasDrift(drift), drift };
  });
}

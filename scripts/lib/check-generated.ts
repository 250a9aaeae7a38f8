// What `npm run check:generated` does: build every artifact in memory and compare it with the files on disk.
import { format } from "node:util";
import { buildArtifacts } from "./build-artifacts.ts";
import { type ArtifactDrift, compareArtifacts, hasDrift } from "./compare-artifacts.ts";
import { GenerateError } from "./errors.ts";
import type { ScriptOutput } from "./generate.ts";
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

/** `npm run check:generated` past its command line: what it prints, and its exit code (as generateCommand). */
export async function checkGeneratedCommand(projectDir: string, output: ScriptOutput): Promise<number> {
  try {
    const { files, differs, drift } = await checkGenerated(projectDir);
    for (const path of drift.stale) output.err(`stale:   ${path}`);
    for (const path of drift.missing) output.err(`missing: ${path}`);
    for (const path of drift.extra) output.err(`extra:   ${path} (no API in redocly.yaml produces it)`);
    if (!differs) {
      output.out(`check:generated: ${files} files match the spec`);
      return 0;
    }
    output.err("check:generated: generated/ differs from the spec; run `npm run generate` and commit the result");
  } catch (error) {
    output.err(error instanceof GenerateError ? error.message : format(error));
    output.err("check:generated: cannot build the artifacts, so cannot compare them");
  }
  return 1;
}

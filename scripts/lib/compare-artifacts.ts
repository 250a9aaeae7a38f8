import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Artifacts, GENERATED_MARK } from "./build-artifacts.ts";

/** How the files on disk differ from what the spec produces now. */
export interface ArtifactDrift {
  stale: string[];
  missing: string[];
  /** Files of ours (they carry the generated mark) that no API produces any more. */
  extra: string[];
}

export async function compareArtifacts(projectDir: string, artifacts: Artifacts): Promise<ArtifactDrift> {
  const drift: ArtifactDrift = { stale: [], missing: [], extra: [] };
  for (const [path, expected] of artifacts) {
    const actual = await readFile(join(projectDir, path), "utf8").catch(() => undefined);
    if (actual === undefined) drift.missing.push(path);
    else if (actual !== expected) drift.stale.push(path);
  }
  for (const dir of new Set([...artifacts.keys()].map(dirname))) {
    for (const name of await readdir(join(projectDir, dir)).catch(() => [])) {
      const path = join(dir, name);
      if (artifacts.has(path)) continue;
      // A folder, or a file that cannot be read, is no file of ours.
      const text = await readFile(join(projectDir, path), "utf8").catch(() => undefined);
      if (text?.startsWith(GENERATED_MARK)) drift.extra.push(path);
    }
  }
  return drift;
}

export function hasDrift(drift: ArtifactDrift): boolean {
  return drift.stale.length + drift.missing.length + drift.extra.length > 0;
}

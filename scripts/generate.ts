// npm run generate: spec → generated/, all or nothing.
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { buildArtifacts, GenerateError } from "./lib/build-artifacts.ts";
import { compareArtifacts } from "./lib/compare-artifacts.ts";

/** Lints and generates, then writes only if everything succeeded. Returns the files written. */
export async function generate(projectDir: string): Promise<{ written: string[]; removed: string[] }> {
  const artifacts = await buildArtifacts(projectDir);
  const drift = await compareArtifacts(projectDir, artifacts);
  const changed = [...drift.stale, ...drift.missing];
  // Each file goes through a temporary sibling and a rename, so no reader sees half a file,
  // and a failed write leaves the old files in place.
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const path of changed) {
      const target = join(projectDir, path);
      const temp = `${target}.${randomUUID()}.tmp`;
      await mkdir(dirname(target), { recursive: true });
      staged.push({ temp, target });
      await writeFile(temp, artifacts.get(path) as string);
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, target } of staged) await rename(temp, target);
  for (const path of drift.extra) await rm(join(projectDir, path));
  return { written: changed, removed: drift.extra };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  try {
    const { written, removed } = await generate(resolve(process.argv[2] ?? "."));
    const ms = Math.round(performance.now() - started);
    const summary = [...written.map((p) => `wrote ${p}`), ...removed.map((p) => `removed ${p}`)];
    console.log(summary.length ? summary.join("\n") : "generated/ is already up to date");
    console.log(`generate: done in ${ms} ms`);
  } catch (error) {
    console.error(error instanceof GenerateError ? error.message : error);
    console.error("generate: failed; nothing in generated/ was changed");
    process.exitCode = 1;
  }
}

// npm run build: dist/ as one bundled ES module per entry point (shared code split into chunks), with
// source maps, plus declarations from tsc. Deno and the tests keep running from src/.
import { randomUUID } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { inputsHash, outputHash, STAMP_FILE, staleBuild } from "./lib/build-stamp.ts";
import { BUNDLE_OPTIONS } from "./lib/bundle-options.ts";
import { runTool, ToolError } from "./lib/run-tool.ts";

const projectDir = resolve(import.meta.dirname, "..");
/** Entry point → dist file (without .js); package.json's exports and bin name these files. */
const ENTRIES = {
  index: "src/index.ts",
  mock: "src/mock/index.ts",
  spec: "src/spec/index.ts",
  cli: "src/cli/main.ts",
} as const;
/** tsc takes about 10 s here; the rest is room for a busy machine, not for a hang. */
const TSC_TIMEOUT_MS = 180_000;

const dist = join(projectDir, "dist");
// dist/ already built from these very sources (by npm ci's prepare, say): nothing to do.
if (staleBuild(projectDir) === undefined) process.exit(0);
const inputs = inputsHash(projectDir);
// Built beside dist/ (the same depth, so the source maps' `../src/` paths hold; `*.tmp`, so git ignores it) and
// swapped in only once complete: a failed build leaves the last good dist/ in place.
const id = randomUUID().slice(0, 8);
const staging = join(projectDir, `.dist-${id}.tmp`);
const previous = join(projectDir, `.dist-${id}-old.tmp`);
try {
  // Settled, not Promise.all: the folder must not be removed while the other tool still writes into it.
  const results = await Promise.allSettled([
    build({
      absWorkingDir: projectDir,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES)),
      outdir: staging,
      ...BUNDLE_OPTIONS,
      splitting: true,
      sourcemap: true,
      chunkNames: "chunks/[name]-[hash]",
    }),
    runTool(
      join(projectDir, "node_modules/.bin/tsc"),
      ["-p", "tsconfig.build.json", "--outDir", join(staging, "types")],
      { cwd: projectDir, timeoutMs: TSC_TIMEOUT_MS },
    ),
  ]);
  const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failures.length > 0) {
    // esbuild has printed its errors already; tsc prints its diagnostics on stdout, which its error holds.
    for (const error of failures) {
      if (error instanceof ToolError) console.error(`${error.output.trim()}\nbuild: ${error.message}`);
      else console.error(`build: esbuild failed: ${(error as Error).message.split("\n")[0]}`);
    }
    console.error("build: failed; dist/ was left as it was");
    process.exitCode = 1;
  } else {
    const stamp = { inputs, output: outputHash(staging) };
    await writeFile(join(staging, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
    await rename(dist, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, dist).catch(async (error) => {
      await rename(previous, dist).catch(() => undefined);
      throw error;
    });
    await rm(previous, { recursive: true, force: true });
  }
} catch (error) {
  // Only the swap gets here (both tools' results were settled): a folder that could not be moved.
  console.error(`build: could not put the new build in dist/: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await rm(staging, { recursive: true, force: true });
}

// What `npm run generate` does: spec → generated/, all or nothing, one run at a time.
import { format } from "node:util";
import { buildArtifacts } from "./build-artifacts.ts";
import { CommitError, commitFiles } from "./commit-files.ts";
import { compareArtifacts } from "./compare-artifacts.ts";
import { GenerateError } from "./errors.ts";
import { type LockOptions, withProjectLock } from "./project-lock.ts";
import { timed } from "./step-timer.ts";

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
      const drift = await timed("compare with generated/", () => compareArtifacts(projectDir, artifacts));
      const changed = [...drift.stale, ...drift.missing];
      const files = new Map(changed.map((path) => [path, artifacts.get(path) as string]));
      await timed("write generated/", () => commitFiles(projectDir, files, drift.extra));
      return { written: changed, removed: drift.extra };
    },
    lock,
  );
}

/** Where a script's lines go: the console in the script, strings in the pipeline tests. */
export interface ScriptOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `npm run generate` past its command line: what it prints, and its exit code. The script calls it; the pipeline
 * tests call it in-process, sparing a Node and tsx start-up per run (seconds each on 2 busy cores).
 */
export async function generateCommand(projectDir: string, output: ScriptOutput): Promise<number> {
  const started = performance.now();
  try {
    const { written, removed } = await generate(projectDir, {
      onWait: (pid) => output.err(`generate: waiting for another run (pid ${pid}) to finish`),
    });
    const summary = [...written.map((p) => `wrote ${p}`), ...removed.map((p) => `removed ${p}`)];
    output.out(summary.length ? summary.join("\n") : "generated/ is already up to date");
    output.out(`generate: done in ${Math.round(performance.now() - started)} ms`);
    return 0;
  } catch (error) {
    // As console.error would print it: an unexpected error with its stack, ours as its message.
    output.err(error instanceof GenerateError ? error.message : format(error));
    // Only a commit that failed and could not be undone changes anything.
    const changed = error instanceof CommitError && !error.unchanged;
    output.err(
      changed
        ? "generate: failed; generated/ is partly updated (see above)"
        : "generate: failed; nothing in generated/ was changed",
    );
    return 1;
  }
}

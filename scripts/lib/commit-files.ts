import { randomUUID } from "node:crypto";
import { constants, copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { GenerateError } from "./errors.ts";

/** A failure to write the files; `unchanged` says whether every file could be put back as it was. */
export class CommitError extends GenerateError {
  override name = "CommitError";
  constructor(
    message: string,
    readonly unchanged: boolean,
  ) {
    super(message);
  }
}

/** The call that can fail midway through a commit; tests replace it to inject a failure. */
export interface CommitOptions {
  rename?: (from: string, to: string) => Promise<void>;
}

/**
 * Writes `files` and removes `removals` (paths relative to `projectDir`), all or nothing.
 * Each file goes through a temporary sibling and a rename, so no reader sees half a file. Each
 * target is first copied to a backup beside it, so that if any step fails, the files already
 * replaced or removed are put back. Throws a CommitError naming the file that failed and why.
 */
export async function commitFiles(
  projectDir: string,
  files: ReadonlyMap<string, string>,
  removals: readonly string[],
  { rename: move = rename }: CommitOptions = {},
): Promise<void> {
  const tag = randomUUID();
  const temps: string[] = [];
  const createdDirs: string[] = [];
  /** What has been done so far, to undo in reverse: a backup of the target, or none if it is new. */
  const done: { target: string; backup: string | undefined }[] = [];
  const backups: string[] = [];
  let current = "";
  let step = "";
  try {
    step = "cannot write it";
    for (const [path, text] of files) {
      current = path;
      const target = join(projectDir, path);
      const created = await mkdir(dirname(target), { recursive: true });
      if (created) createdDirs.push(created);
      const temp = `${target}.${tag}.tmp`;
      temps.push(temp);
      await writeFile(temp, text, { flag: "wx" });
    }
    step = "cannot replace it";
    for (const [path] of files) {
      current = path;
      const target = join(projectDir, path);
      const backup = `${target}.${tag}.bak`;
      const existed = await copyFile(target, backup, constants.COPYFILE_EXCL).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      if (existed) backups.push(backup);
      await move(`${target}.${tag}.tmp`, target);
      done.push({ target, backup: existed ? backup : undefined });
    }
    step = "cannot remove it";
    for (const path of removals) {
      current = path;
      const target = join(projectDir, path);
      const backup = `${target}.${tag}.bak`;
      await move(target, backup);
      backups.push(backup);
      done.push({ target, backup });
    }
  } catch (error) {
    const unrestored: string[] = [];
    for (const { target, backup } of done.reverse()) {
      try {
        if (backup) await move(backup, target);
        else await rm(target);
      } catch {
        unrestored.push(target);
      }
    }
    // A backup that could not be put back is the only copy of that file: keep it.
    const keep = new Set(unrestored.map((target) => `${target}.${tag}.bak`));
    await removeAll([...temps, ...backups.filter((backup) => !keep.has(backup))]);
    if (unrestored.length === 0) await removeAll(createdDirs, { recursive: true });
    // Node's message ends with the syscall and both paths (", rename 'a.tmp' -> 'a'"): our temp names only confuse.
    const cause = (error as Error).message.replace(/, \w+ '.*$/s, "");
    const reason = `${current}: ${step}: ${cause}`;
    if (unrestored.length === 0) throw new CommitError(reason, true);
    const list = unrestored.map((target) => `${target} (its backup: ${target}.${tag}.bak)`).join(", ");
    throw new CommitError(`${reason}; then could not restore ${list}`, false);
  }
  // Done: the backups are no longer needed. Failing to delete one leaves litter, not a wrong file.
  await removeAll(backups);
}

async function removeAll(paths: string[], options: { recursive?: boolean } = {}): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true, ...options }).catch(() => {})));
}

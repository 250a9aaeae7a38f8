import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { CommitError, commitFiles } from "../../scripts/lib/commit-files.ts";

/** A folder holding generated/a.ts, b.ts and old.ts, with a reader of everything in it. */
async function folder({ onTestFinished }: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-commit-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, "generated"));
  for (const name of ["a.ts", "b.ts", "old.ts"]) await writeFile(join(dir, "generated", name), `old ${name}`);
  const contents = async (sub = "generated") => {
    const names = (await readdir(join(dir, sub), { recursive: true })).sort();
    return Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await readFile(join(dir, sub, n), "utf8").catch(() => "<dir>")])),
    );
  };
  return { dir, contents };
}

const files = new Map([
  ["generated/a.ts", "new a.ts"],
  ["generated/new/c.ts", "new c.ts"],
  ["generated/b.ts", "new b.ts"],
]);

/** A rename that fails when it would move a file onto (or away from) one whose name is `name`. */
const failingOn =
  (name: string, count = { left: 1 }) =>
  async (from: string, to: string) => {
    const touches = [from, to].some((path) => basename(path).split(".").slice(0, 2).join(".") === name);
    if (touches && count.left-- > 0)
      throw Object.assign(new Error(`EIO: i/o error, rename '${from}'`), { code: "EIO" });
    await rename(from, to);
  };

describe("commitFiles", () => {
  it("writes every file and removes the old ones, leaving no temporary file", async (context) => {
    const f = await folder(context);
    await commitFiles(f.dir, files, ["generated/old.ts"]);
    expect(await f.contents()).toEqual({
      "a.ts": "new a.ts",
      "b.ts": "new b.ts",
      new: "<dir>",
      "new/c.ts": "new c.ts",
    });
  });

  it("puts back every file it replaced when a later rename fails, and says nothing changed", async (context) => {
    const f = await folder(context);
    const before = await f.contents();
    const error = await commitFiles(f.dir, files, ["generated/old.ts"], { rename: failingOn("b.ts") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommitError);
    expect((error as CommitError).message).toBe("generated/b.ts: cannot replace it: EIO: i/o error");
    expect((error as CommitError).unchanged).toBe(true);
    // a.ts restored, the new folder of c.ts gone, no .tmp or .bak left.
    expect(await f.contents()).toEqual(before);
  });

  it("puts back the files it removed when a removal fails", async (context) => {
    const f = await folder(context);
    await writeFile(join(f.dir, "generated/older.ts"), "old older.ts");
    const before = await f.contents();
    const error = await commitFiles(f.dir, files, ["generated/old.ts", "generated/older.ts"], {
      rename: failingOn("older.ts"),
    }).catch((e: unknown) => e);
    expect((error as CommitError).message).toBe("generated/older.ts: cannot remove it: EIO: i/o error");
    expect(await f.contents()).toEqual(before);
  });

  it("says so, and keeps the backup, when it cannot put a file back", async (context) => {
    const f = await folder(context);
    // The first rename involving a.ts (the replacement) works; the one putting it back fails.
    let calls = 0;
    const rename_ = failingOn("b.ts");
    const error = (await commitFiles(f.dir, files, [], {
      rename: async (from, to) => {
        if (basename(to) === "a.ts" && calls++ > 0) throw new Error("EIO: i/o error");
        await rename_(from, to);
      },
    }).catch((e: unknown) => e)) as CommitError;
    expect(error.unchanged).toBe(false);
    expect(error.message).toMatch(/^generated\/b\.ts: cannot replace it: EIO: i\/o error; then could not restore /);
    const left = Object.keys(await f.contents());
    expect(left.filter((n) => n.endsWith(".bak"))).toHaveLength(1);
    expect(left.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(await f.contents().then((c) => c["a.ts"])).toBe("new a.ts");
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Artifacts, GENERATED_MARK } from "../../scripts/lib/build-artifacts.ts";
import { compareArtifacts, hasDrift } from "../../scripts/lib/compare-artifacts.ts";

// check:generated's comparison, in-process on a folder of its own: byte for byte, nothing trimmed.
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const artifacts: Artifacts = new Map([
  ["generated/a.ts", `${GENERATED_MARK} from a\nexport const a = 1;\n`],
  ["generated/b.ts", `${GENERATED_MARK} from b\nexport const b = 2;\n`],
]);

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-drift-"));
  dirs.push(dir);
  await mkdir(join(dir, "generated"));
  for (const [path, text] of artifacts) await writeFile(join(dir, path), text);
  return dir;
}

describe("compareArtifacts", () => {
  it("finds no drift when every file is what the spec produces", async () => {
    const drift = await compareArtifacts(await project(), artifacts);
    expect(drift).toEqual({ stale: [], missing: [], extra: [] });
    expect(hasDrift(drift)).toBe(false);
  });

  it.for([
    ["a newline appended", (text: string) => `${text}\n`],
    ["the last newline removed", (text: string) => text.slice(0, -1)],
    ["a space before the end", (text: string) => `${text.slice(0, -1)} \n`],
    ["a carriage return per line", (text: string) => text.replaceAll("\n", "\r\n")],
  ] as const)("calls a file with %s stale", async ([, change]) => {
    const dir = await project();
    const path = join(dir, "generated/b.ts");
    await writeFile(path, change(await readFile(path, "utf8")));
    const drift = await compareArtifacts(dir, artifacts);
    expect(drift).toEqual({ stale: ["generated/b.ts"], missing: [], extra: [] });
    expect(hasDrift(drift)).toBe(true);
  });

  it("names a missing file, and a generated file no API produces any more, but not a file of someone else", async () => {
    const dir = await project();
    await rm(join(dir, "generated/a.ts"));
    await writeFile(join(dir, "generated/old.ts"), `${GENERATED_MARK} from an API removed\n`);
    await writeFile(join(dir, "generated/notes.md"), "written by hand\n");
    const drift = await compareArtifacts(dir, artifacts);
    expect(drift).toEqual({ stale: [], missing: ["generated/a.ts"], extra: ["generated/old.ts"] });
    for (const only of [{ missing: ["x"] }, { extra: ["x"] }])
      expect(hasDrift({ stale: [], missing: [], extra: [], ...only })).toBe(true);
  });

  it("calls every file missing when their folder is gone, without failing", async () => {
    const dir = await project();
    await rm(join(dir, "generated"), { recursive: true });
    const drift = await compareArtifacts(dir, artifacts);
    expect(drift).toEqual({ stale: [], missing: ["generated/a.ts", "generated/b.ts"], extra: [] });
  });

  it("passes over a folder inside the generated one: it is no file of ours", async () => {
    const dir = await project();
    await mkdir(join(dir, "generated/nested"));
    expect(await compareArtifacts(dir, artifacts)).toEqual({ stale: [], missing: [], extra: [] });
  });
});

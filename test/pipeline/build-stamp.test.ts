// The build stamp: dist/ counts as built only from the sources as they are, and only as the build left it.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inputsHash, outputHash, STAMP_FILE, staleBuild } from "../../scripts/lib/build-stamp.ts";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "graph-lro-stamp-"));
  await mkdir(join(dir, "src/deep"), { recursive: true });
  await mkdir(join(dir, "dist"));
  await writeFile(join(dir, "src/deep/a.ts"), "export const a = 1;\n");
  await writeFile(join(dir, "package.json"), "{}\n");
  await writeFile(join(dir, "dist/index.js"), "export const a = 1;\n");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Stamps dist/ as the build of the sources as they are now. */
const stamp = () =>
  writeFile(
    join(dir, "dist", STAMP_FILE),
    JSON.stringify({ inputs: inputsHash(dir), output: outputHash(join(dir, "dist")) }),
  );

describe("staleBuild", () => {
  it("passes dist/ built from the sources as they are", async () => {
    await stamp();
    expect(staleBuild(dir)).toBeUndefined();
  });

  it("names a missing stamp", () => {
    expect(staleBuild(dir)).toBe("dist/ has no build stamp");
  });

  it.for([
    ["a source edited deep in src/", "src/deep/a.ts", "export const a = 2;\n"],
    ["a source added", "src/b.ts", ""],
    ["the package manifest edited", "package.json", '{"name":"x"}\n'],
    ["generated/ written", "generated/x.ts", "x"],
  ] as const)("finds %s", async ([, file, text]) => {
    await stamp();
    await mkdir(join(dir, file, ".."), { recursive: true });
    await writeFile(join(dir, file), text);
    expect(staleBuild(dir)).toBe("the sources changed since dist/ was built");
  });

  it("tells a file moved between folders from the same bytes under the old name", async () => {
    await stamp();
    await rm(join(dir, "src/deep/a.ts"));
    await writeFile(join(dir, "src/a.ts"), "export const a = 1;\n");
    expect(staleBuild(dir)).toBe("the sources changed since dist/ was built");
  });

  it("finds dist/ changed after it was built, a file added or edited", async () => {
    await stamp();
    await writeFile(join(dir, "dist/extra.js"), "");
    expect(staleBuild(dir)).toBe("dist/ was changed after it was built");
    await rm(join(dir, "dist/extra.js"));
    expect(staleBuild(dir)).toBeUndefined();
    await writeFile(join(dir, "dist/index.js"), "export const a = 2;\n");
    expect(staleBuild(dir)).toBe("dist/ was changed after it was built");
  });

  it("hashes each file on its own: bytes moved from one file to the next change the hash", async () => {
    await writeFile(join(dir, "src/x.ts"), "ab");
    await writeFile(join(dir, "src/y.ts"), "c");
    const before = inputsHash(dir);
    await writeFile(join(dir, "src/x.ts"), "a");
    await writeFile(join(dir, "src/y.ts"), "bc");
    expect(inputsHash(dir)).not.toBe(before);
  });
});

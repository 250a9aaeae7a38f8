// lintOnce: a pass is remembered by everything the lint reads, and by nothing less; a failure never is.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LINT_CACHE_FILE, lintOnce } from "../../scripts/lib/lint-cache.ts";
import type { SpecFiles } from "../../scripts/lib/spec-files.ts";

const CONFIG = "extends:\n  - recommended-strict\napis:\n  x:\n    root: spec/x.yaml\n";
const ARGS = ["lint", "x", "--format", "codeframe"];

let dir = "";
const specOf = (text: string): SpecFiles => new Map([[join(dir, "spec/x.yaml"), { text, doc: {} }]]);
const write = async (path: string, text: string) => {
  await mkdir(join(dir, path, ".."), { recursive: true });
  await writeFile(join(dir, path), text);
};

/** Lints `spec` with the project as it is; whether the linter ran. */
async function ran(spec = "openapi: 3.1.0\n", args = ARGS): Promise<boolean> {
  const lint = vi.fn(async () => {});
  await lintOnce(dir, args, [specOf(spec)], lint);
  return lint.mock.calls.length === 1;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "graph-lro-lint-cache-"));
  await write("redocly.yaml", CONFIG);
  await write("node_modules/@redocly/cli/package.json", JSON.stringify({ version: "2.0.0" }));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe("lintOnce", () => {
  it("lints once for the same inputs, in any copy of the project", async () => {
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(false);
    // A copy elsewhere (the pipeline tests' copies) reads the same spec by the same path in the project.
    const copy = dir;
    dir = await mkdtemp(join(tmpdir(), "graph-lro-lint-cache-"));
    await write("redocly.yaml", CONFIG);
    await write("node_modules/@redocly/cli/package.json", JSON.stringify({ version: "2.0.0" }));
    await write(LINT_CACHE_FILE, await readFile(join(copy, LINT_CACHE_FILE), "utf8"));
    expect(await ran()).toBe(false);
    await rm(copy, { recursive: true, force: true });
  });

  it("lints again after any input changes: a spec file, the arguments, redocly.yaml, the ignore file, Redocly", async () => {
    expect(await ran()).toBe(true);
    expect(await ran("openapi: 3.1.1\n")).toBe(true);
    expect(await ran(undefined, [...ARGS, "y"])).toBe(true);
    await write("redocly.yaml", `${CONFIG}rules:\n  tag-description: off\n`);
    expect(await ran()).toBe(true);
    await write(".redocly.lint-ignore.yaml", "spec/x.yaml:\n  tag-description:\n    - '#/tags/0'\n");
    expect(await ran()).toBe(true);
    await write("node_modules/@redocly/cli/package.json", JSON.stringify({ version: "2.0.1" }));
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(false);
  });

  it("never remembers a failure: the report is printed on every run", async () => {
    const failing = vi.fn(async () => {
      throw new Error("redocly lint failed");
    });
    await expect(lintOnce(dir, ARGS, [specOf("a")], failing)).rejects.toThrow("redocly lint failed");
    await expect(lintOnce(dir, ARGS, [specOf("a")], failing)).rejects.toThrow("redocly lint failed");
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it.for<[string, string]>([
    ["a plugin", `${CONFIG}plugins:\n  - ./house-rules.js\n`],
    ["a local ruleset extended", "extends:\n  - ./rules.yaml\napis:\n  x:\n    root: spec/x.yaml\n"],
    [
      "an API's own extends of a URL",
      `${CONFIG.replace("    root", "    extends: [https://example.com/r.yaml]\n    root")}`,
    ],
  ])("never remembers a config that reads more than itself: %s", async ([, config]) => {
    await write("redocly.yaml", config);
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(true);
  });

  it("lints every time with GRAPH_LRO_LINT_CACHE=off, or without Redocly's version to key by", async () => {
    vi.stubEnv("GRAPH_LRO_LINT_CACHE", "off");
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(true);
    vi.unstubAllEnvs();
    await rm(join(dir, "node_modules/@redocly/cli/package.json"));
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(true);
  });

  it("lints side by side in one process without a failed write: each pass is written under a name of its own", async () => {
    // The pipeline tests run generate in-process, several at once; a name by process id made them collide (ENOENT).
    const specs = Array.from({ length: 20 }, (_, i) => `openapi: 3.1.0\nx-${i}: 1\n`);
    expect(await Promise.all(specs.map((spec) => ran(spec)))).toEqual(specs.map(() => true));
    const kept = JSON.parse(await readFile(join(dir, LINT_CACHE_FILE), "utf8")) as unknown[];
    expect(kept.length).toBeGreaterThan(0);
    expect(await readdir(join(dir, LINT_CACHE_FILE, ".."))).toEqual(["lint-passes.json"]);
  });

  it("lints as before when the cache cannot be written, and leaves no temporary file", async () => {
    // Where the cache's folder would be, a file: nothing can be kept, and nothing fails for it.
    await write("node_modules/.cache/graph-lro", "not a folder");
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(true);
    expect(await readdir(join(dir, "node_modules/.cache"))).toEqual(["graph-lro"]);
  });

  it("takes a damaged cache file for an empty one, and keeps the newest 64 passes", async () => {
    await write(LINT_CACHE_FILE, "{not json");
    expect(await ran()).toBe(true);
    expect(await ran()).toBe(false);
    for (let i = 0; i < 64; i++) expect(await ran(`openapi: 3.1.0\nx-${i}: 1\n`)).toBe(true);
    const kept = JSON.parse(await readFile(join(dir, LINT_CACHE_FILE), "utf8")) as string[];
    expect(kept).toHaveLength(64);
    // The first pass was the oldest, so it went.
    expect(await ran()).toBe(true);
  });
});

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { parseDocument } from "yaml";
import { UnsafeSpecError } from "../../scripts/lib/errors.ts";
import { readBundledSpec } from "../../scripts/lib/spec-bundle.ts";
import type { Change } from "../../scripts/lib/spec-diff/changes.ts";
import { diffSpecs } from "../../scripts/lib/spec-diff/diff-specs.ts";
import { render } from "../../scripts/lib/spec-diff/report.ts";
import { git, parseSpec, readSpecText } from "../../scripts/lib/spec-source.ts";
import { aliasBomb, oneGet } from "../pipeline/hostile-specs.ts";
import { runBounded } from "../pipeline/run-bounded.ts";
import { copyProject, PROJECT_DIR, runScript } from "../support/project-copy.ts";

// biome-ignore lint/suspicious/noExplicitAny: the test reads into an arbitrary parsed spec
type Spec = any;

const change = (severity: Change["severity"], message: string): Change => ({
  severity,
  code: "type-changed",
  pointer: "/components/schemas/a|b",
  message,
  operations: ["GET /a", "GET /b"],
});

describe("spec:diff report", () => {
  const report = {
    old: "HEAD~1:spec/graph-lro.yaml",
    new: "spec/graph-lro.yaml",
    changes: [change("breaking", "gone")],
  };

  it("json carries every change and the counts", () => {
    const json = JSON.parse(render(report, "json"));
    expect(json.summary).toEqual({ breaking: 1, nonBreaking: 0 });
    expect(json.changes[0]).toMatchObject({ severity: "breaking", pointer: "/components/schemas/a|b" });
  });

  it("markdown is one table row per change, with pipes escaped", () => {
    const md = render(report, "markdown");
    expect(md).toContain("1 breaking, 0 non-breaking change from HEAD\\~1:spec/graph-lro.yaml");
    expect(md).toContain("| **breaking** | gone | <code>/components/schemas/a\\|b</code> | GET /a<br>GET /b |");
  });
});

describe("spec sources", () => {
  it("reads a git ref as `<ref>:<path>` and names a bad one", async () => {
    const committed = await promisify(execFile)("git", ["show", "HEAD:spec/graph-lro.yaml"], { cwd: PROJECT_DIR });
    expect(await readSpecText("HEAD:spec/graph-lro.yaml", PROJECT_DIR)).toBe(committed.stdout);
    await expect(readSpecText("no-such-ref:spec/graph-lro.yaml", PROJECT_DIR)).rejects.toThrow(/git cannot show it/);
  });

  it("reads YAML as JSON: an unquoted date stays a string, so a spec equals itself", () => {
    const text = oneGet("{ type: string, enum: [2023-06-01, 2024-01-01] }");
    const doc = parseSpec(text, "dates.yaml") as Spec;
    expect(doc.paths["/w"].get.responses["200"].content["application/json"].schema.enum).toEqual([
      "2023-06-01",
      "2024-01-01",
    ]);
    expect(diffSpecs(doc, parseSpec(text, "dates.yaml"))).toEqual([]);
  });

  describe("a multi-file spec (external $ref), bundled as npm run generate bundles it", () => {
    const root = oneGet('{ $ref: "./schemas.yaml#/W" }');
    const schemas = (type: string) => `W:\n  type: object\n  properties:\n    id: { type: ${type} }\n`;
    const git = (dir: string, ...args: string[]) =>
      promisify(execFile)("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir });
    const changes = async (old: string, next: string, cwd: string) =>
      diffSpecs(await readBundledSpec(old, cwd), await readBundledSpec(next, cwd)).map((c) => [c.code, c.pointer]);

    it("reads the referenced file beside the spec, and from the same git ref", async ({ onTestFinished }) => {
      const dir = await mkdtemp(join(tmpdir(), "graph-lro-multi-"));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      await mkdir(join(dir, "spec"));
      await writeFile(join(dir, "spec/root.yaml"), root);
      await writeFile(join(dir, "spec/schemas.yaml"), schemas("string"));
      await git(dir, "init", "-q");
      await git(dir, "add", ".");
      await git(dir, "commit", "-qm", "spec");
      await writeFile(join(dir, "spec/schemas.yaml"), schemas("integer"));

      expect(await changes("HEAD:spec/root.yaml", "HEAD:spec/root.yaml", dir)).toEqual([]);
      expect(await changes("HEAD:spec/root.yaml", "spec/root.yaml", dir)).toEqual([
        ["type-changed", "/components/schemas/W/properties/id/type"],
      ]);
    });

    it("names a referenced file that is missing", async ({ onTestFinished }) => {
      const dir = await mkdtemp(join(tmpdir(), "graph-lro-multi-"));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      await writeFile(join(dir, "root.yaml"), root);
      await expect(readBundledSpec("root.yaml", dir)).rejects.toThrow(/root\.yaml: .*schemas\.yaml/);
    });
  });
});

describe("hostile spec sources", () => {
  /** A folder for the test, removed after it. */
  const folder = async ({ onTestFinished }: { onTestFinished: (fn: () => Promise<void>) => void }) => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-hostile-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };

  it("never hands a source to git as an option: `--output=FILE:x` writes no file", async (context) => {
    const out = join(await folder(context), "written-by-git:x");
    await expect(readSpecText(`--output=${out}`, PROJECT_DIR)).rejects.toThrow(/cannot read/);
    await expect(git(PROJECT_DIR, ["show"], [`--output=${out}`])).rejects.toThrow(/git exited with code/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a $ref out of the spec's folder, or to a URL, before reading or fetching it", async (context) => {
    const dir = await folder(context);
    await mkdir(join(dir, "spec"));
    await writeFile(join(dir, "secret.yaml"), "W: { type: string }\n");
    await writeFile(join(dir, "spec/out.yaml"), oneGet('{ $ref: "../secret.yaml#/W" }'));
    await writeFile(join(dir, "spec/url.yaml"), oneGet('{ $ref: "http://127.0.0.1:9/w.yaml#/W" }'));
    const refused = (name: string) => readBundledSpec(`spec/${name}`, dir).catch((e: unknown) => e);
    expect(await refused("out.yaml")).toBeInstanceOf(UnsafeSpecError);
    expect(String(await refused("out.yaml"))).toMatch(
      /\$ref \.\.\/secret\.yaml#\/W: refused: it leaves the spec's folder$/,
    );
    expect(String(await refused("url.yaml"))).toMatch(
      /\$ref http:\/\/127\.0\.0\.1:9\/w\.yaml#\/W: refused: .* never a URL$/,
    );
  });
});

// Spawns the real npm script (about 2 s a run): a bound for a hang, not a speed check; two runs took over 60 s
// with the whole suite on 2 cores at load 20 and more.
vi.setConfig({ testTimeout: 240_000 });

describe("npm run spec:diff", () => {
  it("exits 1 on a breaking change against the working tree, 0 with --allow-breaking", async ({ onTestFinished }) => {
    const copy = await copyProject();
    onTestFinished(copy.dispose);
    const { readFile, writeFile } = await import("node:fs/promises");
    const spec = `${copy.dir}/spec/graph-lro.yaml`;
    await writeFile(`${copy.dir}/old.yaml`, await readFile(spec));
    // The status enum loses its first member: breaking for clients that read it.
    const doc = parseDocument(await readFile(spec, "utf8"));
    const schemas = (doc.toJS() as Spec).components.schemas;
    const status = Object.keys(schemas).find((name) => schemas[name]["x-terminal-values"]) as string;
    doc.deleteIn(["components", "schemas", status, "enum", 0]);
    await writeFile(spec, doc.toString());

    const blocked = await runScript(copy.dir, "spec:diff", ["old.yaml", "--format", "json"]);
    expect(blocked.code, blocked.stderr).toBe(1);
    expect(JSON.parse(blocked.stdout).changes).toEqual([
      expect.objectContaining({ code: "enum-value-removed", severity: "breaking" }),
    ]);
    expect(blocked.stderr).toContain("--allow-breaking");

    const allowed = await runScript(copy.dir, "spec:diff", ["old.yaml", "spec/graph-lro.yaml", "--allow-breaking"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^1 breaking, 0 non-breaking change from old\.yaml to spec\/graph-lro\.yaml/);
  });

  it("refuses an alias bomb in seconds, and a source that looks like an option, writing no file", async ({
    onTestFinished,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-diff-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "bomb.yaml"), `${aliasBomb()}${oneGet("{ type: string }")}`);
    const out = join(dir, "written-by-git:x");
    const [bomb, option] = await Promise.all([
      runBounded(PROJECT_DIR, "spec-diff", [join(dir, "bomb.yaml")]),
      runBounded(PROJECT_DIR, "spec-diff", ["--", `--output=${out}`]),
    ]);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toMatch(/^spec:diff: .*bomb\.yaml: refused: its YAML aliases .*\n$/);
    expect(bomb.ms).toBeLessThan(60_000);
    expect(option.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import type { Change } from "../../scripts/lib/spec-diff/changes.ts";
import { render } from "../../scripts/lib/spec-diff/report.ts";
import { readSpecText } from "../../scripts/lib/spec-source.ts";
import { copyProject, PROJECT_DIR, runScript } from "../support/project-copy.ts";

const change = (severity: Change["severity"], message: string): Change => ({
  severity,
  code: "x",
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
    expect(md).toContain("1 breaking, 0 non-breaking change from HEAD~1:spec/graph-lro.yaml");
    expect(md).toContain("| **breaking** | gone | `/components/schemas/a\\|b` | GET /a<br>GET /b |");
  });
});

describe("spec sources", () => {
  it("reads a git ref as `<ref>:<path>` and names a bad one", async () => {
    const committed = await promisify(execFile)("git", ["show", "HEAD:spec/graph-lro.yaml"], { cwd: PROJECT_DIR });
    expect(await readSpecText("HEAD:spec/graph-lro.yaml", PROJECT_DIR)).toBe(committed.stdout);
    await expect(readSpecText("no-such-ref:spec/graph-lro.yaml", PROJECT_DIR)).rejects.toThrow(/git cannot show it/);
  });
});

// Spawns the real npm script (about 2 s a run).
vi.setConfig({ testTimeout: 60_000 });

describe("npm run spec:diff", () => {
  it("exits 1 on a breaking change against the working tree, 0 with --allow-breaking", async ({ onTestFinished }) => {
    const copy = await copyProject();
    onTestFinished(copy.dispose);
    const { readFile, writeFile } = await import("node:fs/promises");
    const spec = `${copy.dir}/spec/graph-lro.yaml`;
    await writeFile(`${copy.dir}/old.yaml`, await readFile(spec));
    await writeFile(spec, (await readFile(spec, "utf8")).replace(", unknownFutureValue]", "]"));

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
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/lib/spec-diff/diff-specs.ts";
import { markdownText, render } from "../../scripts/lib/spec-diff/report.ts";
import { parseSpec } from "../../scripts/lib/spec-source.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// A PR's spec whose strings try to rewrite the report that reviews it: a property name with a CR and
// an HTML comment (which would hide every row after it), and a removed operation it would hide.
const BASE = parseSpec(readFileSync(join(PROJECT_DIR, "spec/graph-lro.yaml"), "utf8"), "spec/graph-lro.yaml");
const HOSTILE = "aaa\r\n\r\nNo breaking change; safe to merge.\r\n<!--";
// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary nodes of a parsed spec
const after: any = structuredClone(BASE);
const lro = after.components.schemas["microsoft.graph.longRunningOperation"];
lro.properties[HOSTILE] = { type: "string", description: "`x` *y* [z](http://e.test) | ~~w~~ & \u001b[2J" };
const [removed] = Object.keys(after.paths);
delete after.paths[removed as string];
// Compared in each test, not as the file loads: Stryker counts code run outside a test as reached by every test.
const hostileReport = () => ({ old: "main:spec/graph-lro.yaml", new: "pr <!-- x", changes: diffSpecs(BASE, after) });

describe("spec:diff's reports of a hostile spec", () => {
  it("finds the removed operation, which the strings try to hide", () => {
    const report = hostileReport();
    expect(report.changes.filter((c) => c.severity === "breaking").length).toBeGreaterThan(0);
  });

  it("markdown: every spec string escaped, one line per change, the counted headline first", () => {
    const report = hostileReport();
    const md = render(report, "markdown");
    expect(md).not.toContain("<!--");
    for (const control of ["\r", "\u001b"]) expect(md).not.toContain(control);
    const lines = md.split("\n");
    const breaking = report.changes.filter((c) => c.severity === "breaking").length;
    expect(lines[2]).toMatch(new RegExp(`^${breaking} breaking, \\d+ non-breaking changes from `));
    const rows = lines.filter((line) => line.startsWith("| **breaking** |") || line.startsWith("| non-breaking |"));
    expect(rows).toHaveLength(report.changes.length);
    expect(lines).toHaveLength(4 + 2 + report.changes.length);
  });

  it("text: no control character reaches the terminal", () => {
    const report = hostileReport();
    const text = render(report, "text");
    for (const control of ["\r", "\u001b"]) expect(text).not.toContain(control);
    expect(text).toContain("\\r\\n\\r\\nNo breaking change");
  });

  it("markdownText leaves nothing markdown or HTML would act on (a CR shows as \\r, its backslash escaped)", () => {
    expect(markdownText("a|b `c` *d* _e_ [f](g) ~~h~~ <i> &amp; \\ \r\n")).toBe(
      "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\~\\~h\\~\\~ &lt;i&gt; &amp;amp; \\\\ \\\\r\\\\n",
    );
  });
});

import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/lib/spec-diff/changes.ts";
import { render, summary } from "../../scripts/lib/spec-diff/report.ts";

// spec:diff's reports, whole: a reviewer reads the words, the marks and the layout, not only the counts.
const removed: Change = {
  severity: "breaking",
  code: "property-removed",
  pointer: "/components/schemas/a/properties/x-graph-lro-test-b",
  message: "response property x-graph-lro-test-b removed",
  operations: ["GET /a", "GET /c"],
};
const added: Change = {
  severity: "non-breaking",
  code: "server-added",
  pointer: "/servers/4",
  message: "server https://x-graph-lro-test-cloud.invalid/beta added",
  operations: [],
};
const report = (changes: Change[]) => ({ old: "main:spec.yaml", new: "spec.yaml", changes });

describe("spec:diff's report", () => {
  it("counts breaking and non-breaking changes apart", () => {
    expect(summary([removed, added, added])).toEqual({ breaking: 1, nonBreaking: 2 });
  });

  it("text: a counted headline, then each change marked, where it is and the operations that reach it", () => {
    expect(render(report([removed, added]), "text")).toBe(
      [
        "1 breaking, 1 non-breaking changes from main:spec.yaml to spec.yaml.",
        "BREAKING  response property x-graph-lro-test-b removed",
        "      at /components/schemas/a/properties/x-graph-lro-test-b",
        "      in GET /a, GET /c",
        "ok        server https://x-graph-lro-test-cloud.invalid/beta added",
        "      at /servers/4",
      ].join("\n"),
    );
  });

  it("text: one change is a change, none says so", () => {
    expect(render(report([added]), "text").split("\n")[0]).toBe(
      "0 breaking, 1 non-breaking change from main:spec.yaml to spec.yaml.",
    );
    expect(render(report([]), "text")).toBe("No changes between main:spec.yaml and spec.yaml.");
  });

  it("markdown: a heading, the headline, and a table row per change", () => {
    expect(render(report([removed, added]), "markdown")).toBe(
      [
        "### Spec changes",
        "",
        "1 breaking, 1 non-breaking changes from main:spec.yaml to spec.yaml.",
        "",
        "| | change | where | operations |",
        "|---|---|---|---|",
        "| **breaking** | response property x-graph-lro-test-b removed | <code>/components/schemas/a/properties/x-graph-lro-test-b</code> | GET /a<br>GET /c |",
        "| non-breaking | server https://x-graph-lro-test-cloud.invalid/beta added | <code>/servers/4</code> |  |",
      ].join("\n"),
    );
  });

  it("markdown: no table when nothing changed", () => {
    expect(render(report([]), "markdown")).toBe("### Spec changes\n\nNo changes between main:spec.yaml and spec.yaml.");
  });

  it("json: the report as it is, with its summary", () => {
    expect(JSON.parse(render(report([removed, added]), "json"))).toEqual({
      ...report([removed, added]),
      summary: { breaking: 1, nonBreaking: 1 },
    });
  });
});

// Renders spec:diff's changes for people (text), PR comments (markdown) and tools (json).
import type { Change } from "./changes.ts";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface DiffReport {
  old: string;
  new: string;
  changes: Change[];
}

export function summary(changes: Change[]): { breaking: number; nonBreaking: number } {
  const breaking = changes.filter((c) => c.severity === "breaking").length;
  return { breaking, nonBreaking: changes.length - breaking };
}

export function render(report: DiffReport, format: Format): string {
  if (format === "json") return JSON.stringify({ ...report, summary: summary(report.changes) }, null, 2);
  return format === "markdown" ? markdown(report) : text(report);
}

function headline({ old, new: next, changes }: DiffReport): string {
  const { breaking, nonBreaking } = summary(changes);
  if (!changes.length) return `No changes between ${old} and ${next}.`;
  return `${breaking} breaking, ${nonBreaking} non-breaking change${changes.length === 1 ? "" : "s"} from ${old} to ${next}.`;
}

function text(report: DiffReport): string {
  const lines = report.changes.map((c) => {
    const where = c.operations.length ? `\n      in ${c.operations.join(", ")}` : "";
    return `${c.severity === "breaking" ? "BREAKING" : "ok      "}  ${c.message}\n      at ${c.pointer}${where}`;
  });
  return [headline(report), ...lines].join("\n");
}

function markdown(report: DiffReport): string {
  const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
  const rows = report.changes.map(
    (c) =>
      `| ${c.severity === "breaking" ? "**breaking**" : "non-breaking"} | ${cell(c.message)} | \`${cell(c.pointer)}\` | ${cell(c.operations.join("<br>"))} |`,
  );
  const table = rows.length ? ["", "| | change | where | operations |", "|---|---|---|---|", ...rows] : [];
  return [`### Spec changes`, "", headline(report), ...table].join("\n");
}

// Renders spec:diff's changes for people (text), PR comments (markdown) and tools (json).
import { terminalSafe } from "../../../src/text/terminal-text.ts";
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

/**
 * The report in a format. Every string from a spec or the command line (a name, a path, an enum
 * value, a source) goes through the format's escape: in a PR comment, a CR and `<!--` in a spec
 * would otherwise hide the rows after it; in a terminal, an escape sequence would rewrite lines.
 * The headline is computed from the counts alone, first, and cannot be hidden.
 */
export function render(report: DiffReport, format: Format): string {
  if (format === "json") return JSON.stringify({ ...report, summary: summary(report.changes) }, null, 2);
  return format === "markdown" ? markdown(report) : text(report);
}

function headline({ old, new: next, changes }: DiffReport, safe: (s: string) => string): string {
  const { breaking, nonBreaking } = summary(changes);
  if (!changes.length) return `No changes between ${safe(old)} and ${safe(next)}.`;
  return `${breaking} breaking, ${nonBreaking} non-breaking change${changes.length === 1 ? "" : "s"} from ${safe(old)} to ${safe(next)}.`;
}

function text(report: DiffReport): string {
  const lines = report.changes.map((c) => {
    const where = c.operations.length ? `\n      in ${c.operations.map(terminalSafe).join(", ")}` : "";
    return `${c.severity === "breaking" ? "BREAKING" : "ok      "}  ${terminalSafe(c.message)}\n      at ${terminalSafe(c.pointer)}${where}`;
  });
  return [headline(report, terminalSafe), ...lines].join("\n");
}

/**
 * Text as markdown shows it and nothing more, mid-line: control characters as escapes (no line
 * ends), `&`, `<` and `>` as entities (no HTML, no comment), and the punctuation that starts
 * emphasis, a link, a code span or strikethrough, or ends a table cell, backslash-escaped.
 */
export function markdownText(text: string): string {
  return terminalSafe(text).replace(/[\\`*_[\]|~&<>]/g, (char) => ENTITIES[char] ?? `\\${char}`);
}

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

function markdown(report: DiffReport): string {
  const rows = report.changes.map(
    (c) =>
      `| ${c.severity === "breaking" ? "**breaking**" : "non-breaking"} | ${markdownText(c.message)} | <code>${markdownText(c.pointer)}</code> | ${c.operations.map(markdownText).join("<br>")} |`,
  );
  const table = rows.length ? ["", "| | change | where | operations |", "|---|---|---|---|", ...rows] : [];
  return [`### Spec changes`, "", headline(report, markdownText), ...table].join("\n");
}

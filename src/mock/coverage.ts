import { terminalSafe } from "../text/terminal-text.ts";
import type { SpecOperation } from "./spec-operations.ts";

/** How often the mock served one response that the spec declares for an operation (`status`: `"200"`, `"4XX"`…). */
export interface ResponseCoverage {
  readonly operationId: string;
  readonly status: string;
  readonly served: number;
}

/** Contract coverage: which declared responses, stories and examples the mock served so far. */
export interface MockCoverage {
  /** One row per operation and declared response status, in spec order. */
  readonly responses: readonly ResponseCoverage[];
  /** The built-in stories, then the stories of the `stories` option (named `stories["<id>"]`). */
  readonly stories: readonly { readonly name: string; readonly served: number }[];
  /** The named examples of each operation's success response. */
  readonly examples: readonly { readonly operationId: string; readonly name: string; readonly served: number }[];
}

/** Counts what the handlers serve; `snapshot()` copies the counts out. */
export function createCoverageRecorder(operations: readonly SpecOperation[], storyNames: readonly string[]) {
  const key = (...parts: string[]) => JSON.stringify(parts);
  const responses = new Map<string, { operationId: string; status: string; served: number }>();
  const examples = new Map<string, { operationId: string; name: string; served: number }>();
  for (const { operationId, responses: declared, examples: named } of operations) {
    for (const status of Object.keys(declared))
      responses.set(key(operationId, status), { operationId, status, served: 0 });
    for (const { name } of named) examples.set(key(operationId, name), { operationId, name, served: 0 });
  }
  const stories = new Map(storyNames.map((name) => [name, { name, served: 0 }]));
  const bump = (row: { served: number } | undefined) => {
    if (row) row.served += 1;
  };
  return {
    /** Counts one answer: its declared status (if any), and the story or example it came from. */
    record(operationId: string, status: string | undefined, from: { story?: string; example?: string }): void {
      if (status !== undefined) bump(responses.get(key(operationId, status)));
      if (from.story !== undefined) bump(stories.get(from.story));
      if (from.example !== undefined) bump(examples.get(key(operationId, from.example)));
    },
    snapshot(): MockCoverage {
      const copy = <T extends object>(rows: Map<string, T>) => [...rows.values()].map((row) => ({ ...row }));
      return { responses: copy(responses), stories: copy(stories), examples: copy(examples) };
    },
  };
}

/** A short table of `coverage` for a terminal: statuses as columns, one line per operation, then stories and examples. */
export function formatCoverage(coverage: MockCoverage): string {
  const operationIds = [...new Set(coverage.responses.map((r) => r.operationId))];
  const statuses = [...new Set(coverage.responses.map((r) => r.status))];
  const servedOf = (operationId: string, status: string) =>
    coverage.responses.find((r) => r.operationId === operationId && r.status === status)?.served;
  const width = Math.max("operation".length, ...operationIds.map((id) => id.length));
  // Each column as wide as its heading or its widest count, whichever is wider: counts never run together.
  const widths = statuses.map((status) =>
    Math.max(4, status.length, ...operationIds.map((id) => String(servedOf(id, status) ?? "").length)),
  );
  const row = (first: string, cells: string[]) =>
    `${first.padEnd(width)}${cells.map((c, i) => c.padStart((widths[i] ?? 0) + 2)).join("")}`;
  const served = coverage.responses.filter((r) => r.served > 0).length;
  const unserved = operationIds.flatMap((id) => {
    const names = coverage.examples.filter((e) => e.operationId === id && e.served === 0).map((e) => e.name);
    return names.length ? [`${id} (${names.join(", ")})`] : [];
  });
  const examplesServed = coverage.examples.filter((e) => e.served > 0).length;
  const lines = [
    `contract coverage: ${served} of ${coverage.responses.length} declared responses served`,
    row("operation", statuses),
    ...operationIds.map((id) =>
      row(
        id,
        statuses.map((status) => String(servedOf(id, status) ?? "")),
      ),
    ),
    `stories: ${coverage.stories.map((s) => `${s.name} ${s.served}`).join(", ")}`,
    `examples: ${examplesServed} of ${coverage.examples.length} served${unserved.length ? `; never: ${unserved.join("; ")}` : ""}`,
  ];
  return lines.map(terminalSafe).join("\n");
}

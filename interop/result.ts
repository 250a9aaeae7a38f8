/** The outcome of one case with one client: passed when `problems` is empty. */
export interface CheckResult {
  readonly client: "prism" | "kiota";
  readonly name: string;
  readonly operationId: string;
  readonly problems: readonly string[];
}

/** One line per result, then a count; failures list their problems. */
export function formatResults(results: readonly CheckResult[]): string {
  const lines = results.map((r) => {
    const head = `${r.problems.length === 0 ? "ok  " : "FAIL"}  ${r.client.padEnd(6)} ${r.operationId}: ${r.name}`;
    return [head, ...r.problems.map((p) => `        ${p}`)].join("\n");
  });
  const failed = results.filter((r) => r.problems.length > 0).length;
  lines.push(`interop: ${results.length - failed} passed, ${failed} failed`);
  return lines.join("\n");
}

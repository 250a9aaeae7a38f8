/** Thrown by the mock in strict mode when a request or a response breaks the spec. */
export class ContractViolationError extends Error {
  override name = "ContractViolationError";

  constructor(
    readonly operationId: string,
    /** What was checked: `request query`, `response 200 body`, … */
    readonly subject: string,
    readonly pointer: string,
    readonly value: unknown,
    readonly problem: string,
  ) {
    super(`${operationId}: ${subject} ${pointer} ${problem} (got ${describe(value)})`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

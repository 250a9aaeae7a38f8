import type { LongRunningOperation } from "../types/long-running-operation.ts";

/**
 * Checks a 2xx body: it must be a JSON object, with a string `status` whenever status was asked
 * for. Returns the operation, or a sentence saying what is wrong. An unknown status string is
 * not wrong: the enum is evolvable. The sentence describes values by their type only, never
 * quoting the body or a header: an error page from a proxy may echo request headers.
 */
export function parseOperationBody(
  text: string,
  headers: Headers,
  statusRequired: boolean,
): LongRunningOperation | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!text.trim()) return "the body is empty";
    return /html/i.test(headers.get("content-type") ?? "") || text.trimStart().startsWith("<")
      ? "the body is an HTML page, not JSON"
      : `the body is not valid JSON (${text.length} characters)`;
  }
  const kind = typeOf(value);
  if (kind !== "an object") return `the body is ${kind}, not an object`;
  const { status } = value as { status?: unknown };
  if (status === undefined ? !statusRequired : typeof status === "string") return value as LongRunningOperation;
  return status === undefined ? "the body has no status" : `status is ${typeOf(status)}, not a string`;
}

/** A JSON value's type, as a sentence says it: "null", "an array", "an object", "a number". */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

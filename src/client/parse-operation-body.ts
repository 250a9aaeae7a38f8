import type { LongRunningOperation } from "./operation-types.ts";

/**
 * Checks a 2xx body: it must be a JSON object, with a string `status` whenever status was asked
 * for. Returns the operation, or a sentence saying what is wrong. An unknown status string is
 * not wrong: the enum is evolvable. The body's text never goes into the sentence, since an
 * error page from a proxy may echo request headers.
 */
export function parseOperationBody(
  text: string | undefined,
  headers: Headers,
  statusRequired: boolean,
): LongRunningOperation | string {
  if (!text?.trim()) return "the body is empty";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const type = headers.get("content-type") ?? "no content-type";
    return /html/i.test(type) || text.trimStart().startsWith("<")
      ? `the body is an HTML page (${type}), not JSON`
      : `the body is not valid JSON (${type}, ${text.length} characters; truncated?)`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `the body is JSON but not an object (${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value})`;
  }
  const status = (value as { status?: unknown }).status;
  if (status === undefined ? statusRequired : typeof status !== "string") {
    return status === undefined ? "the body has no status" : `status is ${JSON.stringify(status)}, not a string`;
  }
  return value as LongRunningOperation;
}

import { isQuotable } from "../util/check/quotable.ts";

/**
 * What a network error says, in a fixed form: "network error (TypeError, ECONNREFUSED)". Only its
 * name and its own or its cause's `code` are read, when they are short words: a custom fetch's
 * message (or the Request it may carry) can hold the request's headers, token included.
 */
export function networkFailure(error: unknown): string {
  const { name, code, cause } = (error ?? {}) as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
  const words = [name, code ?? cause?.code].filter(isQuotable);
  return `network error${words.length ? ` (${words.join(", ")})` : ""}`;
}

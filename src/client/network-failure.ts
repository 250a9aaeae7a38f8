/** Error names and codes as platforms write them (`TypeError`, `ECONNREFUSED`, `UND_ERR_SOCKET`). */
const WORD = /^[A-Za-z][\w-]{0,39}$/;

/**
 * What a network error says, in a fixed form: "network error (TypeError, ECONNREFUSED)". Only its
 * name and its own or its cause's `code` are read, when they are short words: a custom fetch's
 * message (or the Request it may carry) can hold the request's headers, token included.
 */
export function networkFailure(error: unknown): string {
  const { name, code, cause } = (error ?? {}) as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
  const words = [name, code ?? cause?.code].filter(
    (word): word is string => typeof word === "string" && WORD.test(word),
  );
  return `network error${words.length ? ` (${words.join(", ")})` : ""}`;
}

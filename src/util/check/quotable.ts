/**
 * Whether text from elsewhere (Graph's error code, an operation's status, a platform's error name
 * or code) may be quoted in a message: a short identifier, such as `TooManyRequests`,
 * `unknownFutureValue` or `UND_ERR_SOCKET`. Anything else may echo a request's token, or carry
 * terminal control characters into a log.
 */
export const isQuotable = (text: unknown): text is string =>
  typeof text === "string" && /^[A-Za-z][\w.-]{0,63}$/.test(text);

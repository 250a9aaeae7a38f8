/** What a network error's code means, for people. Codes are Node's (`cause.code` under fetch's TypeError) and undici's. */
const MEANINGS: readonly [RegExp, string][] = [
  [/^ECONNREFUSED$/, "connection refused"],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, "host not found (DNS)"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, "connection reset"],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, "timed out"],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, "host unreachable"],
  [/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/, "TLS certificate problem"],
];

/** A code that is an identifier (`ECONNREFUSED`), never free text from elsewhere. */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * Why a request got no answer, as `connection refused (ECONNREFUSED)`: the code is the error's own, its
 * cause's (fetch's `TypeError: fetch failed` keeps Node's there, as `code ?? cause.code` is where the library
 * reads it), or the one in the fixed form of the library's own message, `network error (TypeError,
 * ECONNREFUSED)`. Undefined when there is no code; nothing else of a message is read, as it may quote the request.
 */
export function networkCause(error: unknown): string | undefined {
  const { code, cause, message } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  const words = typeof message === "string" ? /\(([\w, -]+)\)$/.exec(message)?.[1]?.split(", ") : undefined;
  const codes = [code, cause?.code, ...(words ?? [])].filter((w): w is string => typeof w === "string" && CODE.test(w));
  for (const code of codes) {
    const meaning = MEANINGS.find(([pattern]) => pattern.test(code))?.[1];
    if (meaning) return `${meaning} (${code})`;
  }
  return codes[0] && `network error (${codes[0]})`;
}

import type { GraphError, GraphErrorDetails, ODataError } from "../errors/graph-error.ts";
import { callError, type SentRequest } from "./call-error.ts";
import { isQuotable } from "./quotable.ts";

/**
 * `value`, if a string, with every occurrence of `secret` (the token a request was sent with)
 * replaced; any other value as it is. A secret under 12 characters is no real token, and replacing
 * it would mangle ordinary text ("t" in "itemNotFound").
 */
export const redact = <T>(value: T, secret: string | undefined): T =>
  typeof value === "string" && secret && secret.length >= 12 ? (value.replaceAll(secret, "[redacted]") as T) : value;

/**
 * A GraphError for a non-2xx response whose body text was already read, with its `request-id`
 * header (redacted) and Retry-After. Nothing from the response goes into the message but Graph's
 * `error.code`, if it is a short identifier: an echo of the request (a proxy's page, a debugging
 * server) may hold its Authorization header. `secret` (the token sent) is also replaced wherever
 * the kept fields (body, ids, date) contain it.
 */
export function errorFromResponse(
  response: Response,
  text: string,
  sent: SentRequest,
  { requestId, retryAfterMs }: Pick<GraphErrorDetails, "requestId" | "retryAfterMs">,
  secret: string | undefined,
): GraphError {
  const odata = parseODataError(text, secret);
  const inner = odata?.error.innerError;
  // The client-request-id is the one we sent (in `sent`), rather than any echo of it: it is the one our logs have.
  return callError(
    sent,
    response.status,
    odata && isQuotable(odata.error.code) ? odata.error.code : "httpError",
    odata ? "see body.error.message" : "the body is not a Graph error",
    {
      requestId: requestId ?? asString(inner?.["request-id"]),
      date: asString(inner?.date) ?? redact(response.headers.get("date"), secret) ?? undefined,
      retryAfterMs,
      body: odata,
    },
  );
}

/** Graph's error body if `text` is one (a string code and message), its strings redacted; else undefined. */
function parseODataError(text: string, secret: string | undefined): ODataError | undefined {
  let body: { error?: { code?: unknown; message?: unknown } } | null;
  try {
    // Each string once parsed, so that a JSON escape cannot hide the secret. A property name that
    // holds it is moved to its redacted name: returning undefined deletes the original.
    body = JSON.parse(text, function (this: Record<string, unknown>, key, value) {
      const safe = redact(value, secret);
      const name = redact(key, secret);
      if (name === key) return safe;
      this[name] = safe;
    });
  } catch {
    return undefined;
  }
  const error = body?.error;
  return typeof error?.code === "string" && typeof error.message === "string" ? (body as ODataError) : undefined;
}

/** A body field the spec calls a string, if it is one: a proxy's body may not follow the spec. */
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

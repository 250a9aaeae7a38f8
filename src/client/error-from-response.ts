import type { GraphError, GraphErrorDetails, ODataError } from "../errors/graph-error.ts";
import { parseRedacted, redact } from "../text/redact.ts";
import { isQuotable } from "../util/check/quotable.ts";
import { callError, type SentRequest } from "./call-error.ts";

/**
 * A GraphError for a non-2xx response whose body text was already read, with its `request-id`
 * header (redacted) and Retry-After. Nothing from the response goes into the message but Graph's
 * `error.code`, if it is a short identifier: an echo of the request (a proxy's page, a debugging
 * server) may hold its Authorization header. `secrets` (the token sent, a password sent) are also
 * replaced wherever the kept fields (body, ids, date) contain them.
 */
export function errorFromResponse(
  response: Response,
  text: string,
  sent: SentRequest,
  { requestId, retryAfterMs }: Pick<GraphErrorDetails, "requestId" | "retryAfterMs">,
  secrets: readonly (string | undefined)[],
): GraphError {
  const odata = parseODataError(text, secrets);
  const inner = odata?.error.innerError;
  // The client-request-id is the one we sent (in `sent`), rather than any echo of it: it is the one our logs have.
  return callError(
    sent,
    response.status,
    odata && isQuotable(odata.error.code) ? odata.error.code : "httpError",
    odata ? "see body.error.message" : "the body is not a Graph error",
    {
      requestId: requestId ?? asString(inner?.["request-id"]),
      date: asString(inner?.date) ?? redact(response.headers.get("date"), secrets) ?? undefined,
      retryAfterMs,
      body: odata,
    },
  );
}

/** Graph's error body if `text` is one (a string code and message), its strings redacted; else undefined. */
function parseODataError(text: string, secrets: readonly (string | undefined)[]): ODataError | undefined {
  let body: { error?: { code?: unknown; message?: unknown } } | null;
  try {
    body = parseRedacted(text, secrets) as typeof body;
  } catch {
    return undefined;
  }
  const error = body?.error;
  return typeof error?.code === "string" && typeof error.message === "string" ? (body as ODataError) : undefined;
}

/** A body field the spec calls a string, if it is one: a proxy's body may not follow the spec. */
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

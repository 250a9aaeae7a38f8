import { GraphError, type ODataError } from "../errors/graph-error.ts";

/** Who asked: what a GraphError reports about the request. */
export interface SentRequest {
  method: string;
  url: string;
  clientRequestId: string;
}

/** A GraphError for a non-2xx response whose body text was already read. */
export function errorFromResponse(
  response: Response,
  text: string,
  request: SentRequest,
  retryAfterMs: number | undefined,
): GraphError {
  const odata = parseODataError(text);
  const inner = odata?.error.innerError;
  return new GraphError({
    status: response.status,
    code: odata?.error.code ?? "httpError",
    // Only an OData message is quoted: other bodies (proxy pages) may echo request headers.
    message: odata?.error.message ?? `${response.statusText || "error"} (the body is not a Graph error)`,
    method: request.method,
    url: request.url,
    requestId: response.headers.get("request-id") ?? asString(inner?.["request-id"]),
    // The id we sent, rather than any echo of it: it is the one our logs have.
    clientRequestId: request.clientRequestId,
    date: asString(inner?.date) ?? response.headers.get("date") ?? undefined,
    retryAfterMs,
    body: odata,
  });
}

/** Graph's error body if `text` is one (a string code and message), else undefined. */
function parseODataError(text: string): ODataError | undefined {
  let body: { error?: { code?: unknown; message?: unknown } } | null;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = body?.error;
  return typeof error?.code === "string" && typeof error.message === "string" ? (body as ODataError) : undefined;
}

/** A body field the spec calls a string, if it is one: a proxy's body may not follow the spec. */
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

import type { components } from "../../generated/graph-lro.ts";

/** Graph's OData error body, as the spec declares it. */
export type ODataError = components["schemas"]["microsoft.graph.ODataErrors.ODataError"];

/** What a GraphError knows; every field is safe to log (no token is ever stored). */
export interface GraphErrorDetails {
  /** HTTP status of the response, or 0 when no response arrived (network error). */
  status: number;
  /** Graph's `error.code`, or one of ours (`malformedResponse`, `networkError`, `crossOriginRedirect`). */
  code: string;
  message: string;
  method: string;
  url: string;
  requestId?: string | undefined;
  clientRequestId?: string | undefined;
  /** `innerError.date` of the body, else the `Date` header. */
  date?: string | undefined;
  retryAfterMs?: number | undefined;
  body?: ODataError | undefined;
  cause?: unknown;
}

/** A failed Graph call: an error status, an unusable response, or no response at all. */
export class GraphError extends Error {
  override name = "GraphError";
  readonly status: number;
  readonly code: string;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly date: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly body: ODataError | undefined;

  constructor(details: GraphErrorDetails) {
    const url = withoutCredentials(details.url);
    super(`${details.method} ${url} → ${details.status || "no response"} ${details.code}: ${details.message}`, {
      cause: details.cause,
    });
    this.status = details.status;
    this.code = details.code;
    this.method = details.method;
    this.url = url;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.date = details.date;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }

  /** JSON.stringify would otherwise drop `message`, the most useful field. */
  toJSON(): Omit<GraphErrorDetails, "cause"> & { name: string } {
    const { name, status, code, message, method, url, requestId, clientRequestId, date, retryAfterMs, body } = this;
    return { name, status, code, message, method, url, requestId, clientRequestId, date, retryAfterMs, body };
  }
}

/** Userinfo in a URL (`https://user:pass@host`) is a credential; it never reaches a message. */
function withoutCredentials(url: string): string {
  if (!url.includes("@")) return url;
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}

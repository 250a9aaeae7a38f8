import type { components } from "../../generated/graph-lro.ts";
import { withoutCredentials } from "../text/redact.ts";

/** Graph's OData error body, as the spec declares it. */
export type ODataError = components["schemas"]["microsoft.graph.ODataErrors.ODataError"];

/**
 * The codes the library gives a GraphError itself; any other is Graph's own `error.code`
 * (`TooManyRequests`, `ResourceNotFound`, ...), kept only when it is a short identifier.
 */
export type GraphErrorCode =
  | "networkError"
  | "malformedResponse"
  | "refusedRedirect"
  | "responseTooLarge"
  | "httpError"
  | (string & {});

/** What a GraphError knows; every field is safe to log (no token is ever stored). */
export interface GraphErrorDetails {
  /** HTTP status of the response, or 0 when no response arrived (network error). */
  status: number;
  code: GraphErrorCode;
  /** Our own words: never text from the response, which may echo the request's headers. */
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
  // Declared only: the constructor sets them all at once (smaller in a bundle than one line each).
  declare readonly status: number;
  declare readonly code: GraphErrorCode;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly requestId: string | undefined;
  declare readonly clientRequestId: string | undefined;
  declare readonly date: string | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly body: ODataError | undefined;

  constructor({ message, cause, ...details }: GraphErrorDetails) {
    const url = withoutCredentials(details.url);
    super(`${details.method} ${url} → ${details.status || "no response"} ${details.code}: ${message}`, { cause });
    // Every field is an own property, even when undefined, whatever the caller passed.
    Object.assign(this, UNSET, details, { url });
  }

  /** JSON.stringify would otherwise drop `message`, the most useful field (and `cause` stays out). */
  toJSON(): Omit<GraphErrorDetails, "cause"> & { name: string } {
    return { ...this, message: this.message };
  }
}

const UNSET = {
  requestId: undefined,
  clientRequestId: undefined,
  date: undefined,
  retryAfterMs: undefined,
  body: undefined,
};

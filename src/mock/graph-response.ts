/** What Graph stamps on every answer: its own request id, the client's (or its own again), and the time. */
export interface AnswerIds {
  readonly requestId: string;
  /** The `client-request-id` the client sent; Graph echoes its own request id when none was sent. */
  readonly clientRequestId: string;
  /** When the answer was made, as `innerError.date` writes it. */
  readonly date: string;
}

/** Ids for the answer to `request`, made at `nowMs`. */
export function answerIds(request: Request, nowMs: number): AnswerIds {
  const requestId = crypto.randomUUID();
  return { requestId, clientRequestId: request.headers.get("client-request-id") ?? requestId, date: graphDate(nowMs) };
}

/** Graph's `innerError.date`: UTC with no offset and no fraction, such as `2021-07-02T01:40:19`. */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

type ErrorBody = { error: { innerError?: unknown } & Record<string, unknown> };

/**
 * An OData error body made to agree with its own answer: `innerError`'s date, request-id and
 * client-request-id are the answer's, other innerError keys (a 429's `code`, `status`) stay.
 */
export function stampInnerError(body: unknown, ids: AnswerIds): unknown {
  if (!isErrorBody(body)) return body;
  const { innerError } = body.error;
  const kept = innerError !== null && typeof innerError === "object" ? innerError : {};
  return {
    ...body,
    error: {
      ...body.error,
      innerError: { ...kept, date: ids.date, "request-id": ids.requestId, "client-request-id": ids.clientRequestId },
    },
  };
}

/** Graph's OData error body, for answers that no operation of the spec describes (405, unknown path). */
export function odataError(code: string, message: string, ids: AnswerIds): unknown {
  return stampInnerError({ error: { code, message } }, ids);
}

/** A JSON answer (none for an undefined body) with Graph's `request-id` and `client-request-id` headers. */
export function graphJsonResponse(
  status: number,
  body: unknown,
  ids: AnswerIds,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const init = {
    status,
    headers: { ...headers, "request-id": ids.requestId, "client-request-id": ids.clientRequestId },
  };
  // A refresh's 202 has no body.
  return body === undefined ? new Response(null, init) : Response.json(body, init);
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: unknown } | null)?.error;
  return error !== null && typeof error === "object";
}

/** Graph's answer to a URL whose percent-encoding is broken, as in `/users/%zz`. */
export function malformedUrlResponse(request: Request, nowMs: number): Response {
  const ids = answerIds(request, nowMs);
  return graphJsonResponse(400, odataError("BadRequest", "The request URL is malformed.", ids), ids);
}

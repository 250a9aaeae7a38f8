import { GraphError, type GraphErrorDetails } from "./graph-error.ts";

/**
 * A POST that starts an operation got no answer that says whether Graph acted on it: a network error, a
 * timeout, or a 5xx (503 and 504 included). It was sent once and not retried, since a second POST could
 * start a second operation (docs/decisions/0021-a-start-is-sent-once.md). Check before starting it again;
 * `requestId` and `clientRequestId` are what Graph's support can look it up by.
 */
export class OutcomeUnknownError extends GraphError {
  override name = "OutcomeUnknownError";

  constructor({ message, ...details }: GraphErrorDetails) {
    const ids = [
      details.requestId && `request-id ${details.requestId}`,
      `client-request-id ${details.clientRequestId}`,
    ];
    super({
      ...details,
      message: `${message}; whether the operation started is unknown: it was sent once, not retried (check before starting it again; ${ids.filter(Boolean).join(", ")})`,
    });
  }
}

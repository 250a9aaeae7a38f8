import { type HttpHandler, http } from "msw";
import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";

/**
 * Answers every other method on an operation's path as Graph's directory workloads do: `405` with
 * `Allow` and Graph's error body. The request's body is never read. Registered after the operations'
 * handlers, so that it sees only the methods they do not answer.
 */
export function methodNotAllowedHandler(url: string, allowed: readonly string[], now: () => number): HttpHandler {
  const allow = allowed.map((method) => method.toUpperCase()).join(", ");
  return http.all(url, ({ request }) => {
    const ids = answerIds(request, now());
    const body = odataError("Request_BadRequest", "Specified HTTP method is not allowed for the request target.", ids);
    return graphJsonResponse(405, body, ids, { Allow: allow });
  });
}

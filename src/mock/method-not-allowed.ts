import type { HttpHandler, RequestHandler } from "msw";
import { type AnswerIds, answerIds, graphJsonResponse, malformedUrlResponse, odataError } from "./graph-response.ts";
import type { MakeHandler } from "./make-handler.ts";
import type { RouteVerdict } from "./route-matcher.ts";

/** Graph's body for a method the target does not allow (its directory workloads' wording). */
export function methodNotAllowedBody(ids: AnswerIds): unknown {
  return odataError("Request_BadRequest", "Specified HTTP method is not allowed for the request target.", ids);
}

/**
 * Answers every other method on an operation's path as Graph's directory workloads do: `405` with
 * `Allow` and Graph's error body. The request's body is never read. Registered after the operations'
 * handlers, so that it sees only the methods they do not answer.
 */
export function methodNotAllowedHandler(
  make: MakeHandler,
  /** The path's matcher, under every root the handlers serve. */
  match: (url: string) => RouteVerdict,
  allowed: readonly string[],
  now: () => number,
  /** Called for each 405 answered (coverage counts it under the path's operations). */
  onAnswer?: () => void,
): HttpHandler {
  const allow = allowed.map((method) => method.toUpperCase()).join(", ");
  const handler = make(
    "all",
    ({ request }) => match(request.url) !== undefined,
    ({ request }) => {
      if (match(request.url) === "malformed") return malformedUrlResponse(request, now());
      onAnswer?.();
      const ids = answerIds(request, now());
      return graphJsonResponse(405, methodNotAllowedBody(ids), ids, { Allow: allow });
    },
  );
  notAllowedHandlers.add(handler);
  return handler;
}

// A registry because msw's RequestHandler has no place for data of ours: the handlers reach createMockFetch
// through the user's own list, with nothing beside them.
const notAllowedHandlers = new WeakSet<RequestHandler>();

/**
 * Whether `handler` is one of `methodNotAllowedHandler`'s: it answers any method on its path, so a
 * request that fetch cannot make (TRACE) can be answered by it through a GET that stands in.
 */
export function isMethodNotAllowedHandler(handler: RequestHandler): boolean {
  return notAllowedHandlers.has(handler);
}

import type { RequestHandler } from "msw";
import { malformedUrlResponse } from "./graph-response.ts";
import { servedNow } from "./unknown-path.ts";

/**
 * Runs `request` through the handlers as msw's getResponse does (each handler's public `run` in turn, until one
 * answers), with the very Request object (so that the handlers' notes about it can be read back). Undefined when
 * no handler matches. Not getResponse itself: only msw's main module exports it, and that module loads msw's
 * GraphQL and WebSocket support too, most of `graph-lro get --mock`'s start-up (decision 0025b).
 */
export async function answerRequest(
  handlers: readonly RequestHandler[],
  request: Request,
): Promise<Response | undefined> {
  try {
    const requestId = crypto.randomUUID();
    for (const handler of handlers) {
      const result = await handler.run({ request, requestId });
      if (result?.response) return result.response;
    }
    return undefined;
  } catch (error) {
    // A handler of one's own (path-to-regexp) throws on malformed percent-encoding; graph-lro's answer it, dated
    // on their clock.
    if (!(error instanceof URIError)) throw error;
    return malformedUrlResponse(request, servedNow(handlers));
  }
}

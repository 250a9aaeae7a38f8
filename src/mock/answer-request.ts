import { getResponse, type RequestHandler } from "msw";
import { malformedUrlResponse } from "./graph-response.ts";

/**
 * Runs `request` through the handlers as msw's getResponse does, with the very Request object
 * (so that the handlers' notes about it can be read back). Undefined when no handler matches.
 */
export async function answerRequest(
  handlers: readonly RequestHandler[],
  request: Request,
): Promise<Response | undefined> {
  try {
    return await getResponse([...handlers], request);
  } catch (error) {
    // A handler of one's own (path-to-regexp) throws on malformed percent-encoding; graph-lro's answer it.
    if (!(error instanceof URIError)) throw error;
    return malformedUrlResponse(request, Date.now());
  }
}

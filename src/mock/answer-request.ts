import { getResponse, type RequestHandler } from "msw";
import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";

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
    // path-to-regexp decodes parameters and throws on malformed percent-encoding, as in `/users/%zz`.
    if (!(error instanceof URIError)) throw error;
    const ids = answerIds(request, Date.now());
    return graphJsonResponse(400, odataError("BadRequest", "The request URL is malformed.", ids), ids);
  }
}

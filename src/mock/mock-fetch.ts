import { getResponse, type RequestHandler } from "msw";

/**
 * A fetch that answers from MSW handlers through `getResponse`: no globals are patched, so it
 * works in Node, Deno and browsers. A request no handler matches rejects, naming it.
 */
export function createMockFetch(handlers: readonly RequestHandler[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    let response: Response | undefined;
    try {
      response = await getResponse([...handlers], request);
    } catch (error) {
      // path-to-regexp decodes parameters and throws on malformed percent-encoding, as in `/users/%zz`.
      if (error instanceof URIError) return malformedUrl(request);
      throw error;
    }
    if (!response) throw new UnhandledRequestError(request);
    request.signal.throwIfAborted();
    return response;
  };
}

/**
 * No handler matched the request. Not a TypeError (a network error): a client would retry it, and
 * a request the spec does not know is a bug to report at once.
 */
export class UnhandledRequestError extends Error {
  override name = "UnhandledRequestError";

  constructor(readonly request: Request) {
    super(`graph-lro mock: no handler for ${request.method} ${request.url}`);
  }
}

/** A response with Graph's OData error body. */
export function odataErrorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** Graph answers a path it cannot decode with 400 BadRequest. */
function malformedUrl(request: Request): Response {
  return odataErrorResponse(400, "BadRequest", `The request URL is malformed: ${request.url}`);
}

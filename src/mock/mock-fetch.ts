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
    if (!response) throw new TypeError(`graph-lro mock: no handler for ${request.method} ${request.url}`);
    request.signal.throwIfAborted();
    return response;
  };
}

/** Graph answers a path it cannot decode with 400 BadRequest. */
export function malformedUrl(request: Request): Response {
  const message = `The request URL is malformed: ${request.url}`;
  return Response.json({ error: { code: "BadRequest", message } }, { status: 400 });
}

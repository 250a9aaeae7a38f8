import { GraphError } from "../errors/graph-error.ts";
import type { Fetch } from "./fetch-types.ts";

/** A bearer token, or a function called before every attempt, so refreshed tokens are used. */
export type TokenSource = string | (() => string | Promise<string>);

const MAX_REDIRECTS = 5;

/**
 * Wraps fetch to add `Authorization` and to follow redirects by hand (requests are sent with
 * `redirect: "manual"`): a redirect within `origin` is followed, one to any other origin is
 * refused with a GraphError before anything is sent there, so the token never leaves Graph.
 * The caller has already checked that the request itself is for `origin`.
 */
export function tokenFetch(fetch: Fetch, origin: string, token: TokenSource | undefined): Fetch {
  const send = async (request: Request, hops: number): Promise<Response> => {
    if (token !== undefined) {
      request.headers.set("authorization", `Bearer ${typeof token === "function" ? await token() : token}`);
    }
    const response = await fetch(request);
    const opaque = response.type === "opaqueredirect";
    if (!opaque && (response.status < 300 || response.status >= 400)) return response;
    const location = response.headers.get("location");
    if (location === null && !opaque) return response;
    response.body?.cancel().catch(() => {});
    const target = location === null ? undefined : safeUrl(location, request.url);
    if (target?.origin !== origin || hops >= MAX_REDIRECTS) {
      throw new GraphError({
        status: response.status,
        code: "refusedRedirect",
        message:
          target?.origin === origin
            ? `more than ${MAX_REDIRECTS} redirects`
            : `redirect to ${target?.origin ?? "an unreadable location"} not followed: the token is only for ${origin}`,
        method: request.method,
        url: request.url,
        clientRequestId: request.headers.get("client-request-id") ?? undefined,
      });
    }
    return send(new Request(target, request), hops + 1);
  };
  return (request) => send(request, 0);
}

function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

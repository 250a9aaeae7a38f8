import type { RequestHandler } from "msw";
import { withoutCredentials } from "../text/redact.ts";
import { answerRequest } from "./answer-request.ts";
import { exchangeNote } from "./exchange-notes.ts";
import { unmatchedPathResponse } from "./unknown-path.ts";

/** Options of `createMockFetch`. */
export interface MockFetchOptions {
  /**
   * `"throw"` rejects a request whose request or answer broke the contract with its first
   * `ContractViolationError`, and a path the spec does not have with `UnhandledRequestError`, so
   * that a test fails where it happened. Default `"record"`: answer as Graph would, and keep the
   * violation in `handlers.violations`.
   */
  onViolation?: "record" | "throw";
}

/**
 * A fetch that answers from MSW handlers through `getResponse`: no globals are patched, so it
 * works in Node, Deno and browsers. A path under a Graph root of graph-lro's handlers that no
 * handler matches gets Graph's `400` naming the unknown segment (with `onViolation: "throw"`, an
 * UnhandledRequestError); a request anywhere else rejects with UnhandledRequestError.
 */
export function createMockFetch(handlers: readonly RequestHandler[], options: MockFetchOptions = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const response =
      (await answerRequest(handlers, request)) ??
      (options.onViolation === "throw" ? undefined : unmatchedPathResponse(handlers, request));
    if (!response) throw new UnhandledRequestError(request.method, request.url);
    const [violation] = exchangeNote(request)?.violations ?? [];
    if (violation && options.onViolation === "throw") throw violation;
    request.signal.throwIfAborted();
    return response;
  };
}

/**
 * No handler matched the request. Not a TypeError (a network error): a client would retry it, and
 * a request the spec does not know is a bug to report at once. Keeps the method and the URL without
 * its credentials, never the Request (whose headers may hold a token).
 */
export class UnhandledRequestError extends Error {
  override name = "UnhandledRequestError";
  /** The URL without user name and password. */
  readonly url: string;

  constructor(
    readonly method: string,
    url: string,
  ) {
    const safe = withoutCredentials(url);
    super(`graph-lro mock: no handler for ${method} ${safe}`);
    this.url = safe;
  }
}

import type { RequestHandler } from "msw";
import { UnhandledRequestError } from "../errors/unhandled-request-error.ts";
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
 * A fetch that answers from MSW handlers as msw's getResponse does (answerRequest): no globals are patched, so it
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

import type { HttpHandler } from "msw";
import type { MockedMethod } from "./spec-operations.ts";

/** What graph-lro's handlers ask of a request: the request only (msw passes more, which they do not read). */
export type HandlerInfo = { request: Request };

/**
 * Makes one request handler of `method` (`all`: any) from a predicate and a resolver: msw's `http[method]` for
 * `graph-lro/mock` (msw-handler.ts), or `plainHandler` where msw is not wanted (the CLI's `--mock`).
 */
export type MakeHandler = (
  method: MockedMethod | "all",
  predicate: (info: HandlerInfo) => boolean,
  resolver: (info: HandlerInfo) => Response | Promise<Response>,
) => HttpHandler;

/**
 * A handler without msw, for `createMockFetch` only (it calls `run` as msw's getResponse does): `graph-lro get
 * --mock` answers without loading msw, whose import is most of its start-up (decision 0025b). The resolvers
 * check the method themselves, as they do under msw, so `method` needs no check here.
 */
export const plainHandler: MakeHandler = (_method, predicate, resolver) =>
  ({
    async run({ request }: HandlerInfo) {
      return predicate({ request }) ? { response: await resolver({ request }) } : null;
    },
  }) as unknown as HttpHandler;

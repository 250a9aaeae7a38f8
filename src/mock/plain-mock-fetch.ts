// The CLI's --mock: the mock's fetch without msw, whose import is most of `graph-lro get --mock`'s start-up
// (decision 0025b). graph-lro/mock's users get msw's handlers (msw-handler.ts) and createMockFetch.
import { type GraphLroHandlerOptions, graphLroHandlers } from "./handlers.ts";
import { plainHandler } from "./make-handler.ts";
import { createMockFetch, type MockFetchOptions } from "./mock-fetch.ts";

export { ContractViolationError } from "../errors/contract-violation-error.ts";
export { defaultMockTarget } from "./examples.ts";

/** `createMockFetch(createGraphLroHandlers(options), fetchOptions)`, the same answers, with no msw loaded. */
export const createPlainMockFetch = (options: GraphLroHandlerOptions = {}, fetchOptions: MockFetchOptions = {}) =>
  createMockFetch(graphLroHandlers(plainHandler, options), fetchOptions);

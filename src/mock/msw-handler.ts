import { http } from "msw/core/http";
import { type GraphLroHandlerOptions, type GraphLroHandlers, graphLroHandlers } from "./handlers.ts";
import type { MakeHandler } from "./make-handler.ts";

/** msw's own handler (`http[method]`, `http.all`). */
export const mswHandler: MakeHandler = (method, predicate, resolver) => http[method](predicate, resolver);

/** Derives MSW handlers from the spec: examples by id, stories, `$select`, auth, 405s and strict contract checks. */
export function createGraphLroHandlers(options: GraphLroHandlerOptions = {}): GraphLroHandlers {
  return graphLroHandlers(mswHandler, options);
}

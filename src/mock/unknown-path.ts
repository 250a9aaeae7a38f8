import type { RequestHandler } from "msw";
import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";

/** What a set of graph-lro handlers serves: the spec's path templates, under which roots, on which clock. */
export interface ServedPaths {
  readonly templates: readonly string[];
  readonly roots: readonly string[];
  readonly now: () => number;
}

// Kept per handler, not per array, so that handlers spread into a list of one's own still answer; a registry
// because msw's RequestHandler has no place for data of ours, and a user's list holds only the handlers.
const servedBy = new WeakMap<RequestHandler, ServedPaths>();

/** Notes what `handlers` serve, for answering the paths they do not. */
export function rememberServed(handlers: readonly RequestHandler[], served: ServedPaths): void {
  for (const handler of handlers) servedBy.set(handler, served);
}

/** The clock of the first graph-lro handlers among `handlers` (of their error bodies' dates); else Date.now. */
export function servedNow(handlers: readonly RequestHandler[]): number {
  for (const handler of handlers) {
    const served = servedBy.get(handler);
    if (served) return served.now();
  }
  return Date.now();
}

/**
 * Graph's answer to a request that no handler matched, if its URL is under a root that graph-lro
 * handlers among `handlers` serve; undefined elsewhere, where no Graph would answer at all.
 */
export function unmatchedPathResponse(handlers: readonly RequestHandler[], request: Request): Response | undefined {
  // In any case, as the handlers match a path.
  const url = new URL(request.url.toLowerCase());
  for (const handler of handlers) {
    const served = servedBy.get(handler);
    const root = served?.roots.map((r) => new URL(r.toLowerCase())).find((r) => isUnder(url, r.origin, r.pathname));
    if (served && root) return unknownPathResponse(request, root.pathname, served.templates, served.now());
  }
  return undefined;
}

/** Whether `url` is at or below `rootPath` (no trailing slash) on `origin`. */
function isUnder(url: URL, origin: string, rootPath: string): boolean {
  return url.origin === origin && (url.pathname === rootPath || url.pathname.startsWith(`${rootPath}/`));
}

/**
 * The answer to a path under a Graph root that no operation of the spec has. A path with a segment that
 * no path of the spec has there (`{parameter}` segments match any value) gets Graph's `400 BadRequest`
 * "Resource not found for the segment '<segment>'." (Graph's error documentation), naming the first such
 * segment: Graph may have a resource the spec lacks, but a test meets this answer through a mistyped
 * path, where Graph sends the same. A path whose every segment the spec has there (the root, or the
 * beginning of a spec path, such as an operations collection) is a resource Graph serves and the spec
 * does not describe: the mock says so in a 404 of its own rather than deny that it exists.
 */
export function unknownPathResponse(
  request: Request,
  rootPath: string,
  templates: readonly string[],
  nowMs: number,
): Response {
  const path = new URL(request.url).pathname;
  const segments = path.slice(rootPath.length).split("/").filter(Boolean).map(decode);
  const unknown = firstUnknownSegment(segments, templates);
  const ids = answerIds(request, nowMs);
  if (unknown === undefined) {
    const message = `graph-lro mock: the spec describes no operation at ${path}, though Microsoft Graph may serve it; its paths are ${templates.join(", ")}.`;
    return graphJsonResponse(404, odataError("NotFound", message, ids), ids);
  }
  return graphJsonResponse(400, odataError("BadRequest", `Resource not found for the segment '${unknown}'.`, ids), ids);
}

/** The mock's answer outside Graph's root, where Graph would serve another version or nothing: it names the root. */
export function outsideRootResponse(request: Request, rootPath: string, nowMs: number): Response {
  const ids = answerIds(request, nowMs);
  const message = `graph-lro mock: nothing here; Microsoft Graph is served under ${rootPath}/, the mock's own routes under /_mock/.`;
  return graphJsonResponse(404, odataError("NotFound", message, ids), ids);
}

/** The first of `segments` that no template has at its place after the ones before it (in any case); else undefined. */
function firstUnknownSegment(segments: readonly string[], templates: readonly string[]): string | undefined {
  let candidates = templates.map((template) => template.toLowerCase().split("/").filter(Boolean));
  return segments.find((segment, depth) => {
    candidates = candidates.filter((t) => isParameter(t[depth]) || t[depth] === segment.toLowerCase());
    return candidates.length === 0;
  });
}

const isParameter = (segment: string | undefined) => /^\{[^}]+\}$/.test(segment ?? "");

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

import type { RequestHandler } from "msw";
import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";

/** What a set of graph-lro handlers serves: the spec's path templates, under which roots, on which clock. */
export interface ServedPaths {
  readonly templates: readonly string[];
  readonly roots: readonly string[];
  readonly now: () => number;
}

// Kept per handler, not per array, so that handlers spread into a list of one's own still answer.
const servedBy = new WeakMap<RequestHandler, ServedPaths>();

/** Notes what `handlers` serve, for answering the paths they do not. */
export function rememberServed(handlers: readonly RequestHandler[], served: ServedPaths): void {
  for (const handler of handlers) servedBy.set(handler, served);
}

/**
 * Graph's answer to a request that no handler matched, if its URL is under a root that graph-lro
 * handlers among `handlers` serve; undefined elsewhere, where no Graph would answer at all.
 */
export function unmatchedPathResponse(handlers: readonly RequestHandler[], request: Request): Response | undefined {
  const url = new URL(request.url);
  for (const handler of handlers) {
    const served = servedBy.get(handler);
    const root = served?.roots.map((r) => new URL(r)).find((r) => isUnder(url, r.origin, r.pathname));
    if (served && root) return unknownPathResponse(request, root.pathname, served.templates, served.now());
  }
  return undefined;
}

/** Whether `url` is at or below `rootPath` (no trailing slash) on `origin`. */
function isUnder(url: URL, origin: string, rootPath: string): boolean {
  return url.origin === origin && (url.pathname === rootPath || url.pathname.startsWith(`${rootPath}/`));
}

/**
 * Graph's answer to a path under its root that names no resource: `400 BadRequest`, "Resource not
 * found for the segment '<segment>'." (Graph's error documentation), naming the first segment that
 * no path of the spec has there (`{parameter}` segments match any value).
 */
export function unknownPathResponse(
  request: Request,
  rootPath: string,
  templates: readonly string[],
  nowMs: number,
): Response {
  const segments = new URL(request.url).pathname.slice(rootPath.length).split("/").filter(Boolean).map(decode);
  // Walk down the templates that match every segment so far; the first segment none matches is unknown.
  let candidates = templates.map((template) => template.split("/").filter(Boolean));
  let depth = 0;
  for (; depth < segments.length - 1; depth += 1) {
    const segment = segments[depth];
    candidates = candidates.filter((t) => t[depth] !== undefined && (isParameter(t[depth]) || t[depth] === segment));
    if (candidates.length === 0) break;
  }
  const segment = segments[depth] ?? "";
  const ids = answerIds(request, nowMs);
  return graphJsonResponse(400, odataError("BadRequest", `Resource not found for the segment '${segment}'.`, ids), ids);
}

/** The mock's answer outside Graph's root, where Graph would serve another version or nothing: it names the root. */
export function outsideRootResponse(request: Request, rootPath: string, nowMs: number): Response {
  const ids = answerIds(request, nowMs);
  const message = `graph-lro mock: nothing here; Microsoft Graph is served under ${rootPath}/, the mock's own routes under /_mock/.`;
  return graphJsonResponse(404, odataError("NotFound", message, ids), ids);
}

const isParameter = (segment: string | undefined) => /^\{[^}]+\}$/.test(segment ?? "");

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

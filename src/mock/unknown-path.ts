import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";

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

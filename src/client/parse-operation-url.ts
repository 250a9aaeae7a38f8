import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { type GraphTarget, resolveBaseUrl } from "./clouds.ts";
import { type OperationRef, ROUTE_LIST } from "./operation-routes.ts";
import { assertPathId } from "./path-id.ts";

/** An operation URL taken apart: which operation, and the query to send back verbatim. */
export interface ParsedOperationUrl {
  ref: OperationRef;
  /** The URL's query without `?` and `$select`, as given (such as `aadgdc=DUB02P&aadgsu=ssprprod-a`). */
  query: string;
  /** The URL's `$select` (or beta's `select`) names, unchecked: the client sends them as its `select` option. */
  select?: string[];
}

/**
 * Matches a URL (such as a 202's `Location`) against the spec's operation paths under the target's
 * base URL (default: the global cloud). Throws an InvalidArgumentError naming what is wrong; never fetches.
 * The URL may come from a server (a Location header), so no part of it but its origin is quoted.
 */
export function parseOperationUrl(url: string | URL, target: GraphTarget = {}): ParsedOperationUrl {
  const base = resolveBaseUrl(target);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) throw invalid(`not an absolute URL (${String(url).length} characters)`);
  if (parsed.username || parsed.password) throw invalid("an operation URL must not carry credentials");
  if (parsed.origin !== base.origin) {
    throw invalid(`refusing ${parsed.origin}: the configured Graph origin is ${base.origin}`);
  }
  // A base URL without a path has the pathname "/", not "".
  const prefix = `${base.pathname.replace(/\/$/, "")}/`;
  if (!parsed.pathname.startsWith(prefix)) {
    throw invalid(`the URL's path is not under ${prefix}`);
  }
  const segments = parsed.pathname.slice(prefix.length - 1).split("/");
  for (const route of ROUTE_LIST) {
    const params = matchTemplate(route.path.split("/"), segments);
    if (!params) continue;
    const ref: Record<string, string> = { kind: route.kind };
    for (const [name, field] of Object.entries(route.refFields)) ref[field] = params[name] as string;
    return { ref: ref as OperationRef, ...splitSelect(parsed.search.slice(1)) };
  }
  const known = ROUTE_LIST.map((route) => `${prefix.slice(0, -1)}${route.path}`).join(", ");
  throw invalid(`the URL's path is not an operation path of the spec: ${known}`);
}

const invalid = (message: string) => new InvalidArgumentError("url", message);

/** The decoded parameters if `segments` fit the template, else undefined. */
function matchTemplate(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const segment = segments[i] as string;
    if (!part.startsWith("{")) {
      if (part !== segment) return undefined;
      continue;
    }
    const name = part.slice(1, -1);
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      throw new InvalidArgumentError(name, `${name} in the URL has a malformed percent-encoding`);
    }
    assertPathId(name, value);
    params[name] = value;
  }
  return params;
}

/**
 * Takes `$select` (or `select`) out of a query, so that a `select` option replaces it rather than
 * sending it twice (which Graph refuses), and so the client knows what the body will hold.
 */
export function splitSelect(search: string): { query: string; select?: string[] } {
  let select: string[] | undefined;
  const kept = search.split("&").filter((part) => {
    const [name, value = ""] = [...new URLSearchParams(part)][0] ?? [];
    // OData takes system query option names case-insensitively.
    if (!/^\$?select$/i.test(name ?? "")) return true;
    // A repeated $select adds names rather than silently replacing the earlier ones.
    select = [...(select ?? []), ...value.split(",")];
    return false;
  });
  return { query: kept.join("&"), ...(select && { select }) };
}

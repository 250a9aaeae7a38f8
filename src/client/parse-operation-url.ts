import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { SELECT_OPTION } from "../openapi/select-option.ts";
import type { OperationRef } from "../types/operation-ref.ts";
import { assertPathId } from "../util/check/path-id.ts";
import { type GraphTarget, resolveBaseUrl } from "./clouds.ts";
import { ROUTE_LIST } from "./operation-routes.ts";

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
  return operationUrlParser(resolveBaseUrl(target))(url);
}

/**
 * parseOperationUrl under one base URL, with the base and the spec's paths under it worked out once: a
 * client parses each of its polls' Location URL with it.
 */
export function operationUrlParser(base: URL): (url: string | URL) => ParsedOperationUrl {
  // A base URL without a path has the pathname "/", not "".
  const paths = ROUTE_LIST.map((route) => `${base.pathname.replace(/\/$/, "")}${route.path}`);
  const templates = paths.map((path) => path.split("/"));
  return (url) => {
    if (!URL.canParse(url)) throw invalid("not an absolute URL");
    const parsed = new URL(url);
    if (parsed.username || parsed.password) throw invalid("an operation URL must not carry credentials");
    if (parsed.origin !== base.origin) {
      throw invalid(`refusing ${parsed.origin}: the Graph origin is ${base.origin}`);
    }
    const segments = parsed.pathname.split("/");
    for (const [i, route] of ROUTE_LIST.entries()) {
      const ref = matchRoute(templates[i] as string[], segments, route.refFields);
      if (ref) return { ref: { kind: route.kind, ...ref } as OperationRef, ...splitSelect(parsed.search.slice(1)) };
    }
    throw invalid(`the path is not an operation path: ${paths.join(", ")}`);
  };
}

const invalid = (message: string) => new InvalidArgumentError("url", message);

/** The ref fields, decoded and checked, if `segments` fit the template; else undefined. */
function matchRoute(
  template: string[],
  segments: string[],
  fields: Record<string, string>,
): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const ref: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const segment = segments[i] as string;
    const name = part.slice(1, -1);
    if (part[0] !== "{") {
      if (part !== segment) return undefined;
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      throw new InvalidArgumentError(name, `${name} has a malformed percent-encoding`);
    }
    assertPathId(name, value);
    ref[fields[name] as string] = value;
  }
  return ref;
}

/**
 * Takes `$select` (or `select`) out of a query, so that a `select` option replaces it rather than
 * sending it twice (which Graph refuses), and so the client knows what the body will hold.
 */
export function splitSelect(search: string): { query: string; select?: string[] } {
  let select: string[] | undefined;
  const kept = search.split("&").filter((part) => {
    const [[name = "", value = ""] = []] = new URLSearchParams(part);
    if (!SELECT_OPTION.test(name)) return true;
    // A repeated $select adds names rather than silently replacing the earlier ones.
    select = [...(select ?? []), ...value.split(",")];
    return false;
  });
  return { query: kept.join("&"), ...(select && { select }) };
}

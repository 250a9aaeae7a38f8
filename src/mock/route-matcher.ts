import { mapPathParameters } from "../openapi/paths.ts";

/** A request URL that a path template matched: under which root, and the path parameters, decoded. */
export interface RouteMatch {
  readonly root: string;
  /** By the spec's names (`user-id`, `longRunningOperation-id`). */
  readonly ids: Record<string, string>;
}

/** A matcher's verdict: the match, `"malformed"` (the path fits but an id's percent-encoding is broken), or no match. */
export type RouteVerdict = RouteMatch | "malformed" | undefined;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Matches a URL against `template` under any of `roots`, as msw matches a handler's path (path-to-regexp:
 * letters in any case, an optional trailing slash, query and fragment ignored, parameters percent-decoded),
 * in one regular expression: one msw handler then serves an operation on every cloud, where one handler
 * per root had msw parse the URL and the cookies again for each (test/mock/route-matcher.test.ts holds it to
 * msw's own matchRequestUrl).
 */
export function routeMatcher(roots: readonly string[], template: string): (url: string) => RouteVerdict {
  const names: string[] = [];
  // path-to-regexp's pattern for a parameter, put in place of a NUL that no template holds.
  const literal = mapPathParameters(template, (name) => {
    names.push(name);
    return "\0";
  });
  const path = escapeRegExp(literal).replaceAll("\0", "([^\\/#\\?]+?)");
  const trimmed = roots.map((root) => root.replace(/\/$/, ""));
  const pattern = new RegExp(
    `^(?:${trimmed.map((root, i) => `(?<r${i}>${escapeRegExp(root)})`).join("|")})${path}[\\/#\\?]?$`,
    "i",
  );
  return (url) => {
    const { origin, pathname } = new URL(url);
    const found = pattern.exec(origin + pathname);
    if (!found) return undefined;
    const ids: Record<string, string> = {};
    try {
      for (const [i, name] of names.entries()) ids[name] = decodeURIComponent(found[i + 1 + roots.length] as string);
    } catch {
      return "malformed";
    }
    const root = trimmed.find((_, i) => found.groups?.[`r${i}`] !== undefined) as string;
    return { root, ids };
  };
}

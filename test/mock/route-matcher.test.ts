import fc from "fast-check";
import { matchRequestUrl } from "msw";
import { describe, expect, it } from "vitest";
import { operations, servers, starts } from "../../generated/graph-lro.routes.ts";
import { routeMatcher } from "../../src/mock/route-matcher.ts";
import { mapPathParameters, pathParameterNames } from "../../src/openapi/paths.ts";

const ROOTS = servers.map((server) => server.url);
const TEMPLATES = [...Object.values(operations), ...Object.values(starts)].map((route) => route.path);

/** msw's own answer for one handler per root (the mock's handlers before route-matcher.ts): the root and the ids. */
function mswMatch(roots: readonly string[], template: string, url: string) {
  const names: string[] = [];
  const path = mapPathParameters(template, (name) => {
    names.push(name);
    return `:p${names.length - 1}`;
  });
  for (const root of roots) {
    const { matches, params } = matchRequestUrl(new URL(url), `${root}${path}`);
    if (matches) return { root, ids: Object.fromEntries(names.map((name, i) => [name, params?.[`p${i}`]])) };
  }
  return undefined;
}

/** What msw's matching throws (a URIError on broken percent-encoding) becomes the matcher's "malformed". */
function mswVerdict(roots: readonly string[], template: string, url: string) {
  try {
    return mswMatch(roots, template, url);
  } catch (error) {
    if (error instanceof URIError) return "malformed";
    throw error;
  }
}

describe("routeMatcher", () => {
  it("matches every root of the spec at once, naming the root and the decoded ids", () => {
    // Every template of the spec, each parameter given a value to decode (`@`, `/`) and named back by the spec.
    for (const template of TEMPLATES) {
      const match = routeMatcher(ROOTS, template);
      const fill = (value: (name: string) => string) => mapPathParameters(template, value);
      const idOf = (name: string) => `${name}@contoso.com/1`;
      const path = fill((name) => encodeURIComponent(idOf(name)));
      const ids = Object.fromEntries(pathParameterNames(template).map((name) => [name, idOf(name)]));
      for (const root of ROOTS) expect(match(`${root}${path}?$select=status#x`)).toEqual({ root, ids });
      expect(match(`${ROOTS[0]}${path}/extra`)).toBeUndefined();
      expect(match(`https://graph.microsoft.com/v1.0${path}`)).toBeUndefined();
      if (Object.keys(ids).length > 0) expect(match(`${ROOTS[0]}${fill(() => "%zz")}`)).toBe("malformed");
    }
  });

  it("reads a template's `:`, `*` and `(` literally, as Graph's paths mean them, where msw would read syntax", () => {
    // Graph addresses a drive item by path as `root:/{path}:`; msw's path-to-regexp would take `:/` as a parameter.
    const match = routeMatcher(["https://x.test/beta"], "/drives/{drive-id}/root:/{path}:/content");
    expect(match("https://x.test/beta/drives/d1/root:/a%20b.txt:/content")).toEqual({
      root: "https://x.test/beta",
      ids: { "drive-id": "d1", path: "a b.txt" },
    });
    expect(match("https://x.test/beta/drives/d1/rootX/a.txt:/content")).toBeUndefined();
    expect(routeMatcher(["https://x.test"], "/a*(b)")("https://x.test/a*(b)")).toEqual({
      root: "https://x.test",
      ids: {},
    });
    expect(routeMatcher(["https://x.test"], "/a*(b)")("https://x.test/aaa(b)")).toBeUndefined();
  });

  it("reads a URL as msw's own path matching does: any case, a trailing slash, credentials, odd ids", () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9@.%~!$&'()*+,;=:_-]{1,12}$/),
      fc.constantFrom("%zz", "%E0%A4%A", "%2F", "..", "%20", "a%2Fb"),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATES),
        fc.constantFrom(...ROOTS, "https://graph.microsoft.com/v1.0", "http://127.0.0.1:4010/beta"),
        fc.array(segment, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("", "/", "?$select=status", "#frag", "//"),
        fc.boolean(),
        fc.boolean(),
        (template, root, ids, tail, upper, credentials) => {
          let i = 0;
          const filled = mapPathParameters(template, () => ids[i++ % ids.length] as string);
          const path = upper ? filled.toUpperCase() : filled;
          const url = `${credentials ? root.replace("://", "://u:p@") : root}${path}${tail}`;
          if (!URL.canParse(url)) return;
          const roots = [...ROOTS, "http://127.0.0.1:4010/beta"];
          expect(routeMatcher(roots, template)(url)).toEqual(mswVerdict(roots, template, url));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

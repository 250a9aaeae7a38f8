import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { METHODS } from "../../src/openapi/methods.ts";
import { fillPath, idParameterOf, mergeParameters, operationsOf, pathParameterNames } from "../../src/openapi/paths.ts";

describe("path templates", () => {
  it("name their parameters in order, and the last names the operation, as the generated table says", () => {
    for (const { path, refFields } of Object.values(operations)) {
      expect(pathParameterNames(path)).toEqual(Object.keys(refFields));
      const id = idParameterOf(path) as keyof typeof refFields;
      expect(refFields[id]).toBe("operationId");
    }
    expect(idParameterOf("/items")).toBeUndefined();
  });

  it("fill each parameter with its value percent-encoded once, and nothing else", () => {
    const name = fc.stringMatching(/^[A-Za-z][\w-]{0,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.string(), (names, value) => {
        const template = names.map((n) => `/x/{${n}}`).join("");
        const filled = fillPath(template, () => value);
        expect(filled).toBe(names.map(() => `/x/${encodeURIComponent(value)}`).join(""));
      }),
    );
  });

  it("read a start's path as the generator did", () => {
    for (const start of Object.values(starts))
      expect(pathParameterNames(start.path)).toEqual(Object.keys(start.fields));
  });
});

describe("operationsOf", () => {
  it("gives a path item's operations in OpenAPI's method order, and nothing that is no method", () => {
    const item = { parameters: [], post: "p", get: "g", trace: "t", summary: "s" };
    expect(operationsOf(item as never)).toEqual([
      ["get", "g"],
      ["post", "p"],
      ["trace", "t"],
    ]);
    expect(METHODS.indexOf("get")).toBeLessThan(METHODS.indexOf("post"));
  });
});

describe("mergeParameters", () => {
  it("lets an operation's parameter replace the path item's of the same place and name only", () => {
    const item = [
      { in: "path", name: "id", from: "item" },
      { in: "query", name: "id", from: "item" },
    ];
    const own = [{ in: "path", name: "id", from: "operation" }];
    expect(mergeParameters(item, own)).toEqual([item[1], own[0]]);
  });
});

// sharedLiteral: the data module's and the mock module's way of writing data, each repeated part once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { type SharedLiteral, sharedLiteral } from "../../scripts/lib/shared-literal.ts";
import { jsonData } from "../support/json-data.ts";

/** `literal`'s declarations and expression run as code (their `as const` aside), and the value they make. */
const evaluate = ({ declarations, expression }: SharedLiteral) =>
  new Function(`${declarations.map((d) => d.replace(/ as const;$/, ";")).join("\n")}\nreturn ${expression};`)();

/** A part past the threshold below which parts are written where they are used. */
const part = {
  type: "string",
  enum: ["a", "b", "c", "d", "e", "f"],
  title: "a part longer than the sharing threshold ".repeat(8),
};

describe("sharedLiteral", () => {
  it("writes data as code that makes the same value: a __proto__ key stays a key, shared parts shared", () => {
    const value = JSON.parse(
      `{"__proto__":{"polluted":true},"x":${JSON.stringify(part)},"y":[${JSON.stringify(part)},"\\u2028\\");"]}`,
    );
    for (const indent of [0, 2]) {
      const literal = sharedLiteral(value, { indent });
      expect(literal.declarations).toHaveLength(1);
      const made = evaluate(literal) as Record<string, unknown>;
      expect(made).toEqual(value);
      expect(Object.hasOwn(made, "__proto__")).toBe(true);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect((made.y as unknown[])[0]).toBe(made.x);
    }
  });

  it("evaluates back to any JSON value, every key kept, in either layout", () => {
    fc.assert(
      fc.property(jsonData(part), fc.constantFrom(0, 2), (value, indent) => {
        const data = JSON.parse(JSON.stringify(value));
        const literal = sharedLiteral(data, { indent });
        expect(JSON.stringify(evaluate(literal))).toBe(JSON.stringify(data));
        // Unshared, the layout is JSON's (a __proto__ key aside); `chars` is JSON's size, every part written out.
        // Unescaped, `["__proto__"]` can only be a key: a string's quotes are escaped.
        const unshared = literal.expression.replaceAll('["__proto__"]', '"__proto__"');
        if (literal.declarations.length === 0) expect(unshared).toBe(JSON.stringify(data, null, indent));
        expect(literal.chars).toBe(JSON.stringify(data, null, indent).length);
      }),
    );
  });

  it("lays the spec out as JSON.stringify(part, null, 2) does, each declared part from the margin", () => {
    const literal = sharedLiteral(spec, { indent: 2 });
    expect(literal.declarations.length).toBeGreaterThan(0);
    for (const declaration of literal.declarations) {
      const [, name, body] = declaration.match(/^const (s\d+) = ([\s\S]*) as const;$/) ?? [];
      expect(name).toBeDefined();
      // Written as JSON, named parts aside: parsed back with each name read as a string, it is laid out as JSON is.
      const asJson = (body as string).replace(/(: |^ +)(s\d+)(,?)$/gm, '$1"$2"$3');
      expect(asJson).toBe(JSON.stringify(JSON.parse(asJson), null, 2));
    }
    expect(JSON.stringify(evaluate(literal))).toBe(JSON.stringify(spec));
    expect(literal.chars).toBe(JSON.stringify(spec, null, 2).length);
  });

  it("writes a part referenced a thousand times once, and counts its full size, however deep", () => {
    // Deep parts count their indentation at every level they are written at, as JSON.stringify writes them.
    let deep: object = part;
    for (let level = 0; level < 40; level++) deep = { type: "object", properties: { p: deep } };
    const value = { paths: Array.from({ length: 1_000 }, () => ({ schema: deep })) };
    const literal = sharedLiteral(value, { indent: 2 });
    const text = [...literal.declarations, literal.expression].join("\n");
    expect(text.split(part.title).length - 1).toBe(1);
    expect(literal.chars).toBe(JSON.stringify(value, null, 2).length);
  });

  it("writes a list's hole as JSON does, null", () => {
    const holey = [1, 2, 3];
    delete holey[1];
    const literal = sharedLiteral(holey);
    expect(literal.expression).toBe("[1,null,3]");
    expect(literal.chars).toBe(JSON.stringify(holey).length);
  });

  it("refuses a part that contains itself, as JSON.stringify does", () => {
    const node: Record<string, unknown> = { type: "object" };
    node.properties = { child: { items: node } };
    expect(() => sharedLiteral({ a: node })).toThrow(
      new TypeError("a part of it contains itself (a recursive schema)"),
    );
  });

  it("names a part it links (a checked schema) and pairs it, even when met once", () => {
    const schema = { type: "integer" };
    const literal = sharedLiteral({ a: { schema } }, { linked: new Map([[JSON.stringify(schema), "v9"]]) });
    expect(literal.links).toEqual([["s0", "v9"]]);
    expect(literal.declarations).toEqual(['const s0 = {"type":"integer"} as const;']);
  });
});

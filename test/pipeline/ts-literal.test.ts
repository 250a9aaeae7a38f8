import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { tsLiteral } from "../../scripts/lib/ts-literal.ts";
import { jsonData } from "../support/json-data.ts";

/** Evaluates an emitted literal (its `as const` aside, it is JavaScript). */
const evaluate = (literal: string): unknown => new Function(`return (${literal});`)();

describe("tsLiteral", () => {
  it("keeps a key named __proto__ as data, at any depth", () => {
    const data = JSON.parse('{"__proto__": {"type": "string"}, "a": [{"__proto__": 1}]}');
    const literal = tsLiteral(data);
    expect(literal).toContain('["__proto__"]: {');
    const back = evaluate(literal) as Record<string, unknown>;
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back).toEqual(data);
  });

  it("evaluates back to any JSON value, every key kept", () => {
    fc.assert(
      fc.property(jsonData(), (value) => {
        const data = JSON.parse(JSON.stringify(value));
        expect(JSON.stringify(evaluate(tsLiteral(data)))).toBe(JSON.stringify(data));
      }),
    );
  });

  it("lays data out as JSON.stringify(value, null, 2) does, so the generated files read as before", () => {
    expect(tsLiteral(spec)).toBe(JSON.stringify(spec, null, 2));
    expect(tsLiteral({ a: [], b: {}, c: [1, { d: null }] })).toBe(
      JSON.stringify({ a: [], b: {}, c: [1, { d: null }] }, null, 2),
    );
  });
});

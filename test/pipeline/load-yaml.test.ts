import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { UnsafeSpecError } from "../../scripts/lib/errors.ts";
import { ALIAS_BUDGET, loadYaml } from "../../scripts/lib/load-yaml.ts";
import { aliasBomb } from "./hostile-specs.ts";

describe("loadYaml", () => {
  it("refuses an alias bomb in well under a second, naming the file", () => {
    const started = performance.now();
    expect(() => loadYaml(aliasBomb(), "spec/bomb.yaml")).toThrow(UnsafeSpecError);
    expect(() => loadYaml(aliasBomb(), "spec/bomb.yaml")).toThrow(/^spec\/bomb\.yaml: refused: its YAML aliases/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("refuses an alias that contains itself (it expands without end)", () => {
    expect(() => loadYaml("a: &a [1, *a]\n", "loop.yaml")).toThrow(UnsafeSpecError);
  });

  it("accepts aliases that expand within the budget", () => {
    const shared = `base: &base { type: string, description: "${"x".repeat(20)}" }\n`;
    const uses = Array.from({ length: 200 }, (_, i) => `p${i}: *base`).join("\n");
    const doc = loadYaml(`${shared}${uses}\n`, "ok.yaml") as Record<string, unknown>;
    expect(doc.p199).toEqual({ type: "string", description: "x".repeat(20) });
  });

  it("refuses just past the budget, and accepts just under it", () => {
    // One list of n strings, aliased `copies` times: n * copies values added by aliases.
    const doc = (n: number, copies: number) =>
      `a: &a [${Array(n).fill("1").join(",")}]\nb: [${Array(copies).fill("*a").join(",")}]\n`;
    expect(() => loadYaml(doc(1_000, Math.floor(ALIAS_BUDGET / 1_000) - 1), "under.yaml")).not.toThrow();
    expect(() => loadYaml(doc(1_000, Math.floor(ALIAS_BUDGET / 1_000) + 10), "over.yaml")).toThrow(UnsafeSpecError);
  });

  it("reads any JSON-compatible document written out (no aliases) as it was", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Normalised through JSON: -0 and 0 are one number in YAML.
        const data = JSON.parse(JSON.stringify(value));
        expect(loadYaml(dump(data, { noRefs: true }), "any.yaml")).toEqual(data);
        expect(loadYaml(JSON.stringify(data), "any.json")).toEqual(data);
      }),
    );
  });

  it("keeps an unquoted date a string, so a spec equals itself", () => {
    expect(loadYaml("enum: [2023-06-01]\n", "dates.yaml")).toEqual({ enum: ["2023-06-01"] });
  });
});

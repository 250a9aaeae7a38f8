import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../scripts/lib/spec-source.ts";
import { compareWithUpstream } from "../../scripts/lib/upstream/compare.ts";
import { extract } from "../../scripts/lib/upstream/extract.ts";
import { SLICE_PATH } from "../../scripts/lib/upstream/fixture.ts";
import { describeType, flatten } from "../../scripts/lib/upstream/shape.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// Microsoft's file may hold schemas that reach themselves: an array of itself, an allOf cycle.
const read = (path: string) => parseSpec(readFileSync(path, "utf8"), path);
const CURATED = read(join(PROJECT_DIR, "spec/graph-lro.yaml"));
const LRO = "microsoft.graph.longRunningOperation";
const SELF = "microsoft.graph.zzSelfList";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("spec:upstream on recursive schemas", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary nodes of a parsed spec
  const upstream: any = read(SLICE_PATH);
  const { schemas } = upstream.components;
  schemas[SELF] = { type: "array", items: ref(SELF) };
  // Microsoft's entity writes its own properties in its second allOf member, after its parent.
  schemas[LRO].allOf[1].properties.statusDetail = ref(SELF);
  schemas[LRO].allOf.push(ref(LRO));

  it("compares them, naming the schema that holds itself, instead of overflowing the stack", () => {
    const drifts = compareWithUpstream(upstream, CURATED, extract(upstream, CURATED));
    expect(drifts).toContainEqual(
      expect.objectContaining({ kind: "type-differs", message: `type upstream array<${SELF}>, curated null|string` }),
    );
  });

  it("describeType names a schema inside itself, or gives its pointer when it has no name", () => {
    expect(describeType(upstream, ref(SELF))).toBe(`array<${SELF}>`);
    const loose = { $defs: { a: { type: "array", items: { $ref: "#/$defs/a" } } } };
    expect(describeType(loose, { $ref: "#/$defs/a" })).toBe("array<recursive(/$defs/a)>");
  });

  it("flatten merges each allOf parent once, a cycle adding nothing more", () => {
    const doc = {
      components: {
        schemas: {
          a: { allOf: [ref("b")], properties: { x: {} }, required: ["x"] },
          b: { allOf: [ref("a")], properties: { y: {} } },
        },
      },
    };
    const flat = flatten(doc, ref("a"), "");
    expect([...flat.properties.keys()].sort()).toEqual(["x", "y"]);
    expect([...flat.required]).toEqual(["x"]);
  });
});

import { describe, expect, it } from "vitest";
import { TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import { ALLOW_KEY, applyAllowList, readAllowList } from "../../scripts/lib/upstream/allow-list.ts";
import { compareWithUpstream, DRIFT_KINDS, type Drift } from "../../scripts/lib/upstream/compare.ts";
import { extract } from "../../scripts/lib/upstream/extract.ts";
import { describeType, flatten } from "../../scripts/lib/upstream/shape.ts";

// spec:upstream's comparison on a small pair of its own (names no Graph addition can take), one kind of
// drift per case, so each is seen on its own: the shipped spec's fidelity is test/fidelity's.
// biome-ignore lint/suspicious/noExplicitAny: the cases edit arbitrary nodes of a parsed spec
type Spec = any;

const PATH = `/${TEST_PREFIX}items/{item-id}`;
const OP = `/paths/${PATH.replaceAll("/", "~1")}/get`;
const ITEM = `${TEST_PREFIX}item`;
const STATUS = `${TEST_PREFIX}status`;
const ITEM_AT = `/components/schemas/${ITEM}`;
const STATUS_AT = `/components/schemas/${STATUS}`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

/** The same document for both sides, until a case edits one. */
const base = (): Spec => ({
  paths: {
    [PATH]: {
      get: {
        parameters: [
          { name: "item-id", in: "path", required: true, schema: { type: "string" } },
          { name: "$select", in: "query", schema: { type: "array", items: { type: "string" } } },
        ],
        responses: { "200": { description: "OK", ...json(ref(ITEM)) }, "404": { description: "Not found." } },
      },
    },
  },
  components: {
    schemas: {
      [ITEM]: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string" },
          status: ref(STATUS),
          mode: { type: "string", enum: ["fast", "slow"] },
          size: { type: "integer", format: "int32" },
        },
      },
      [STATUS]: { type: "string", enum: ["on", "off"] },
    },
  },
});

const get = (doc: Spec) => doc.paths[PATH].get;
const item = (doc: Spec) => doc.components.schemas[ITEM];
const drifts = (upstream: Spec, curated: Spec) => compareWithUpstream(upstream, curated, extract(upstream, curated));

interface Case {
  name: string;
  upstream?: (doc: Spec) => void;
  curated?: (doc: Spec) => void;
  expected: Drift[];
}

const cases: Case[] = [
  { name: "the same document", expected: [] },
  {
    name: "a response code only upstream",
    upstream: (d) => {
      get(d).responses["409"] = { description: "Conflict." };
    },
    expected: [
      { kind: "response-missing", pointer: `${OP}/responses`, name: "409", message: "response 409 only upstream" },
    ],
  },
  {
    name: "a response code only curated",
    curated: (d) => {
      get(d).responses["409"] = { description: "Conflict." };
    },
    expected: [
      { kind: "response-extra", pointer: `${OP}/responses`, name: "409", message: "response 409 only curated" },
    ],
  },
  {
    name: "ranges upstream that cover the curated codes",
    upstream: (d) => {
      const { responses } = get(d);
      get(d).responses = { "2XX": responses["200"], "4xx": responses["404"] };
    },
    expected: [],
  },
  {
    name: "a range curated that covers the codes upstream",
    curated: (d) => {
      const { responses } = get(d);
      get(d).responses = { "2XX": responses["200"], "4XX": responses["404"] };
    },
    expected: [],
  },
  {
    name: "an exact code is preferred to a range, and another type there differs",
    upstream: (d) => {
      get(d).responses["2XX"] = { description: "OK", ...json({ type: "string" }) };
    },
    curated: (d) => {
      get(d).responses["201"] = { description: "Created.", ...json({ type: "boolean" }) };
    },
    expected: [
      {
        kind: "type-differs",
        pointer: `${OP}/responses/201/content/application~1json/schema`,
        message: "type upstream string, curated boolean",
      },
    ],
  },
  {
    name: "a curated range is compared with the same range upstream, not with a code it covers",
    upstream: (d) => {
      get(d).responses["2XX"] = get(d).responses["200"];
      get(d).responses["200"] = { description: "OK", ...json({ type: "string" }) };
    },
    curated: (d) => {
      const { responses } = get(d);
      get(d).responses = { "2XX": responses["200"], "404": responses["404"] };
    },
    expected: [],
  },
  {
    name: "a parameter required only curated",
    curated: (d) => {
      get(d).parameters[1].required = true;
    },
    expected: [
      {
        kind: "parameter-required-differs",
        pointer: `${OP}/parameters/1`,
        message: "$select: required upstream false, curated true",
      },
    ],
  },
  {
    name: "a parameter required only upstream",
    upstream: (d) => {
      get(d).parameters[1].required = true;
    },
    expected: [
      {
        kind: "parameter-required-differs",
        pointer: `${OP}/parameters/1`,
        message: "$select: required upstream true, curated false",
      },
    ],
  },
  {
    name: "a parameter's type differs",
    upstream: (d) => {
      get(d).parameters[1].schema = { type: "string" };
    },
    expected: [
      {
        kind: "type-differs",
        pointer: `${OP}/parameters/1/schema`,
        message: "type upstream string, curated array<string>",
      },
    ],
  },
  {
    name: "a parameter only upstream, another only curated",
    upstream: (d) => {
      get(d).parameters.push({ name: `${TEST_PREFIX}count`, in: "query", schema: { type: "boolean" } });
    },
    curated: (d) => {
      get(d).parameters.push({ name: `${TEST_PREFIX}top`, in: "query", schema: { type: "integer" } });
    },
    expected: [
      {
        kind: "parameter-missing",
        pointer: `${OP}/parameters`,
        name: `${TEST_PREFIX}count`,
        message: `query parameter ${TEST_PREFIX}count only upstream`,
      },
      {
        kind: "parameter-extra",
        pointer: `${OP}/parameters/2`,
        name: `${TEST_PREFIX}top`,
        message: `query parameter ${TEST_PREFIX}top only curated`,
      },
    ],
  },
  {
    name: "a property only upstream, another only curated",
    upstream: (d) => {
      item(d).properties[`${TEST_PREFIX}etag`] = { type: "string" };
    },
    curated: (d) => {
      item(d).properties[`${TEST_PREFIX}note`] = { type: "string" };
    },
    expected: [
      {
        kind: "property-missing",
        pointer: `${ITEM_AT}/properties/${TEST_PREFIX}etag`,
        message: `${ITEM}.${TEST_PREFIX}etag only upstream`,
      },
      {
        kind: "property-extra",
        pointer: `${ITEM_AT}/properties/${TEST_PREFIX}note`,
        message: `${ITEM}.${TEST_PREFIX}note only curated`,
      },
    ],
  },
  {
    name: "a property's format differs",
    upstream: (d) => {
      item(d).properties.size.format = "int64";
    },
    expected: [
      {
        kind: "type-differs",
        pointer: `${ITEM_AT}/properties/size`,
        message: "type upstream integer(int64), curated integer(int32)",
      },
    ],
  },
  {
    name: "a property required only upstream, another only curated",
    upstream: (d) => {
      item(d).required.push("size");
    },
    curated: (d) => {
      item(d).required.push("mode");
    },
    expected: [
      {
        kind: "required-extra",
        pointer: `${ITEM_AT}/required`,
        name: "mode",
        message: `${ITEM}.mode required only curated`,
      },
      {
        kind: "required-missing",
        pointer: `${ITEM_AT}/required`,
        name: "size",
        message: `${ITEM}.size required only upstream`,
      },
    ],
  },
  {
    name: "a property's enum value only upstream, another only curated",
    upstream: (d) => {
      item(d).properties.mode.enum.push(`${TEST_PREFIX}eco`);
    },
    curated: (d) => {
      item(d).properties.mode.enum.push(`${TEST_PREFIX}turbo`);
    },
    expected: [
      {
        kind: "enum-value-missing",
        pointer: `${ITEM_AT}/properties/mode/enum`,
        name: `${TEST_PREFIX}eco`,
        message: `enum value ${TEST_PREFIX}eco only upstream`,
      },
      {
        kind: "enum-value-extra",
        pointer: `${ITEM_AT}/properties/mode/enum`,
        name: `${TEST_PREFIX}turbo`,
        message: `enum value ${TEST_PREFIX}turbo only curated`,
      },
    ],
  },
  {
    name: "enum values only curated, and a response only upstream: by pointer, then by name",
    upstream: (d) => {
      get(d).responses["409"] = { description: "Conflict." };
    },
    curated: (d) => {
      d.components.schemas[STATUS].enum.push(`${TEST_PREFIX}z`, `${TEST_PREFIX}a`);
    },
    expected: [
      {
        kind: "enum-value-extra",
        pointer: `${STATUS_AT}/enum`,
        name: `${TEST_PREFIX}a`,
        message: `enum value ${TEST_PREFIX}a only curated`,
      },
      {
        kind: "enum-value-extra",
        pointer: `${STATUS_AT}/enum`,
        name: `${TEST_PREFIX}z`,
        message: `enum value ${TEST_PREFIX}z only curated`,
      },
      { kind: "response-missing", pointer: `${OP}/responses`, name: "409", message: "response 409 only upstream" },
    ],
  },
  {
    name: "an operation Microsoft's file does not have",
    upstream: (d) => {
      delete d.paths[PATH].get;
    },
    expected: [{ kind: "operation-missing-upstream", pointer: OP, message: "Microsoft's file has no such operation" }],
  },
  {
    name: "Microsoft's inheritance through allOf, flat in the curated spec",
    upstream: (d) => {
      const { id, ...own } = item(d).properties;
      d.components.schemas[`${TEST_PREFIX}entity`] = { type: "object", required: ["id"], properties: { id } };
      d.components.schemas[ITEM] = {
        allOf: [ref(`${TEST_PREFIX}entity`), { type: "object", properties: own }],
      };
    },
    expected: [],
  },
  {
    name: "a curated spec without components (its response inline)",
    curated: (d) => {
      get(d).responses["200"] = { description: "OK", ...json({ type: "object" }) };
      delete d.components;
    },
    expected: [
      {
        kind: "type-differs",
        pointer: `${OP}/responses/200/content/application~1json/schema`,
        message: `type upstream ${ITEM}, curated object`,
      },
    ],
  },
  {
    name: "a property's type differs inside a curated allOf member",
    curated: (d) => {
      const { size, ...own } = item(d).properties;
      item(d).properties = own;
      item(d).allOf = [{ properties: { size: { ...size, type: "number" } } }];
    },
    expected: [
      {
        kind: "type-differs",
        pointer: `${ITEM_AT}/allOf/0/properties/size`,
        message: "type upstream integer(int32), curated number(int32)",
      },
    ],
  },
];

describe("spec:upstream's comparison", () => {
  it.for(cases)("$name", ({ upstream: editUpstream, curated: editCurated, expected }) => {
    const [upstream, curated] = [base(), base()];
    editUpstream?.(upstream);
    editCurated?.(curated);
    // Strict: a drift without a name has no `name` key at all (reports and allow entries match on it).
    expect(drifts(upstream, curated)).toStrictEqual(expected);
  });

  it("reports every kind of drift in some case, and an allow entry of each kind accepts it", () => {
    const kinds = new Set<string>();
    for (const { upstream: editUpstream, curated: editCurated } of cases) {
      const [upstream, curated] = [base(), base()];
      editUpstream?.(upstream);
      editCurated?.(curated);
      const found = drifts(upstream, curated);
      for (const drift of found) kinds.add(drift.kind);
      curated[ALLOW_KEY] = found.map((d) => ({ ...d, reason: "a test" }));
      expect(applyAllowList(found, readAllowList(curated))).toEqual({ drift: [], allowed: found, unused: [] });
    }
    expect([...kinds].sort()).toEqual([...DRIFT_KINDS].sort());
  });
});

describe("describeType", () => {
  const doc = {
    components: {
      schemas: {
        [ITEM]: { type: "object", properties: { id: { type: "string" } } },
        [`${TEST_PREFIX}derived`]: { allOf: [ref(ITEM)] },
        [STATUS]: { type: "string", enum: ["on"] },
        [`${TEST_PREFIX}text`]: { type: "string", format: "email" },
      },
    },
  };
  it.for([
    ["a non-schema", "x", "any"],
    ["no type", {}, "any"],
    ["a named object", ref(ITEM), ITEM],
    ["a named allOf", ref(`${TEST_PREFIX}derived`), `${TEST_PREFIX}derived`],
    ["a named enum", ref(STATUS), STATUS],
    ["a plain named schema, followed", ref(`${TEST_PREFIX}text`), "string(email)"],
    ["oneOf with Graph's null", { oneOf: [{ type: "integer" }, { type: "object", nullable: true }] }, "integer|null"],
    [
      "an object with properties is no null",
      { anyOf: [{ type: "object", nullable: true, properties: {} }] },
      "null|object",
    ],
    ["allOf of one member", { allOf: [{ type: "boolean" }] }, "boolean"],
    ["allOf of two members, not unwrapped", { allOf: [{ type: "boolean" }, { type: "string" }] }, "any"],
    ["3.1 null with a format", { type: ["null", "string"], format: "uri" }, "null|string(uri)"],
    ["an array without items", { type: "array" }, "array<any>"],
    ["a 3.0 nullable string member is no null", { anyOf: [{ type: "string", nullable: true }] }, "null|string"],
    ["an object member is no null", { anyOf: [{ type: "object" }] }, "object"],
    ["3.1's null member", { anyOf: [{ type: "null" }, { type: "string" }] }, "null|string"],
  ] as const)("%s", ([, schema, expected]) => {
    expect(describeType(doc, schema)).toBe(expected);
  });

  it("names only schemas under the root's components/schemas", () => {
    const nested = { $defs: { components: { schemas: { x: { type: "object", properties: {} } } } } };
    expect(describeType(nested, { $ref: "#/$defs/components/schemas/x" })).toBe("object");
  });
});

describe("flatten", () => {
  it("takes an enum from an allOf parent, unless the schema has its own", () => {
    const doc = {
      components: {
        schemas: {
          parent: { type: "string", enum: ["a", "b"] },
          child: { allOf: [ref("parent")] },
          own: { allOf: [ref("parent")], enum: ["a"] },
        },
      },
    };
    expect(flatten(doc, ref("child"), "").enum).toEqual(["a", "b"]);
    expect(flatten(doc, ref("own"), "").enum).toEqual(["a"]);
  });
});

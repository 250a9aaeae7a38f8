// Where the curated spec differs from Microsoft's: properties, types, enum values, parameters, responses.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Node, type Operation, parameters } from "../openapi.ts";
import type { Extract } from "./extract.ts";
import { describeType, flatten } from "./shape.ts";

export interface Drift {
  /** For example `property-extra`: `missing` means only Microsoft's file has it, `extra` only ours. */
  kind: string;
  /** In the curated spec: where the difference is, or where the missing thing would go. */
  pointer: string;
  /** The property, parameter, enum value or status code, when the pointer alone is not enough. */
  name?: string;
  message: string;
}

export function compareWithUpstream(upstream: Node, curated: Node, extracted: Extract): Drift[] {
  const drifts = new Map<string, Drift>();
  const add = (drift: Drift) => drifts.set(`${drift.kind} ${drift.pointer} ${drift.name ?? ""}`, drift);
  for (const { curated: op, upstream: up } of extracted.pairs) {
    if (!up)
      add({
        kind: "operation-missing-upstream",
        pointer: op.pointer,
        message: "Microsoft's file has no such operation",
      });
    else compareOperation(upstream, curated, op, up, add);
  }
  const curatedSchemas =
    isNode(curated.components) && isNode(curated.components.schemas) ? curated.components.schemas : {};
  for (const name of extracted.schemas) {
    if (name in curatedSchemas) compareSchema(upstream, curated, name, add);
  }
  return [...drifts.values()].sort(
    (a, b) => a.pointer.localeCompare(b.pointer) || (a.name ?? "").localeCompare(b.name ?? ""),
  );
}

type Add = (drift: Drift) => void;

function compareOperation(upstream: Node, curated: Node, op: Operation, up: Operation, add: Add) {
  const ours = parameters(curated, op);
  const theirs = parameters(upstream, up);
  for (const [key, p] of theirs) {
    const q = ours.get(key);
    const name = String(p.node.name);
    if (!q) {
      add({
        kind: "parameter-missing",
        pointer: `${op.pointer}/parameters`,
        name,
        message: `${p.node.in} parameter ${name} only upstream`,
      });
      continue;
    }
    if ((p.node.required === true) !== (q.node.required === true)) {
      add({
        kind: "parameter-required-differs",
        pointer: q.pointer,
        message: `${name}: required upstream ${p.node.required === true}, curated ${q.node.required === true}`,
      });
    }
    compareType(
      describeType(upstream, p.node.schema),
      describeType(curated, q.node.schema),
      `${q.pointer}/schema`,
      add,
    );
  }
  for (const [key, q] of ours) {
    if (!theirs.has(key))
      add({
        kind: "parameter-extra",
        pointer: q.pointer,
        name: String(q.node.name),
        message: `${q.node.in} parameter ${q.node.name} only curated`,
      });
  }
  compareResponses(upstream, curated, op, up, add);
}

/** `2XX` upstream and `200` curated describe the same responses, so codes match within their range. */
const covers = (range: string, code: string) => range === code || range.toUpperCase() === `${code[0]}XX`;

function compareResponses(upstream: Node, curated: Node, op: Operation, up: Operation, add: Add) {
  const ours = isNode(op.node.responses) ? op.node.responses : {};
  const theirs = isNode(up.node.responses) ? up.node.responses : {};
  const at = `${op.pointer}/responses`;
  for (const code of Object.keys(theirs)) {
    if (!Object.keys(ours).some((c) => covers(code, c) || covers(c, code))) {
      add({ kind: "response-missing", pointer: at, name: code, message: `response ${code} only upstream` });
    }
  }
  for (const [code, raw] of Object.entries(ours)) {
    const match =
      Object.keys(theirs).find((c) => c === code) ??
      Object.keys(theirs).find((c) => covers(c, code) || covers(code, c));
    if (!match) {
      add({ kind: "response-extra", pointer: at, name: code, message: `response ${code} only curated` });
      continue;
    }
    const schema = (doc: Node, node: unknown) => {
      const content = deref(doc, node, "").node.content;
      return isNode(content) && isNode(content["application/json"]) ? content["application/json"].schema : undefined;
    };
    const pointer = `${childPointer(at, code)}/content/application~1json/schema`;
    compareType(
      describeType(upstream, schema(upstream, theirs[match])),
      describeType(curated, schema(curated, raw)),
      pointer,
      add,
    );
  }
}

function compareType(upstream: string, curated: string, pointer: string, add: Add) {
  if (upstream !== curated)
    add({ kind: "type-differs", pointer, message: `type upstream ${upstream}, curated ${curated}` });
}

function compareSchema(upstream: Node, curated: Node, name: string, add: Add) {
  const ref = { $ref: `#/components/schemas/${name}` };
  const theirs = flatten(upstream, ref, "");
  const ours = flatten(curated, ref, "");
  for (const [prop, p] of theirs.properties) {
    const q = ours.properties.get(prop);
    if (!q) {
      add({
        kind: "property-missing",
        pointer: childPointer(ours.pointer, "properties", prop),
        message: `${name}.${prop} only upstream`,
      });
      continue;
    }
    compareType(describeType(upstream, p.node), describeType(curated, q.node), q.pointer, add);
    compareEnum(p.node.enum, q.node.enum, `${q.pointer}/enum`, add);
  }
  for (const [prop, q] of ours.properties) {
    if (!theirs.properties.has(prop))
      add({ kind: "property-extra", pointer: q.pointer, message: `${name}.${prop} only curated` });
  }
  for (const prop of new Set([...theirs.required, ...ours.required])) {
    if (theirs.required.has(prop) === ours.required.has(prop)) continue;
    const kind = theirs.required.has(prop) ? "required-missing" : "required-extra";
    add({
      kind,
      pointer: `${ours.pointer}/required`,
      name: prop,
      message: `${name}.${prop} required ${kind === "required-missing" ? "only upstream" : "only curated"}`,
    });
  }
  compareEnum(theirs.enum, ours.enum, `${ours.pointer}/enum`, add);
}

function compareEnum(upstream: unknown, curated: unknown, pointer: string, add: Add) {
  const theirs = Array.isArray(upstream) ? upstream.map(String) : [];
  const ours = Array.isArray(curated) ? curated.map(String) : [];
  for (const value of theirs) {
    if (!ours.includes(value))
      add({ kind: "enum-value-missing", pointer, name: value, message: `enum value ${value} only upstream` });
  }
  for (const value of ours) {
    if (!theirs.includes(value))
      add({ kind: "enum-value-extra", pointer, name: value, message: `enum value ${value} only curated` });
  }
}

// Where the curated spec differs from Microsoft's: properties, types, enum values, parameters, responses.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Node, type Operation, parameters } from "../openapi.ts";
import type { Extract } from "./extract.ts";
import { describeType, flatten } from "./shape.ts";

/** Every kind of drift: `missing` means only Microsoft's file has it, `extra` only ours. */
export const DRIFT_KINDS = [
  "operation-missing-upstream",
  "parameter-missing",
  "parameter-extra",
  "parameter-required-differs",
  "response-missing",
  "response-extra",
  "type-differs",
  "property-missing",
  "property-extra",
  "required-missing",
  "required-extra",
  "enum-value-missing",
  "enum-value-extra",
] as const;

export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface Drift {
  kind: DriftKind;
  /** In the curated spec: where the difference is, or where the missing thing would go. */
  pointer: string;
  /** The property, parameter, enum value or status code, when the pointer alone is not enough. */
  name?: string;
  message: string;
}

/** What one comparison needs: both documents, and where its drift goes (each drift once). */
interface Context {
  upstream: Node;
  curated: Node;
  drifts: Map<string, Drift>;
}

function add(ctx: Context, kind: DriftKind, pointer: string, message: string, name?: string) {
  ctx.drifts.set(`${kind} ${pointer} ${name ?? ""}`, { kind, pointer, message, ...(name !== undefined && { name }) });
}

/** Every drift between the curated spec and Microsoft's file, over what `extracted` pairs and reaches. */
export function compareWithUpstream(upstream: Node, curated: Node, extracted: Extract): Drift[] {
  const ctx: Context = { upstream, curated, drifts: new Map() };
  for (const { curated: op, upstream: up } of extracted.pairs) {
    if (up) compareOperation(ctx, op, up);
    else add(ctx, "operation-missing-upstream", op.pointer, "Microsoft's file has no such operation");
  }
  const curatedSchemas =
    isNode(curated.components) && isNode(curated.components.schemas) ? curated.components.schemas : {};
  for (const name of extracted.schemas) {
    if (Object.hasOwn(curatedSchemas, name)) compareSchema(ctx, name);
  }
  return [...ctx.drifts.values()].sort(
    (a, b) => a.pointer.localeCompare(b.pointer) || (a.name ?? "").localeCompare(b.name ?? ""),
  );
}

function compareOperation(ctx: Context, op: Operation, up: Operation) {
  const ours = parameters(ctx.curated, op);
  const theirs = parameters(ctx.upstream, up);
  for (const [key, p] of theirs) {
    const q = ours.get(key);
    const name = String(p.node.name);
    if (!q) {
      add(ctx, "parameter-missing", `${op.pointer}/parameters`, `${p.node.in} parameter ${name} only upstream`, name);
      continue;
    }
    const [required, curatedRequired] = [p.node.required === true, q.node.required === true];
    if (required !== curatedRequired) {
      const message = `${name}: required upstream ${required}, curated ${curatedRequired}`;
      add(ctx, "parameter-required-differs", q.pointer, message);
    }
    compareType(ctx, p.node.schema, q.node.schema, `${q.pointer}/schema`);
  }
  for (const [key, q] of ours) {
    if (theirs.has(key)) continue;
    const name = String(q.node.name);
    add(ctx, "parameter-extra", q.pointer, `${q.node.in} parameter ${name} only curated`, name);
  }
  compareResponses(ctx, op, up);
}

/** `2XX` upstream and `200` curated describe the same responses, so codes match within their range. */
const covers = (range: string, code: string) => range === code || range.toUpperCase() === `${code[0]}XX`;

function compareResponses(ctx: Context, op: Operation, up: Operation) {
  const ours = isNode(op.node.responses) ? op.node.responses : {};
  const theirs = isNode(up.node.responses) ? up.node.responses : {};
  const at = `${op.pointer}/responses`;
  for (const code of Object.keys(theirs)) {
    if (!Object.keys(ours).some((c) => covers(code, c) || covers(c, code))) {
      add(ctx, "response-missing", at, `response ${code} only upstream`, code);
    }
  }
  const schema = (doc: Node, node: unknown) => {
    const content = deref(doc, node, "").node.content;
    return isNode(content) && isNode(content["application/json"]) ? content["application/json"].schema : undefined;
  };
  for (const [code, raw] of Object.entries(ours)) {
    const match =
      Object.keys(theirs).find((c) => c === code) ??
      Object.keys(theirs).find((c) => covers(c, code) || covers(code, c));
    if (!match) {
      add(ctx, "response-extra", at, `response ${code} only curated`, code);
      continue;
    }
    const pointer = childPointer(at, code, "content", "application/json", "schema");
    compareType(ctx, schema(ctx.upstream, theirs[match]), schema(ctx.curated, raw), pointer);
  }
}

/** Compares two schemas' types, described the same way in both dialects. */
function compareType(ctx: Context, upstreamSchema: unknown, curatedSchema: unknown, pointer: string) {
  const upstream = describeType(ctx.upstream, upstreamSchema);
  const curated = describeType(ctx.curated, curatedSchema);
  if (upstream !== curated) add(ctx, "type-differs", pointer, `type upstream ${upstream}, curated ${curated}`);
}

function compareSchema(ctx: Context, name: string) {
  const ref = { $ref: `#/components/schemas/${name}` };
  const theirs = flatten(ctx.upstream, ref, "");
  const ours = flatten(ctx.curated, ref, "");
  for (const [prop, p] of theirs.properties) {
    const q = ours.properties.get(prop);
    if (!q) {
      add(ctx, "property-missing", childPointer(ours.pointer, "properties", prop), `${name}.${prop} only upstream`);
      continue;
    }
    compareType(ctx, p.node, q.node, q.pointer);
    compareEnum(ctx, p.node.enum, q.node.enum, `${q.pointer}/enum`);
  }
  for (const [prop, q] of ours.properties) {
    if (!theirs.properties.has(prop)) add(ctx, "property-extra", q.pointer, `${name}.${prop} only curated`);
  }
  for (const prop of new Set([...theirs.required, ...ours.required])) {
    if (theirs.required.has(prop) === ours.required.has(prop)) continue;
    const upstreamOnly = theirs.required.has(prop);
    const message = `${name}.${prop} required ${upstreamOnly ? "only upstream" : "only curated"}`;
    add(ctx, upstreamOnly ? "required-missing" : "required-extra", `${ours.pointer}/required`, message, prop);
  }
  compareEnum(ctx, theirs.enum, ours.enum, `${ours.pointer}/enum`);
}

function compareEnum(ctx: Context, upstream: unknown, curated: unknown, pointer: string) {
  const theirs = Array.isArray(upstream) ? upstream.map(String) : [];
  const ours = Array.isArray(curated) ? curated.map(String) : [];
  for (const value of theirs) {
    if (!ours.includes(value)) add(ctx, "enum-value-missing", pointer, `enum value ${value} only upstream`, value);
  }
  for (const value of ours) {
    if (!theirs.includes(value)) add(ctx, "enum-value-extra", pointer, `enum value ${value} only curated`, value);
  }
}

// Normalises schemas of both dialects (Microsoft's OpenAPI 3.0, our 3.1) to comparable shapes.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Located, type Node, typeSet } from "../openapi.ts";

/** A schema with its `allOf` parents merged in: Microsoft's entities inherit `id` from `microsoft.graph.entity`. */
export interface Flat {
  pointer: string;
  properties: Map<string, Located>;
  required: Set<string>;
  enum?: unknown[];
}

/**
 * `raw` with its `allOf` parents merged in. A parent already being merged (an `allOf` cycle, which
 * Microsoft's file may hold) adds nothing more: `within` holds the pointers of the schemas on the way.
 */
export function flatten(doc: Node, raw: unknown, pointer: string, within: ReadonlySet<string> = new Set()): Flat {
  const { node, pointer: at } = deref(doc, raw, pointer);
  const flat: Flat = { pointer: at, properties: new Map(), required: new Set() };
  if (within.has(at)) return flat;
  const inside = new Set([...within, at]);
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((member, i) => {
      const parent = flatten(doc, member, `${at}/allOf/${i}`, inside);
      for (const [name, prop] of parent.properties) flat.properties.set(name, prop);
      for (const name of parent.required) flat.required.add(name);
      flat.enum ??= parent.enum;
    });
  }
  for (const [name, prop] of Object.entries(isNode(node.properties) ? node.properties : {})) {
    flat.properties.set(name, { node: prop as Node, pointer: childPointer(at, "properties", name) });
  }
  for (const name of Array.isArray(node.required) ? node.required : []) flat.required.add(String(name));
  if (Array.isArray(node.enum)) flat.enum = node.enum;
  return flat;
}

/** Graph's generator writes "or null" as an `anyOf` member `{type: object, nullable: true}` (3.1's `{type: "null"}` describes itself). */
function isNullMember(node: Node): boolean {
  return node.type === "object" && node.nullable === true && node.properties === undefined;
}

/**
 * A type as one comparable string, such as `null|string(date-time)`, `array<string>` or
 * `microsoft.graph.longRunningOperationStatus|null`. Named object and enum schemas stay names;
 * other refs are followed, so an inline array and a `$ref` to the same array compare equal.
 */
export function describeType(doc: Node, raw: unknown, within: ReadonlySet<string> = new Set()): string {
  if (!isNode(raw)) return "any";
  if (typeof raw.$ref === "string") {
    const target = deref(doc, raw, "");
    const name = /^\/components\/schemas\/(.+)/.exec(target.pointer)?.[1];
    const named = target.node.properties || target.node.allOf || target.node.enum;
    // A schema inside itself (an array of itself, say) is named there rather than followed for ever.
    if (name && (named || within.has(target.pointer))) return name;
    if (within.has(target.pointer)) return `recursive(${target.pointer})`;
    return describeType(doc, target.node, new Set([...within, target.pointer]));
  }
  const parts = new Set<string>();
  const members = raw.anyOf ?? raw.oneOf;
  if (Array.isArray(members)) {
    for (const member of members as Node[]) {
      for (const part of isNullMember(member) ? ["null"] : describeType(doc, member, within).split("|"))
        parts.add(part);
    }
  } else if (Array.isArray(raw.allOf) && raw.allOf.length === 1) {
    return describeType(doc, raw.allOf[0], within);
  }
  for (const type of typeSet(raw) ?? []) {
    if (type === "array") parts.add(`array<${describeType(doc, raw.items, within)}>`);
    else parts.add(type !== "null" && typeof raw.format === "string" ? `${type}(${raw.format})` : type);
  }
  return parts.size ? [...parts].sort().join("|") : "any";
}

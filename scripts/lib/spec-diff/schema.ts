// Compares two versions of a schema from a client's side: what it sends (request) or reads (response).
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Located, type Node, typeSet } from "../openapi.ts";
import { type ChangeLog, compareDocs } from "./changes.ts";

export type Direction = "request" | "response";

/** The evolvable-enum member that tells clients to expect values added later (Microsoft Graph's convention). */
export const ENUM_SENTINEL = "unknownFutureValue";

export interface SchemaContext {
  log: ChangeLog;
  oldDoc: Node;
  newDoc: Node;
  direction: Direction;
  /** Pairs already compared in this direction: recursive schemas end here. */
  seen: Set<string>;
}

const show = (set: Set<unknown>) => [...set].map(String).sort().join("|");

export function compareSchema(ctx: SchemaContext, oldRaw: unknown, newRaw: unknown, oldAt: string, newAt: string) {
  const o = deref(ctx.oldDoc, oldRaw, oldAt);
  const n = deref(ctx.newDoc, newRaw, newAt);
  const key = `${ctx.direction} ${o.pointer} ${n.pointer}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);

  compareDocs(ctx.log, o.node, n.node, n.pointer);
  compareTypes(ctx, o, n);
  compareEnums(ctx, o, n);
  compareProperties(ctx, o, n);
  compareConstraints(ctx, o, n);
  if (o.node.items !== undefined && n.node.items !== undefined) {
    compareSchema(ctx, o.node.items, n.node.items, `${o.pointer}/items`, `${n.pointer}/items`);
  } else if (o.node.items !== undefined || n.node.items !== undefined) {
    // Without `items` the elements are `unknown`: as much a change of type as `type` itself.
    const removed = n.node.items === undefined;
    typeChange(ctx, `${n.pointer}/items`, `items ${removed ? "removed" : "added"}`, removed);
  }
  for (const keyword of ["allOf", "anyOf", "oneOf"]) compareComposition(ctx, o, n, keyword);
}

function compareTypes(ctx: SchemaContext, o: Located, n: Located) {
  // No `type` allows any value (generated as `unknown`), so adding or removing one changes the type too.
  const before = typeSet(o.node);
  const after = typeSet(n.node);
  const label = (set: Set<string> | undefined) => (set ? show(set) : "(any)");
  if (label(before) === label(after)) return;
  const widened = !after || (before !== undefined && [...before].every((t) => after.has(t)));
  typeChange(ctx, `${n.pointer}/type`, `type ${label(before)} → ${label(after)}`, widened);
}

function typeChange(ctx: SchemaContext, at: string, message: string, widened: boolean) {
  // A client reading a response breaks on any new or missing type (its generated types change);
  // a client sending a request only breaks when a type it may send is no longer accepted.
  if (ctx.direction === "response") ctx.log.add("breaking", "type-changed", at, message);
  else if (widened) ctx.log.add("non-breaking", "type-widened", at, message);
  else ctx.log.add("breaking", "type-narrowed", at, message);
}

function compareEnums(ctx: SchemaContext, o: Located, n: Located) {
  const before = Array.isArray(o.node.enum) ? new Set(o.node.enum) : undefined;
  const after = Array.isArray(n.node.enum) ? new Set(n.node.enum) : undefined;
  const at = `${n.pointer}/enum`;
  if (!before && !after) return;
  if (!before || !after) {
    // No enum allows any value: adding one restricts what may be sent, removing one widens what is read.
    const added = !before;
    const breaking = added === (ctx.direction === "request");
    ctx.log.add(
      breaking ? "breaking" : "non-breaking",
      added ? "enum-added" : "enum-removed",
      at,
      `enum ${added ? "added" : "removed"}`,
    );
    return;
  }
  for (const value of before) {
    if (!after.has(value))
      ctx.log.add("breaking", "enum-value-removed", at, `enum value ${JSON.stringify(value)} removed`);
  }
  const added = [...after].filter((v) => !before.has(v));
  if (!added.length) return;
  const list = added.map((v) => JSON.stringify(v)).join(", ");
  if (ctx.direction === "request") ctx.log.add("non-breaking", "enum-value-added", at, `enum value ${list} added`);
  else if (before.has(ENUM_SENTINEL)) {
    ctx.log.add(
      "non-breaking",
      "enum-value-added",
      at,
      `enum value ${list} added (clients map it to ${ENUM_SENTINEL})`,
    );
  } else {
    ctx.log.add(
      "breaking",
      "enum-value-added-no-sentinel",
      at,
      `enum value ${list} added to a response enum without ${ENUM_SENTINEL}`,
    );
  }
}

function compareProperties(ctx: SchemaContext, o: Located, n: Located) {
  const before = isNode(o.node.properties) ? o.node.properties : {};
  const after = isNode(n.node.properties) ? n.node.properties : {};
  const requiredBefore = new Set(Array.isArray(o.node.required) ? o.node.required : []);
  const requiredAfter = new Set(Array.isArray(n.node.required) ? n.node.required : []);
  const request = ctx.direction === "request";
  for (const name of Object.keys(before)) {
    const oldAt = childPointer(o.pointer, "properties", name);
    const newAt = childPointer(n.pointer, "properties", name);
    if (!(name in after)) {
      ctx.log.add("breaking", "property-removed", oldAt, `${ctx.direction} property ${name} removed`);
      continue;
    }
    compareSchema(ctx, before[name], after[name], oldAt, newAt);
    const was = requiredBefore.has(name);
    const is = requiredAfter.has(name);
    // Requests break when a property becomes required; responses when one may now be missing.
    if (was !== is) {
      const breaking = request ? is : was;
      const code = is ? "property-became-required" : "property-became-optional";
      ctx.log.add(
        breaking ? "breaking" : "non-breaking",
        code,
        `${n.pointer}/required`,
        `${name} ${is ? "now required" : "now optional"}`,
      );
    }
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const at = childPointer(n.pointer, "properties", name);
    if (request && requiredAfter.has(name)) {
      ctx.log.add("breaking", "required-property-added", at, `required request property ${name} added`);
    } else {
      ctx.log.add("non-breaking", "property-added", at, `optional ${ctx.direction} property ${name} added`);
    }
  }
}

/** Keywords that restrict values, and whether a larger number restricts more. */
const CONSTRAINTS: Record<string, "larger" | "smaller" | "any"> = {
  minLength: "larger",
  minimum: "larger",
  exclusiveMinimum: "larger",
  minItems: "larger",
  minProperties: "larger",
  maxLength: "smaller",
  maximum: "smaller",
  exclusiveMaximum: "smaller",
  maxItems: "smaller",
  maxProperties: "smaller",
  pattern: "any",
  format: "any",
  multipleOf: "any",
  const: "any",
  uniqueItems: "any",
  additionalProperties: "any",
};

function compareConstraints(ctx: SchemaContext, o: Located, n: Located) {
  for (const [key, tighterWhen] of Object.entries(CONSTRAINTS)) {
    const before = o.node[key];
    const after = n.node[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    // additionalProperties may be a schema: that case is compared as a schema, not as a constraint.
    if (isNode(before) && isNode(after)) {
      compareSchema(ctx, before, after, `${o.pointer}/${key}`, `${n.pointer}/${key}`);
      continue;
    }
    const tighter =
      after !== undefined &&
      (before === undefined ||
        (tighterWhen === "larger" && Number(after) > Number(before)) ||
        (tighterWhen === "smaller" && Number(after) < Number(before)) ||
        tighterWhen === "any");
    const message = `${key} ${JSON.stringify(before) ?? "(none)"} → ${JSON.stringify(after) ?? "(none)"}`;
    // Only a request can be rejected for a value that used to be valid.
    if (ctx.direction === "request" && tighter)
      ctx.log.add("breaking", "constraint-tightened", `${n.pointer}/${key}`, message);
    else ctx.log.add("non-breaking", "constraint-changed", `${n.pointer}/${key}`, message);
  }
}

function compareComposition(ctx: SchemaContext, o: Located, n: Located, keyword: string) {
  const before = Array.isArray(o.node[keyword]) ? (o.node[keyword] as unknown[]) : [];
  const after = Array.isArray(n.node[keyword]) ? (n.node[keyword] as unknown[]) : [];
  if (before.length === after.length) {
    for (const [i, j] of pairMembers(before, after)) {
      compareSchema(ctx, before[i], after[j], `${o.pointer}/${keyword}/${i}`, `${n.pointer}/${keyword}/${j}`);
    }
    return;
  }
  // With members added or removed there is no telling which became which: the generated type changes.
  ctx.log.add(
    "breaking",
    "composition-changed",
    `${n.pointer}/${keyword}`,
    `${keyword} has ${before.length} → ${after.length} members`,
  );
}

/**
 * Index pairs of two member lists of equal length: by `$ref`, then by `type`, then what is left by position.
 * Order means nothing in a union or an intersection, so `[$ref, null]` → `[null, $ref]` pairs each with itself.
 */
function pairMembers(before: unknown[], after: unknown[]): [number, number][] {
  const key = (member: unknown) => {
    if (!isNode(member)) return undefined;
    if (typeof member.$ref === "string") return `$ref ${member.$ref}`;
    const types = typeSet(member);
    return types ? `type ${show(types)}` : undefined;
  };
  const free = new Set(after.keys());
  const paired = new Map<number, number>();
  before.forEach((member, i) => {
    const k = key(member);
    const match = k === undefined ? undefined : [...free].find((j) => key(after[j]) === k);
    if (match === undefined) return;
    paired.set(i, match);
    free.delete(match);
  });
  const rest = [...free];
  const unpaired = [...before.keys()].filter((i) => !paired.has(i));
  return [...paired, ...unpaired.map((i, n): [number, number] => [i, rest[n] ?? i])];
}

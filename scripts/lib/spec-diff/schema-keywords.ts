// The keywords of a schema that restrict its values: enum, constraints, and allOf/anyOf/oneOf.
import { ENUM_SENTINEL, membersAfterSentinel } from "../../../src/openapi/evolvable-enum.ts";
import { isNode, type Located, typeSet } from "../openapi.ts";
import type { SchemaContext } from "./context.ts";
import { compareSchema } from "./schema.ts";

/** A set of values as one sorted label, such as `null|string`. */
export const show = (set: Set<unknown>) => [...set].map(String).sort().join("|");

export function compareEnums(ctx: SchemaContext, o: Located, n: Located) {
  const { report, direction } = ctx;
  const before = Array.isArray(o.node.enum) ? new Set(o.node.enum) : undefined;
  const after = Array.isArray(n.node.enum) ? new Set(n.node.enum) : undefined;
  const at = `${n.pointer}/enum`;
  if (!before && !after) return;
  if (!before || !after) {
    // No enum allows any value: adding one restricts what may be sent, removing one widens what is read.
    const added = !before;
    const breaking = added === (direction === "request");
    (breaking ? report.breaking : report.nonBreaking)(
      added ? "enum-added" : "enum-removed",
      at,
      `enum ${added ? "added" : "removed"}`,
    );
    return;
  }
  for (const value of before) {
    if (!after.has(value)) report.breaking("enum-value-removed", at, `enum value ${JSON.stringify(value)} removed`);
  }
  const added = [...after].filter((v) => !before.has(v));
  if (direction === "request") {
    if (added.length) report.nonBreaking("enum-value-added", at, `enum value ${list(added)} added`);
    return;
  }
  if (!before.has(ENUM_SENTINEL)) {
    if (added.length) {
      report.breaking(
        "enum-value-added-no-sentinel",
        at,
        `enum value ${list(added)} added to a response enum without ${ENUM_SENTINEL}`,
      );
    }
    return;
  }
  // Graph's evolvable enums: a member after the sentinel reaches only clients that ask for it (Prefer:
  // include-unknown-enum-members), the others get the sentinel; a member before it reaches every client.
  const wasEvolvable = new Set(membersAfterSentinel(o.node.enum as unknown[]));
  const evolvable = new Set(membersAfterSentinel(n.node.enum as unknown[]));
  const evolvableAdded = added.filter((v) => evolvable.has(String(v)));
  const insertedBefore = added.filter((v) => !evolvable.has(String(v)));
  const movedBefore = [...before].filter(
    (v) => wasEvolvable.has(String(v)) && after.has(v) && !evolvable.has(String(v)),
  );
  if (evolvableAdded.length) {
    const why = `sent as ${ENUM_SENTINEL} unless a client asks with Prefer: include-unknown-enum-members`;
    report.nonBreaking(
      "enum-value-added",
      at,
      `enum value ${list(evolvableAdded)} added after ${ENUM_SENTINEL} (${why})`,
    );
  }
  if (insertedBefore.length) {
    const why = `Graph would send it to every client, also those built without it; add it after ${ENUM_SENTINEL}`;
    report.breaking(
      "enum-value-added-before-sentinel",
      at,
      `enum value ${list(insertedBefore)} inserted before ${ENUM_SENTINEL}: ${why}`,
    );
  }
  if (movedBefore.length) {
    const why = "clients that never asked for it would now receive it";
    report.breaking(
      "enum-value-moved-before-sentinel",
      at,
      `enum value ${list(movedBefore)} moved before ${ENUM_SENTINEL}: ${why}`,
    );
  }
}

const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

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

export function compareConstraints(ctx: SchemaContext, o: Located, n: Located) {
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
      ctx.report.breaking("constraint-tightened", `${n.pointer}/${key}`, message);
    else ctx.report.nonBreaking("constraint-changed", `${n.pointer}/${key}`, message);
  }
}

export function compareComposition(ctx: SchemaContext, o: Located, n: Located, keyword: string) {
  const before = Array.isArray(o.node[keyword]) ? (o.node[keyword] as unknown[]) : [];
  const after = Array.isArray(n.node[keyword]) ? (n.node[keyword] as unknown[]) : [];
  if (before.length === after.length) {
    for (const [i, j] of pairMembers(before, after)) {
      compareSchema(ctx, before[i], after[j], `${o.pointer}/${keyword}/${i}`, `${n.pointer}/${keyword}/${j}`);
    }
    return;
  }
  // With members added or removed there is no telling which became which: the generated type changes.
  const message = `${keyword} has ${before.length} → ${after.length} members`;
  ctx.report.breaking("composition-changed", `${n.pointer}/${keyword}`, message);
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
  // As many members are left on each side (the lists are of equal length), so each has a counterpart.
  const rest = [...free];
  const unpaired = [...before.keys()].filter((i) => !paired.has(i));
  return [...paired, ...unpaired.map((i, n): [number, number] => [i, rest[n] as number])];
}

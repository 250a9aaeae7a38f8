// Compares two versions of a schema from a client's side: what it sends (request) or reads (response).
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Located, typeSet } from "../openapi.ts";
import { compareDocs } from "./changes.ts";
import type { SchemaContext } from "./context.ts";
import { compareComposition, compareConstraints, compareEnums, show } from "./schema-keywords.ts";

/** Compares a schema and, through `$ref`s, properties, items and compositions, everything under it, once each. */
export function compareSchema(ctx: SchemaContext, oldRaw: unknown, newRaw: unknown, oldAt: string, newAt: string) {
  const o = deref(ctx.oldDoc, oldRaw, oldAt);
  const n = deref(ctx.newDoc, newRaw, newAt);
  const key = `${ctx.direction} ${o.pointer} ${n.pointer}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);

  compareDocs(ctx.report, o.node, n.node, n.pointer);
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
  if (ctx.direction === "response") ctx.report.breaking("type-changed", at, message);
  else if (widened) ctx.report.nonBreaking("type-widened", at, message);
  else ctx.report.breaking("type-narrowed", at, message);
}

function compareProperties(ctx: SchemaContext, o: Located, n: Located) {
  const { report, direction } = ctx;
  const before = isNode(o.node.properties) ? o.node.properties : {};
  const after = isNode(n.node.properties) ? n.node.properties : {};
  const requiredBefore = new Set(Array.isArray(o.node.required) ? o.node.required : []);
  const requiredAfter = new Set(Array.isArray(n.node.required) ? n.node.required : []);
  for (const name of Object.keys(before)) {
    const oldAt = childPointer(o.pointer, "properties", name);
    if (!Object.hasOwn(after, name)) {
      report.breaking("property-removed", oldAt, `${direction} property ${name} removed`);
      continue;
    }
    compareSchema(ctx, before[name], after[name], oldAt, childPointer(n.pointer, "properties", name));
    const was = requiredBefore.has(name);
    const is = requiredAfter.has(name);
    if (was === is) continue;
    // Requests break when a property becomes required; responses when one may now be missing.
    const breaking = direction === "request" ? is : was;
    const code = is ? "property-became-required" : "property-became-optional";
    (breaking ? report.breaking : report.nonBreaking)(
      code,
      `${n.pointer}/required`,
      `${name} now ${is ? "required" : "optional"}`,
    );
  }
  for (const name of Object.keys(after)) {
    if (Object.hasOwn(before, name)) continue;
    const at = childPointer(n.pointer, "properties", name);
    const required = requiredAfter.has(name);
    if (direction === "request" && required) {
      report.breaking("required-property-added", at, `required request property ${name} added`);
    } else {
      // A response property always sent is new to a client all the same: it reads nothing it did not expect.
      report.nonBreaking(
        "property-added",
        at,
        `${required ? "required" : "optional"} ${direction} property ${name} added`,
      );
    }
  }
}

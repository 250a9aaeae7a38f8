// An operation's responses: their codes, headers and media types, each schema compared as a client reads it.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, isNode, type Located, type Node, type Operation } from "../openapi.ts";
import { compareDocs } from "./changes.ts";
import type { DiffContext, SchemaContext } from "./context.ts";
import { compareSchema } from "./schema.ts";

/** Response codes that are explicit and in range (`2XX`, `default`) match each other, so `200` → `2XX` is no removal. */
function matchingCode(code: string, codes: string[]): string | undefined {
  return codes.find((c) => c === code) ?? codes.find((c) => c.toUpperCase() === `${code[0]}XX`);
}

export function compareResponses(ctx: DiffContext, o: Operation, n: Operation) {
  const response: SchemaContext = { ...ctx, direction: "response" };
  const { report } = ctx;
  const before = isNode(o.node.responses) ? o.node.responses : {};
  const after = isNode(n.node.responses) ? n.node.responses : {};
  const matched = new Set<string>();
  for (const [code, raw] of Object.entries(before)) {
    const oldAt = childPointer(o.pointer, "responses", code);
    const match = matchingCode(code, Object.keys(after));
    if (match === undefined) {
      // A client handles a missing error code by its generic path; a missing success leaves it nothing.
      (code.startsWith("2") ? report.breaking : report.nonBreaking)(
        "response-removed",
        oldAt,
        `response ${code} removed`,
      );
      continue;
    }
    matched.add(match);
    if (match !== code)
      report.nonBreaking("response-code-to-range", oldAt, `response ${code} now falls under ${match}`);
    const p = deref(ctx.oldDoc, raw, oldAt);
    const q = deref(ctx.newDoc, after[match], childPointer(n.pointer, "responses", match));
    compareDocs(report, p.node, q.node, q.pointer);
    compareHeaders(response, p, q);
    compareContent(response, p.node.content, q.node.content, p.pointer, q.pointer);
  }
  for (const code of Object.keys(after)) {
    if (!matched.has(code))
      report.nonBreaking("response-added", childPointer(n.pointer, "responses", code), `response ${code} added`);
  }
}

/** Response headers are typed like parameters (openapi-typescript's `headers`): compared as a client reads them. */
function compareHeaders(ctx: SchemaContext, p: Located, q: Located) {
  const { report } = ctx;
  const headers = (node: Node) => (isNode(node.headers) ? node.headers : {});
  const before = headers(p.node);
  const after = headers(q.node);
  for (const [name, raw] of Object.entries(before)) {
    const oldAt = childPointer(p.pointer, "headers", name);
    if (!Object.hasOwn(after, name)) {
      report.breaking("response-header-removed", oldAt, `response header ${name} removed`);
      continue;
    }
    const h = deref(ctx.oldDoc, raw, oldAt);
    const k = deref(ctx.newDoc, after[name], childPointer(q.pointer, "headers", name));
    compareDocs(report, h.node, k.node, k.pointer);
    // A header that may now be missing breaks a client that relied on it; one now always sent does not.
    if (h.node.required === true && k.node.required !== true) {
      report.breaking("header-became-optional", `${k.pointer}/required`, `response header ${name} now optional`);
    } else if (h.node.required !== true && k.node.required === true) {
      report.nonBreaking("header-became-required", `${k.pointer}/required`, `response header ${name} now required`);
    }
    compareSchema(ctx, h.node.schema, k.node.schema, `${h.pointer}/schema`, `${k.pointer}/schema`);
    compareContent(ctx, h.node.content, k.node.content, h.pointer, k.pointer);
  }
  for (const name of Object.keys(after)) {
    if (!Object.hasOwn(before, name))
      report.nonBreaking(
        "response-header-added",
        childPointer(q.pointer, "headers", name),
        `response header ${name} added`,
      );
  }
}

/** A `content` map: each media type's examples and schema. */
export function compareContent(ctx: SchemaContext, before: unknown, after: unknown, oldAt: string, newAt: string) {
  const { report, direction } = ctx;
  const p = isNode(before) ? before : {};
  const q = isNode(after) ? after : {};
  for (const [type, media] of Object.entries(p)) {
    const oldMedia = childPointer(oldAt, "content", type);
    const newMedia = childPointer(newAt, "content", type);
    const next = q[type];
    if (!isNode(next)) {
      report.breaking("media-type-removed", oldMedia, `${direction} media type ${type} removed`);
      continue;
    }
    const old = isNode(media) ? media : {};
    compareDocs(report, old, next, newMedia, ["example", "examples"]);
    compareSchema(ctx, old.schema, next.schema, `${oldMedia}/schema`, `${newMedia}/schema`);
  }
  for (const type of Object.keys(q)) {
    if (!Object.hasOwn(p, type))
      report.nonBreaking(
        "media-type-added",
        childPointer(newAt, "content", type),
        `${direction} media type ${type} added`,
      );
  }
}

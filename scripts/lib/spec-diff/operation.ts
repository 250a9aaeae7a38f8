// One operation's changes: its path, operationId, security, parameters and request body.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import { deref, type Operation, parameters } from "../openapi.ts";
import { compareDocs, type Reporter } from "./changes.ts";
import type { DiffContext } from "./context.ts";
import { compareContent, compareResponses } from "./responses.ts";
import { compareSchema } from "./schema.ts";

/** The names of a path template's parameters, in order. */
const pathParams = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => String(m[1]));

export function compareOperation(ctx: DiffContext, o: Operation, n: Operation) {
  const { report } = ctx;
  if (o.path !== n.path) {
    const names = pathParams(n.path);
    const renamed = pathParams(o.path)
      .map((name, i) => [name, names[i]])
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `{${a}} → {${b}}`);
    report.breaking("path-param-renamed", n.pointer, `path parameter renamed: ${renamed.join(", ")}`);
  }
  if (o.node.operationId !== n.node.operationId) {
    // Generated code names the operation by its operationId (openapi-typescript's `operations`).
    const message = `operationId ${o.node.operationId} → ${n.node.operationId}`;
    report.breaking("operation-id-changed", `${n.pointer}/operationId`, message);
  }
  compareDocs(report, o.node, n.node, n.pointer, ["summary", "description", "externalDocs", "tags", "deprecated"]);
  compareDocs(report, o.pathItem.node, n.pathItem.node, n.pathItem.pointer, ["summary", "description"]);
  compareSecurity(report, o.node.security, n.node.security, `${n.pointer}/security`);
  compareParameters(ctx, o, n);
  compareRequestBody(ctx, o, n);
  compareResponses(ctx, o, n);
}

/** Any change of the scopes an operation requires may lock a client out. */
export function compareSecurity(report: Reporter, before: unknown, after: unknown, pointer: string) {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  report.breaking("security-changed", pointer, "security requirements changed");
}

function compareParameters(ctx: DiffContext, o: Operation, n: Operation) {
  const { report } = ctx;
  const before = parameters(ctx.oldDoc, o);
  const after = parameters(ctx.newDoc, n);
  // Path parameters pair by position (their names may have been renamed, reported above).
  const newNames = pathParams(n.path);
  const pairs = new Map(pathParams(o.path).map((name, i) => [`path:${name}`, `path:${newNames[i] ?? name}`]));
  for (const [key, p] of before) {
    const q = after.get(pairs.get(key) ?? key);
    after.delete(pairs.get(key) ?? key);
    const label = `${p.node.in} parameter ${p.node.name}`;
    if (!q) {
      report.breaking("parameter-removed", p.listedAt, `${label} removed`);
      continue;
    }
    compareDocs(report, p.node, q.node, q.pointer);
    if (p.node.required !== true && q.node.required === true) {
      report.breaking("parameter-became-required", `${q.pointer}/required`, `${label} now required`);
    } else if (p.node.required === true && q.node.required !== true) {
      report.nonBreaking("parameter-became-optional", `${q.pointer}/required`, `${label} now optional`);
    }
    for (const key of ["style", "explode"]) {
      if (p.node[key] !== q.node[key])
        report.breaking("parameter-serialization-changed", `${q.pointer}/${key}`, `${label}: ${key} changed`);
    }
    const request = { ...ctx, direction: "request" } as const;
    compareSchema(request, p.node.schema, q.node.schema, `${p.pointer}/schema`, `${q.pointer}/schema`);
  }
  for (const q of after.values()) {
    const label = `${q.node.in} parameter ${q.node.name}`;
    if (q.node.required === true) report.breaking("required-parameter-added", q.listedAt, `required ${label} added`);
    else report.nonBreaking("parameter-added", q.listedAt, `optional ${label} added`);
  }
}

function compareRequestBody(ctx: DiffContext, o: Operation, n: Operation) {
  const { report } = ctx;
  if (o.node.requestBody === undefined && n.node.requestBody === undefined) return;
  const p = deref(ctx.oldDoc, o.node.requestBody, childPointer(o.pointer, "requestBody"));
  const q = deref(ctx.newDoc, n.node.requestBody, childPointer(n.pointer, "requestBody"));
  if (o.node.requestBody === undefined) {
    if (q.node.required === true)
      report.breaking("request-body-added-required", q.pointer, "required request body added");
    else report.nonBreaking("request-body-added", q.pointer, "optional request body added");
    return;
  }
  if (n.node.requestBody === undefined) {
    report.breaking("request-body-removed", p.pointer, "request body removed");
    return;
  }
  if (p.node.required !== true && q.node.required === true) {
    report.breaking("request-body-became-required", `${q.pointer}/required`, "request body now required");
  }
  compareDocs(report, p.node, q.node, q.pointer);
  compareContent({ ...ctx, direction: "request" }, p.node.content, q.node.content, p.pointer, q.pointer);
}

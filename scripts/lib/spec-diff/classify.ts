// spec:diff's pure core: two parsed specs in, every change classified from a client's side out.
import { childPointer } from "../../../src/openapi/json-pointer.ts";
import {
  deref,
  isNode,
  type Located,
  type Node,
  type Operation,
  operationLabel,
  operations,
  parameters,
} from "../openapi.ts";
import { type Change, ChangeLog, compareDocs } from "./changes.ts";
import { compareSchema, type Direction } from "./schema.ts";

/** Every change between two OpenAPI documents (3.0 or 3.1), breaking ones first. */
export function diffSpecs(oldDoc: Node, newDoc: Node): Change[] {
  const log = new ChangeLog();
  let seen = new Set<string>();
  const schemas = (direction: Direction) => ({ log, oldDoc, newDoc, direction, seen });
  compareTopLevel(log, oldDoc, newDoc);

  // Paths match by their shape with parameter names blanked, so a renamed `{user-id}` is seen as a rename.
  const shape = (op: Operation) => `${op.method} ${op.path.replace(/\{[^}]*\}/g, "{}")}`;
  const after = new Map(operations(newDoc).map((op) => [shape(op), op]));
  const newPaths = new Set(Object.keys(isNode(newDoc.paths) ? newDoc.paths : {}));
  for (const o of operations(oldDoc)) {
    log.operation = operationLabel(o);
    // Per operation, so a schema that several operations share lists each of them.
    seen = new Set();
    const n = after.get(shape(o));
    after.delete(shape(o));
    if (!n) {
      const code = newPaths.has(o.path) ? "operation-removed" : "path-removed";
      log.add("breaking", code, o.pointer, `${operationLabel(o)} removed`);
      continue;
    }
    compareOperation(log, schemas, o, n);
  }
  log.operation = "";
  for (const n of after.values()) log.add("non-breaking", "operation-added", n.pointer, `${operationLabel(n)} added`);
  return log.list();
}

function compareTopLevel(log: ChangeLog, oldDoc: Node, newDoc: Node) {
  const info = (doc: Node) => (isNode(doc.info) ? doc.info : {});
  compareDocs(log, info(oldDoc), info(newDoc), "/info", [
    "title",
    "summary",
    "description",
    "version",
    "contact",
    "license",
    "termsOfService",
  ]);
  compareDocs(log, oldDoc, newDoc, "", ["externalDocs", "tags", "openapi"]);
  const servers = (doc: Node) => (Array.isArray(doc.servers) ? doc.servers.filter(isNode) : []);
  const before = servers(oldDoc);
  const after = servers(newDoc);
  before.forEach((server, i) => {
    const url = String(server.url);
    const j = after.findIndex((s) => String(s.url) === url);
    if (j < 0) {
      log.add("breaking", "server-removed", `/servers/${i}`, `server ${url} removed`);
      return;
    }
    // The client names its clouds by x-graph-cloud (src/client/clouds.ts): code that picks one by its old name breaks.
    const [was, is] = [server[CLOUD], after[j]?.[CLOUD]];
    if (was === is) return;
    const message = `server ${url}: ${CLOUD} ${was ?? "(none)"} → ${is ?? "(none)"}`;
    const severity = was === undefined ? "non-breaking" : "breaking";
    log.add(severity, "server-cloud-changed", `/servers/${j}/${CLOUD}`, message);
  });
  after.forEach((server, i) => {
    const url = String(server.url);
    if (!before.some((s) => String(s.url) === url))
      log.add("non-breaking", "server-added", `/servers/${i}`, `server ${url} added`);
  });
  compareSecurity(log, oldDoc.security, newDoc.security, "/security");
}

/** The server extension that names a national cloud for the client. */
const CLOUD = "x-graph-cloud";

type Schemas = (direction: Direction) => Parameters<typeof compareSchema>[0];

function compareOperation(log: ChangeLog, schemas: Schemas, o: Operation, n: Operation) {
  if (o.path !== n.path) {
    const names = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const renamed = names(o.path)
      .map((name, i) => [name, names(n.path)[i]])
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `{${a}} → {${b}}`);
    log.add("breaking", "path-param-renamed", n.pointer, `path parameter renamed: ${renamed.join(", ")}`);
  }
  if (o.node.operationId !== n.node.operationId) {
    // Generated code names the operation by its operationId (openapi-typescript's `operations`).
    log.add(
      "breaking",
      "operation-id-changed",
      `${n.pointer}/operationId`,
      `operationId ${o.node.operationId} → ${n.node.operationId}`,
    );
  }
  compareDocs(log, o.node, n.node, n.pointer, ["summary", "description", "externalDocs", "tags", "deprecated"]);
  compareDocs(log, o.pathItem.node, n.pathItem.node, n.pathItem.pointer, ["summary", "description"]);
  compareSecurity(log, o.node.security, n.node.security, `${n.pointer}/security`);
  compareParameters(log, schemas, o, n);
  compareRequestBody(log, schemas, o, n);
  compareResponses(log, schemas, o, n);
}

/** Any change of the scopes an operation requires may lock a client out. */
function compareSecurity(log: ChangeLog, before: unknown, after: unknown, pointer: string) {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  log.add("breaking", "security-changed", pointer, "security requirements changed");
}

function compareParameters(log: ChangeLog, schemas: Schemas, o: Operation, n: Operation) {
  const oldDoc = schemas("request").oldDoc;
  const newDoc = schemas("request").newDoc;
  const before = parameters(oldDoc, o);
  const after = parameters(newDoc, n);
  // Path parameters pair by position (their names may have been renamed, reported above).
  const pathKeys = (op: Operation) => [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => `path:${m[1]}`);
  const pairs = new Map<string, string>(pathKeys(o).map((key, i) => [key, pathKeys(n)[i] ?? key]));
  for (const [key, p] of before) {
    const q = after.get(pairs.get(key) ?? key);
    after.delete(pairs.get(key) ?? key);
    const label = `${p.node.in} parameter ${p.node.name}`;
    if (!q) {
      log.add("breaking", "parameter-removed", p.listedAt, `${label} removed`);
      continue;
    }
    compareDocs(log, p.node, q.node, q.pointer);
    if (p.node.required !== true && q.node.required === true) {
      log.add("breaking", "parameter-became-required", `${q.pointer}/required`, `${label} now required`);
    } else if (p.node.required === true && q.node.required !== true) {
      log.add("non-breaking", "parameter-became-optional", `${q.pointer}/required`, `${label} now optional`);
    }
    for (const key of ["style", "explode"]) {
      if (p.node[key] !== q.node[key])
        log.add("breaking", "parameter-serialization-changed", `${q.pointer}/${key}`, `${label}: ${key} changed`);
    }
    compareSchema(schemas("request"), p.node.schema, q.node.schema, `${p.pointer}/schema`, `${q.pointer}/schema`);
  }
  for (const q of after.values()) {
    const label = `${q.node.in} parameter ${q.node.name}`;
    if (q.node.required === true)
      log.add("breaking", "required-parameter-added", q.listedAt, `required ${label} added`);
    else log.add("non-breaking", "parameter-added", q.listedAt, `optional ${label} added`);
  }
}

function compareRequestBody(log: ChangeLog, schemas: Schemas, o: Operation, n: Operation) {
  const { oldDoc, newDoc } = schemas("request");
  if (o.node.requestBody === undefined && n.node.requestBody === undefined) return;
  const p = deref(oldDoc, o.node.requestBody, `${o.pointer}/requestBody`);
  const q = deref(newDoc, n.node.requestBody, `${n.pointer}/requestBody`);
  if (o.node.requestBody === undefined) {
    if (q.node.required === true)
      log.add("breaking", "request-body-added-required", q.pointer, "required request body added");
    else log.add("non-breaking", "request-body-added", q.pointer, "optional request body added");
    return;
  }
  if (n.node.requestBody === undefined) {
    log.add("breaking", "request-body-removed", p.pointer, "request body removed");
    return;
  }
  if (p.node.required !== true && q.node.required === true) {
    log.add("breaking", "request-body-became-required", `${q.pointer}/required`, "request body now required");
  }
  compareDocs(log, p.node, q.node, q.pointer);
  compareContent(log, schemas("request"), p.node.content, q.node.content, p.pointer, q.pointer);
}

/** Response codes that are explicit and in range (`2XX`, `default`) match each other, so `200` → `2XX` is no removal. */
function matchingCode(code: string, codes: string[]): string | undefined {
  return codes.find((c) => c === code) ?? codes.find((c) => c.toUpperCase() === `${code[0]}XX`);
}

function compareResponses(log: ChangeLog, schemas: Schemas, o: Operation, n: Operation) {
  const { oldDoc, newDoc } = schemas("response");
  const before = isNode(o.node.responses) ? o.node.responses : {};
  const after = isNode(n.node.responses) ? n.node.responses : {};
  const matched = new Set<string>();
  for (const [code, raw] of Object.entries(before)) {
    const oldAt = childPointer(o.pointer, "responses", code);
    const match = matchingCode(code, Object.keys(after));
    if (match !== undefined) matched.add(match);
    if (match !== undefined && match !== code) {
      log.add("non-breaking", "response-code-to-range", oldAt, `response ${code} now falls under ${match}`);
    }
    if (match === undefined) {
      // A client handles a missing error code by its generic path; a missing success leaves it nothing.
      const success = code.startsWith("2");
      log.add(success ? "breaking" : "non-breaking", "response-removed", oldAt, `response ${code} removed`);
      continue;
    }
    const p = deref(oldDoc, raw, oldAt);
    const q = deref(newDoc, after[match], childPointer(n.pointer, "responses", match));
    compareDocs(log, p.node, q.node, q.pointer);
    compareHeaders(log, schemas, p, q);
    compareContent(log, schemas("response"), p.node.content, q.node.content, p.pointer, q.pointer);
  }
  for (const code of Object.keys(after)) {
    if (!matched.has(code)) {
      log.add("non-breaking", "response-added", childPointer(n.pointer, "responses", code), `response ${code} added`);
    }
  }
}

/** Response headers are typed like parameters (openapi-typescript's `headers`): compared as a client reads them. */
function compareHeaders(log: ChangeLog, schemas: Schemas, p: Located, q: Located) {
  const ctx = schemas("response");
  const headers = (node: Node) => (isNode(node.headers) ? node.headers : {});
  const after = headers(q.node);
  for (const [name, raw] of Object.entries(headers(p.node))) {
    if (!(name in after)) {
      log.add(
        "breaking",
        "response-header-removed",
        childPointer(p.pointer, "headers", name),
        `response header ${name} removed`,
      );
      continue;
    }
    const h = deref(ctx.oldDoc, raw, childPointer(p.pointer, "headers", name));
    const k = deref(ctx.newDoc, after[name], childPointer(q.pointer, "headers", name));
    compareDocs(log, h.node, k.node, k.pointer);
    // A header that may now be missing breaks a client that relied on it; one now always sent does not.
    if (h.node.required === true && k.node.required !== true) {
      log.add("breaking", "header-became-optional", `${k.pointer}/required`, `response header ${name} now optional`);
    } else if (h.node.required !== true && k.node.required === true) {
      log.add(
        "non-breaking",
        "header-became-required",
        `${k.pointer}/required`,
        `response header ${name} now required`,
      );
    }
    compareSchema(ctx, h.node.schema, k.node.schema, `${h.pointer}/schema`, `${k.pointer}/schema`);
    if (h.node.content !== undefined || k.node.content !== undefined)
      compareContent(log, ctx, h.node.content, k.node.content, h.pointer, k.pointer);
  }
  for (const name of Object.keys(after)) {
    if (!(name in headers(p.node))) {
      const at = childPointer(q.pointer, "headers", name);
      log.add("non-breaking", "response-header-added", at, `response header ${name} added`);
    }
  }
}

function compareContent(
  log: ChangeLog,
  ctx: Parameters<typeof compareSchema>[0],
  before: unknown,
  after: unknown,
  oldAt: string,
  newAt: string,
) {
  const p = isNode(before) ? before : {};
  const q = isNode(after) ? after : {};
  for (const [type, media] of Object.entries(p)) {
    const oldMedia = childPointer(oldAt, "content", type);
    const newMedia = childPointer(newAt, "content", type);
    if (!isNode(q[type])) {
      log.add("breaking", "media-type-removed", oldMedia, `${ctx.direction} media type ${type} removed`);
      continue;
    }
    const m = media as Node;
    const nm = q[type] as Node;
    compareDocs(log, m, nm, newMedia, ["example", "examples"]);
    compareSchema(ctx, m.schema, nm.schema, `${oldMedia}/schema`, `${newMedia}/schema`);
  }
  for (const type of Object.keys(q)) {
    if (!(type in p))
      log.add(
        "non-breaking",
        "media-type-added",
        childPointer(newAt, "content", type),
        `${ctx.direction} media type ${type} added`,
      );
  }
}

// Navigation shared by spec:diff and spec:upstream: operations, parameters and local $refs.
import { childPointer, resolvePointer } from "../../src/openapi/json-pointer.ts";
import { operationsOf } from "../../src/openapi/paths.ts";

export type Node = Record<string, unknown>;

/** A node and where it sits in its document, after following any chain of local `$ref`s. */
export interface Located {
  node: Node;
  pointer: string;
}

export function isNode(value: unknown): value is Node {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** JSON Schema `type` as a set; OpenAPI 3.0's `nullable: true` counts as `null`. Undefined when untyped. */
export function typeSet(schema: Node): Set<string> | undefined {
  const types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type ? [String(schema.type)] : [];
  if (schema.nullable === true) types.push("null");
  return types.length ? new Set(types) : undefined;
}

/** Follows local `$ref`s (`#/...`); a ref that does not resolve is an error, naming where it was. */
export function deref(doc: unknown, node: unknown, pointer: string): Located {
  const seen = new Set<string>();
  let current: Located = { node: isNode(node) ? node : {}, pointer };
  while (typeof current.node.$ref === "string") {
    const ref = current.node.$ref;
    if (!ref.startsWith("#") || seen.has(ref)) throw new Error(`${current.pointer}: cannot follow $ref ${ref}`);
    seen.add(ref);
    const target = resolvePointer(doc, decodeURIComponent(ref.slice(1)));
    if (!isNode(target)) throw new Error(`${current.pointer}: $ref ${ref} does not resolve`);
    current = { node: target, pointer: ref.slice(1) };
  }
  return current;
}

export interface Operation {
  path: string;
  method: string;
  /** Pointer of the operation object: `/paths/<path>/<method>`. */
  pointer: string;
  node: Node;
  pathItem: Located;
}

export function operations(doc: Node): Operation[] {
  const result: Operation[] = [];
  for (const [path, raw] of Object.entries(isNode(doc.paths) ? doc.paths : {})) {
    const pathItem = deref(doc, raw, childPointer("/paths", path));
    for (const [method, node] of operationsOf(pathItem.node)) {
      if (isNode(node)) result.push({ path, method, pointer: childPointer(pathItem.pointer, method), node, pathItem });
    }
  }
  return result;
}

/** `GET /users/{user-id}/...`: how reports name an operation. */
export function operationLabel(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** A parameter, where it is defined, and where the operation lists it (the same unless by `$ref`). */
export interface Parameter extends Located {
  listedAt: string;
}

/** The operation's parameters by `in:name`, path-item ones overridden by the operation's own. */
export function parameters(doc: Node, op: Operation): Map<string, Parameter> {
  const result = new Map<string, Parameter>();
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const listedAt = childPointer(pointer, "parameters", i);
      const param = deref(doc, raw, listedAt);
      result.set(`${param.node.in}:${param.node.name}`, { ...param, listedAt });
    });
  };
  add(op.pathItem.node.parameters, op.pathItem.pointer);
  add(op.node.parameters, op.pointer);
  return result;
}

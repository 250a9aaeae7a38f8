// Picks the curated operations out of Microsoft's file, and every component they reach.

import { childPointer, unescapeToken } from "../../../src/openapi/json-pointer.ts";
import { METHODS, type Method } from "../../../src/openapi/methods.ts";
import { isNode, type Node, type Operation, operations } from "../openapi.ts";

export interface Extract {
  /** Each curated operation with its upstream counterpart, if Microsoft's file has it. */
  pairs: { curated: Operation; upstream?: Operation }[];
  /** Names of `components.schemas` the upstream operations reach, through `$ref`s and discriminator mappings. */
  schemas: string[];
}

export function extract(upstream: Node, curated: Node): Extract {
  const paths = isNode(upstream.paths) ? upstream.paths : {};
  const pairs = operations(curated).map((op) => {
    // Only the curated paths are looked up: Microsoft's file has thousands, and none else is needed.
    const raw = paths[op.path];
    if (!isNode(raw) || !METHODS.includes(op.method as Method)) return { curated: op };
    const pointer = childPointer("/paths", op.path);
    const node = raw[op.method];
    if (!isNode(node)) return { curated: op };
    return {
      curated: op,
      upstream: {
        path: op.path,
        method: op.method,
        pointer: `${pointer}/${op.method}`,
        node,
        pathItem: { node: raw, pointer },
      },
    };
  });
  const roots = pairs.flatMap(({ upstream: op }) => (op ? [op.node, op.pathItem.node.parameters] : []));
  return { pairs, schemas: reachableSchemas(upstream, roots) };
}

/**
 * Walks the roots and every local component they refer to, each once. A discriminator mapping lists a
 * schema's subtypes, which a response may carry, so it is followed; except on a schema reached only as an
 * `allOf` parent: `microsoft.graph.entity` maps every entity of Graph, and those are not ours.
 */
export function reachableSchemas(doc: Node, roots: unknown[]): string[] {
  const components = isNode(doc.components) ? doc.components : {};
  const seen = new Set<string>();
  const stack: { node: unknown; parent: boolean }[] = roots.map((node) => ({ node, parent: false }));
  const follow = (ref: string, parent: boolean) => {
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    const key = `${parent ? "parent" : "use"} ${ref}`;
    if (!match || seen.has(key)) return;
    seen.add(key);
    const [, section = "", name = ""] = match;
    const group = components[section];
    if (isNode(group)) stack.push({ node: group[unescapeToken(name)], parent });
  };
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, parent } = item;
    if (Array.isArray(node)) stack.push(...node.map((n) => ({ node: n, parent })));
    if (!isNode(node)) continue;
    if (typeof node.$ref === "string") follow(node.$ref, parent);
    if (!parent && isNode(node.discriminator) && isNode(node.discriminator.mapping)) {
      for (const ref of Object.values(node.discriminator.mapping)) if (typeof ref === "string") follow(ref, false);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "discriminator" || typeof value !== "object") continue;
      // A `$ref` in allOf is a parent; an inline member is the schema's own body (Graph puts its discriminator there).
      if (key === "allOf" && Array.isArray(value)) {
        stack.push(...value.map((n) => ({ node: n, parent: parent || (isNode(n) && "$ref" in n) })));
      } else stack.push({ node: value, parent: false });
    }
  }
  const names = [...seen].flatMap((key) => /^\S+ #\/components\/schemas\/(.+)$/.exec(key)?.[1] ?? []);
  return [...new Set(names)].sort();
}

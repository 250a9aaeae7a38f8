// Bounds what a spec becomes once dereferenced: `redocly bundle --dereferenced` (generate) replaces every `$ref`
// by its target, so ten refs to a schema of ten refs to a schema of ten refs... grow tenfold a level, as aliases do.
import { dirname, resolve } from "node:path";
import { resolvePointer } from "../../src/openapi/json-pointer.ts";

/** A spec's parsed documents by absolute path, as loadSpecFiles reads them. */
export type SpecDocs = ReadonlyMap<string, { doc: unknown }>;

type Frame = { node: unknown; path: string } | { close: string; start: number };

/**
 * How many values the document at `path` holds with every `$ref` replaced by its target, counted as load-yaml
 * counts aliases; false once that passes `limit` (the count stops there, so a bomb costs little to refuse).
 * A `$ref` back into its own ancestry counts 1: Redocly keeps a recursive schema as a reference (and refuses to
 * write it as JSON), never copy by copy. `sizes` keeps each target's size across calls, so each is counted once.
 */
export function fitsDereferenced(docs: SpecDocs, path: string, limit: number, sizes: Map<string, number>): boolean {
  let count = 0;
  const open = new Set<string>();
  const stack: Frame[] = [];

  /** Counts a `$ref`'s target: its known size, 1 for a cycle, or its value, walked before the frames under it. */
  const enter = (key: string): void => {
    const known = sizes.get(key) ?? (open.has(key) ? 1 : undefined);
    const node = known === undefined ? lookUp(docs, key) : undefined;
    if (known !== undefined) count += known;
    else if (node === undefined) count += 1;
    else {
      open.add(key);
      stack.push({ close: key, start: count }, { node, path: fileOf(key) });
    }
  };

  enter(`${path}\0`);
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (count > limit) return false;
    if ("close" in frame) {
      open.delete(frame.close);
      sizes.set(frame.close, count - frame.start);
      continue;
    }
    const { node, path: from } = frame;
    if (node === null || typeof node !== "object") {
      count += 1;
      continue;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    for (const [key, child] of Object.entries(node)) {
      if (key !== "$ref" || typeof ref !== "string") stack.push({ node: child, path: from });
    }
    // The object holding a `$ref` becomes its target (beside any sibling keys), entered last so that it is
    // walked, and closed, before those siblings: they are no part of its size.
    if (typeof ref === "string") enter(targetKey(ref, from));
    else count += 1;
  }
  return count <= limit;
}

/** A target as `<absolute path>\0<pointer>` (no path holds a NUL); refs to URLs or out of the folder were refused. */
function targetKey(ref: string, from: string): string {
  const hash = ref.indexOf("#");
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? "" : ref.slice(hash + 1);
  let pointer = fragment;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    // Not percent-encoding after all: the pointer as written.
  }
  return `${file === "" ? from : resolve(dirname(from), file)}\0${pointer}`;
}

const fileOf = (key: string) => key.slice(0, key.indexOf("\0"));

/** The value a target key names, or undefined when its file or pointer is missing (lint reports that). */
function lookUp(docs: SpecDocs, key: string): unknown {
  const file = docs.get(fileOf(key));
  if (!file) return undefined;
  const pointer = key.slice(key.indexOf("\0") + 1);
  return pointer === "" || pointer.startsWith("/") ? resolvePointer(file.doc, pointer) : undefined;
}

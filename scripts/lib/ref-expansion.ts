// Bounds what a spec becomes once dereferenced: `redocly bundle --dereferenced` (generate) replaces every `$ref`
// by its target, so ten refs to a schema of ten refs to a schema of ten refs... grow tenfold a level, as aliases do.
import { dirname, resolve } from "node:path";
import { resolvePointer } from "../../src/openapi/json-pointer.ts";

/** A spec's parsed documents by absolute path, as loadSpecFiles reads them. */
export type SpecDocs = ReadonlyMap<string, { doc: unknown }>;

/**
 * The most a spec may weigh once dereferenced (the real one, under 200 KB): the characters of its strings and keys
 * are counted against it before Redocly runs, and the bundle's file after (its layout adds some).
 */
export const MAX_DEREFERENCED_BYTES = 16 * 1024 * 1024;

/** A document's size: its values (as load-yaml counts them) and the characters of its strings and keys. */
export interface Size {
  values: number;
  chars: number;
}

type Frame = { node: unknown; path: string } | { close: string; start: Size };

/**
 * Which of `limits` the document at `path` passes with every `$ref` replaced by its target; undefined if neither.
 * The count stops at the first it passes, so a bomb costs little to refuse. Values count as load-yaml counts
 * them under aliases, since Redocly writes out a copy of the target for each `$ref`; characters bound what the
 * values' count misses, a long string behind many `$ref`s. A `$ref` back into its own ancestry counts one value:
 * Redocly keeps a recursive schema as a reference (and refuses to write it as JSON), never copy by copy.
 * `sizes` keeps each target's size across calls, so each is counted once.
 */
export function dereferencedExcess(
  docs: SpecDocs,
  path: string,
  limits: Size,
  sizes: Map<string, Size>,
): keyof Size | undefined {
  const total: Size = { values: 0, chars: 0 };
  const add = (values: number, chars: number) => {
    total.values += values;
    total.chars += chars;
  };
  const excess = () => (total.values > limits.values ? "values" : total.chars > limits.chars ? "chars" : undefined);
  const open = new Set<string>();
  const stack: Frame[] = [];

  /** Counts a `$ref`'s target: its known size, 1 for a cycle, or its value, walked before the frames under it. */
  const enter = (key: string): void => {
    const known = sizes.get(key) ?? (open.has(key) ? { values: 1, chars: 0 } : undefined);
    const node = known === undefined ? lookUp(docs, key) : undefined;
    if (known !== undefined) add(known.values, known.chars);
    else if (node === undefined) add(1, 0);
    else {
      open.add(key);
      stack.push({ close: key, start: { ...total } }, { node, path: fileOf(key) });
    }
  };

  enter(`${path}\0`);
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (excess()) return excess();
    if ("close" in frame) {
      open.delete(frame.close);
      sizes.set(frame.close, { values: total.values - frame.start.values, chars: total.chars - frame.start.chars });
      continue;
    }
    const { node, path: from } = frame;
    if (node === null || typeof node !== "object") {
      add(1, typeof node === "string" ? node.length : 0);
      continue;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && typeof ref === "string") continue;
      add(0, key.length);
      stack.push({ node: child, path: from });
    }
    // The object holding a `$ref` becomes its target (beside any sibling keys), entered last so that it is
    // walked, and closed, before those siblings: they are no part of its size.
    if (typeof ref === "string") enter(targetKey(ref, from));
    else add(1, 0);
  }
  return excess();
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

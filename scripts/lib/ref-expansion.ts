// Bounds what a spec becomes once dereferenced: `redocly bundle --dereferenced` (generate) replaces every `$ref`
// by its target, so ten refs to a schema of ten refs to a schema of ten refs... grow tenfold a level, as aliases do.
import { dirname, resolve } from "node:path";
import { childPointer, unescapeToken } from "../../src/openapi/json-pointer.ts";
import { ALIAS_BUDGET } from "./load-yaml.ts";

/** A spec's parsed documents by absolute path, as loadSpecFiles reads them. */
export type SpecDocs = ReadonlyMap<string, { doc: unknown }>;

/**
 * How far a spec may grow once dereferenced, relative to what is written (redocly.yaml's
 * `apis.<name>.x-graph-lro.dereferenced`, these by default): a bomb is judged by how much its `$ref`s multiply it,
 * so a large spec that merely has many paths passes, and a small one whose refs fan out does not.
 */
export interface ExpansionLimits {
  /**
   * Values, and characters of the bundle's JSON, that the dereferenced spec may hold per character written in its
   * files, beyond a first allowance that any spec may reach (a small spec's refs multiply it most): ALIAS_BUDGET
   * values, and CHARS_ALLOWANCE characters.
   */
  maxExpansion: number;
  /** How deep its objects and arrays may nest: the tools recurse that deep. */
  maxDepth: number;
}

export const EXPANSION_DEFAULTS: ExpansionLimits = { maxExpansion: 20, maxDepth: 64 };

/** Characters any spec may dereference to, however little is written: about what 100,000 values take as JSON. */
export const CHARS_ALLOWANCE = 4 * 1024 * 1024;

/** A document's size: its values (as load-yaml counts them), its characters as JSON lays it out, and its depth. */
export interface Size {
  values: number;
  chars: number;
  depth: number;
}

/** The most values and characters `written` characters may dereference to, and the depth, under `limits`. */
export function expansionLimits(written: number, limits: ExpansionLimits): Size {
  const grown = limits.maxExpansion * written;
  return { values: grown + ALIAS_BUDGET, chars: grown + CHARS_ALLOWANCE, depth: limits.maxDepth };
}

type Frame = { node: unknown; path: string; depth: number } | { close: string; start: Size; depth: number };

/**
 * Which of `limits` the document at `path` passes with every `$ref` replaced by its target; undefined if none.
 * The count stops at the first it passes, so a bomb costs little to refuse. Values count as load-yaml counts
 * them under aliases, since Redocly writes out a copy of the target for each `$ref`; characters (as the bundle's
 * JSON lays them out, a target counted at the depth it is first met) bound what the values' count misses, a long
 * string behind many `$ref`s; depth counts nested objects and arrays. A `$ref` back
 * into its own ancestry counts one value: Redocly keeps a recursive schema as a reference (and refuses to write
 * it as JSON), never copy by copy. `sizes` keeps each target's size across calls, so each is counted once.
 */
export function dereferencedExcess(
  docs: SpecDocs,
  path: string,
  limits: Size,
  sizes: Map<string, Size>,
): keyof Size | undefined {
  const total: Size = { values: 0, chars: 0, depth: 0 };
  const add = (values: number, chars: number) => {
    total.values += values;
    total.chars += chars;
  };
  /** The deepest level reached under each target being walked, innermost last. */
  const deepest: number[] = [];
  const reach = (depth: number) => {
    const last = deepest.length - 1;
    if (depth > (deepest[last] as number)) deepest[last] = depth;
    if (depth > total.depth) total.depth = depth;
  };
  const excess = () =>
    total.values > limits.values
      ? "values"
      : total.chars > limits.chars
        ? "chars"
        : total.depth > limits.depth
          ? "depth"
          : undefined;
  const open = new Set<string>();
  const stack: Frame[] = [];

  /**
   * Counts a `$ref`'s target, standing at `depth`: its known size, 1 for a cycle, or its value, walked before the
   * frames under it.
   */
  const enter = (key: string, depth: number): void => {
    const known = sizes.get(key) ?? (open.has(key) ? { values: 1, chars: 0, depth: 0 } : undefined);
    const found = known === undefined ? lookUp(docs, key, limits.depth) : undefined;
    if (known !== undefined) {
      add(known.values, known.chars);
      reach(depth - 1 + known.depth);
    } else if (found === PAST_HOPS) reach(limits.depth + 1);
    else if (found === undefined) add(1, 0);
    else {
      open.add(key);
      deepest.push(depth - 1);
      stack.push({ close: key, start: { ...total }, depth }, { node: found.node, path: found.file, depth });
    }
  };

  deepest.push(0);
  enter(`${path}\0`, 1);
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (excess()) return excess();
    if ("close" in frame) {
      open.delete(frame.close);
      const reached = deepest.pop() as number;
      reach(reached);
      sizes.set(frame.close, {
        values: total.values - frame.start.values,
        chars: total.chars - frame.start.chars,
        depth: reached - (frame.depth - 1),
      });
      continue;
    }
    const { node, path: from, depth } = frame;
    // Characters as JSON lays the bundle out, to about a tenth: each value on its own indented line, a string
    // quoted, an object or array opened and closed on lines of their own, each key quoted with its colon.
    if (node === null || typeof node !== "object") {
      add(1, 2 * depth + (typeof node === "string" ? node.length + 2 : 5));
      continue;
    }
    reach(depth);
    add(0, 4 * depth);
    const ref = (node as { $ref?: unknown }).$ref;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && typeof ref === "string") continue;
      add(0, key.length + 4);
      // Redocly's bundle writes an example's externalValue out as its value, a copy each: counted as a `$ref` there.
      const value = key === "externalValue" && typeof child === "string" ? { $ref: child } : child;
      stack.push({ node: value, path: from, depth: depth + 1 });
    }
    // The object holding a `$ref` becomes its target (beside any sibling keys), entered last so that it is
    // walked, and closed, before those siblings: they are no part of its size.
    if (typeof ref === "string") enter(targetKey(ref, from), depth);
    else add(1, 0);
  }
  return excess();
}

/**
 * A target as `<absolute path>\0<pointer>` (no path holds a NUL), read as Redocly's parseRef reads a `$ref`: the
 * file is what comes before the first `#/` (a `#` ending it dropped), the pointer what comes between it and the
 * next `#/` (nothing after that), its tokens split before each is unescaped and percent-decoded, and empty ones
 * skipped. Refs to URLs or out of the folder were refused.
 */
function targetKey(ref: string, from: string): string {
  const [uri = "", pointer = ""] = ref.split("#/");
  const file = uri.endsWith("#") ? uri.slice(0, -1) : uri;
  const tokens = pointer.split("/").map(decodeToken).filter(Boolean);
  return `${file === "" ? from : resolve(dirname(from), file)}\0${childPointer("", ...tokens)}`;
}

function decodeToken(token: string): string {
  const unescaped = unescapeToken(token);
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped; // Not percent-encoding after all: the token as written.
  }
}

const fileOf = (key: string) => key.slice(0, key.indexOf("\0"));

/** lookUp's answer for a pointer that passes through more `$ref`s than the tools may recurse. */
const PAST_HOPS = Symbol("past the hops");

/**
 * The value a target key names, with the file it is in; undefined when its file or pointer is missing (lint
 * reports that). A `$ref` met on the pointer's way is followed, as Redocly's resolver follows it (a key the
 * object lacks is looked for in its target), at most `hops` of them: Redocly recurses once for each, as deep as
 * a nesting, and the walk here stays linear in the chain. Past that, PAST_HOPS.
 */
function lookUp(
  docs: SpecDocs,
  key: string,
  hops: number,
): { node: unknown; file: string } | undefined | typeof PAST_HOPS {
  let file = fileOf(key);
  let node: unknown;
  let tokens: string[] = [];
  let followed = 0;
  // Goes to `target` (a key), with `rest` still to walk from there.
  const go = (target: string, rest: string[]) => {
    file = fileOf(target);
    node = docs.get(file)?.doc;
    const pointer = target.slice(target.indexOf("\0") + 1);
    if (!docs.has(file) || (pointer !== "" && !pointer.startsWith("/"))) return false;
    tokens = [...(pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeToken)), ...rest];
    return true;
  };
  if (!go(key, [])) return undefined;
  for (let i = 0; i < tokens.length; ) {
    if (node === null || typeof node !== "object") return undefined;
    const token = tokens[i] as string;
    if (Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
      i++;
      continue;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref !== "string") return undefined;
    if (++followed > hops) return PAST_HOPS;
    if (!go(targetKey(ref, file), tokens.slice(i))) return undefined;
    i = 0;
  }
  return { node, file };
}

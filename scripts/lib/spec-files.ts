// Loads a spec and the files its `$ref`s reach, refusing any reference that leaves the spec's folder.
import { realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { childPointer } from "../../src/openapi/json-pointer.ts";
import { UnsafeSpecError } from "./errors.ts";
import { loadYaml } from "./load-yaml.ts";
import {
  dereferencedExcess,
  EXPANSION_DEFAULTS,
  type ExpansionLimits,
  expansionLimits,
  type Size,
} from "./ref-expansion.ts";

/** Reads one file of a spec by absolute path (from the disk, or from a git ref). */
export type ReadSpecFile = (path: string) => Promise<string>;

/** A spec's files by absolute path, each read and parsed once. */
export type SpecFiles = Map<string, { text: string; doc: unknown }>;

/**
 * Parses `rootPath` and every file its `$ref`s (and discriminator mappings and examples' `externalValue`s, which
 * Redocly resolves as refs) reach, through any depth of files, before any tool follows them. A reference to a URL
 * (`https:`, `file:` or any other scheme), or to a file outside the root's folder, is an UnsafeSpecError naming the
 * file, where in it, and the reference: the generated code must not depend on the network, nor read (and print) a
 * credentials file.
 * So is a file whose `$ref`s, each replaced by its target, expand it past `limits` (ref-expansion.ts): a `$ref`
 * bomb, which `redocly bundle --dereferenced` would write out copy by copy.
 */
export async function loadSpecFiles(
  rootPath: string,
  read: ReadSpecFile,
  label = rootPath,
  limits: ExpansionLimits = EXPANSION_DEFAULTS,
): Promise<SpecFiles> {
  const folder = dirname(rootPath);
  /** How messages name a file: as `label` names the root (relative to the project, say). */
  const nameOf = (path: string) => join(dirname(label), relative(folder, path));
  const files: SpecFiles = new Map();
  const pending: { path: string; from?: string }[] = [{ path: rootPath }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { path, from } = item;
    if (files.has(path)) continue;
    const text = await read(path).catch((error: NodeJS.ErrnoException) => {
      if (from === undefined) throw error;
      if (error instanceof UnsafeSpecError) throw new UnsafeSpecError(`${from}: ${error.message}`);
      throw new UnsafeSpecError(`${from}: cannot read it (${error.code ?? error.message})`);
    });
    const doc = loadYaml(text, nameOf(path));
    files.set(path, { text, doc });
    for (const { ref, pointer, key = "$ref" } of references(doc)) {
      for (const target of refTargets(ref, path)) {
        const where = [nameOf(path), pointer, `${key} ${ref}`].filter(Boolean).join(": ");
        if ("url" in target)
          throw new UnsafeSpecError(`${where}: refused: only files beside the spec are read, never a URL`);
        if (!inside(folder, target.path)) throw new UnsafeSpecError(`${where}: refused: it leaves the spec's folder`);
        pending.push({ path: target.path, from: where });
      }
    }
  }
  refuseRefBombs(files, nameOf, limits);
  return files;
}

/**
 * Refuses the first file (those referred to before those referring to them, so the file named is the one whose
 * refs fan out) that dereferences past the limits, which grow with everything written in the spec's files (a
 * document draws on all of them).
 */
function refuseRefBombs(files: SpecFiles, nameOf: (path: string) => string, expansion: ExpansionLimits): void {
  let written = 0;
  for (const { text } of files.values()) written += text.length;
  const limits = expansionLimits(written, expansion);
  const past = {
    values: `expand it past ${limits.values.toLocaleString("en")} values`,
    chars: `expand it past ${limits.chars.toLocaleString("en")} characters of JSON`,
    depth: `nest it deeper than ${limits.depth} levels`,
  };
  const sizes = new Map<string, Size>();
  for (const path of [...files.keys()].reverse()) {
    const excess = dereferencedExcess(files, path, limits, sizes);
    if (excess) {
      throw new UnsafeSpecError(
        `${nameOf(path)}: refused: its $refs, each replaced by its target, ${past[excess]}, as a $ref bomb does; ` +
          "refer to fewer copies of large schemas (limits: x-graph-lro.dereferenced in redocly.yaml)",
      );
    }
  }
}

/**
 * Reads the files of the spec at `root` from the disk, refusing one that a symbolic link (the file, or a folder on
 * its way) takes out of the root's folder. The root itself may be a link: it is the file the user named.
 */
export function readConfined(root: string, readText: (path: string) => Promise<string>): ReadSpecFile {
  return async (path) => {
    if (path !== root) {
      const [real, folder] = await Promise.all([realpath(path).catch(() => path), realpath(dirname(root))]);
      if (!inside(folder, real))
        throw new UnsafeSpecError("refused: a symbolic link takes it out of the spec's folder");
    }
    return readText(path);
  };
}

/**
 * The files a reference names, resolved against the file holding it, or URLs; none for a local `#...`. Each tool's
 * reading counts: Spectral's file is what comes before the first `#`; Redocly's (openapi-typescript's too) what
 * comes before the first `#/`, a `#` at its end dropped, so that to it `#x/../../a.yaml` is a path out of the folder
 * (but `#name`, spelled as Redocly's isAnchor spells it, is a `$anchor` in the same document).
 */
function refTargets(ref: string, from: string): ({ path: string } | { url: string })[] {
  const redocly = /^#[A-Za-z][A-Za-z0-9\-_:.]*$/.test(ref) ? "" : (ref.split("#/")[0] ?? "");
  const files = new Set([ref.split("#")[0] ?? "", redocly.endsWith("#") ? redocly.slice(0, -1) : redocly]);
  return [...files]
    .filter((file) => file !== "")
    .map((file) => (/^[a-z][a-z\d+.-]*:/i.test(file) ? { url: file } : { path: resolve(dirname(from), file) }));
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Every `$ref` string, with the pointer of the object holding it; every `externalValue` string, which Redocly
 * follows as a `$ref` wherever it is (and bundles as an example's value), with its key; and every discriminator
 * mapping value that Redocly takes for a ref, with its own pointer.
 */
function* references(doc: unknown): Generator<{ ref: string; pointer: string; key?: string }> {
  // Each node's pointer is spelled only when a reference needs it: spelling every node's cost about 5% of the
  // checks' CPU at 4,000 paths (some 40 ms of 600), and the checks are what openapi-typescript's worker waits for.
  type Frame = { node: unknown; key: string; parent: Frame | undefined };
  const pointerOf = (frame: Frame): string => {
    const keys: string[] = [];
    for (let at: Frame | undefined = frame; at?.parent; at = at.parent) keys.push(at.key);
    return childPointer("", ...keys.reverse());
  };
  const stack: Frame[] = [{ node: doc, key: "", parent: undefined }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node } = frame;
    if (node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") yield { ref: value, pointer: pointerOf(frame) };
      else if (key === "externalValue" && typeof value === "string")
        yield { ref: value, pointer: pointerOf(frame), key };
      else stack.push({ node: value, key, parent: frame });
      if (key === "discriminator") yield* mappingRefs(value, childPointer(pointerOf(frame), key));
    }
  }
}

/** Redocly resolves a mapping value with a `/` in it, or starting with `#`, as a `$ref` (a bare name is none). */
function* mappingRefs(discriminator: unknown, pointer: string): Generator<{ ref: string; pointer: string }> {
  const mapping = (discriminator as { mapping?: unknown } | null)?.mapping;
  if (mapping === null || typeof mapping !== "object") return;
  for (const [name, ref] of Object.entries(mapping)) {
    if (typeof ref === "string" && (ref.includes("/") || ref.startsWith("#")))
      yield { ref, pointer: childPointer(pointer, "mapping", name) };
  }
}

// Reads a spec from a file, or from git when given `<ref>:<path>` (as `git show` takes it).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { JSON_SCHEMA, load } from "js-yaml";
import { isNode, type Node } from "./openapi.ts";

/**
 * `<ref>:<path>` split as `git show` reads it, or undefined for a file.
 * A path that exists wins over a git ref, so a file named `a:b` still reads as a file.
 */
export function gitSource(source: string, cwd = process.cwd()): { ref: string; path: string } | undefined {
  const colon = source.indexOf(":");
  if (colon < 0 || existsSync(resolve(cwd, source))) return undefined;
  return { ref: source.slice(0, colon), path: source.slice(colon + 1) };
}

export async function readSpecText(source: string, cwd = process.cwd()): Promise<string> {
  if (!gitSource(source, cwd)) {
    return readFile(resolve(cwd, source), "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${source}: cannot read (${error.code ?? error.message})`);
    });
  }
  try {
    const { stdout } = await promisify(execFile)("git", ["show", source], { cwd, maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`${source}: not a file, and git cannot show it (${stderr || (error as Error).message})`);
  }
}

/**
 * YAML or JSON; js-yaml because it parses Microsoft's 20+ MB file several times faster than `yaml` (docs/benchmarks.md).
 * JSON-compatible YAML is what OpenAPI means: the default schema would make `2023-06-01` a Date, never equal to itself.
 */
export function parseSpec(text: string, source: string): Node {
  let doc: unknown;
  try {
    doc = load(text, { filename: source, schema: JSON_SCHEMA });
  } catch (error) {
    throw new Error((error as Error).message);
  }
  if (!isNode(doc) || (typeof doc.openapi !== "string" && typeof doc.swagger !== "string")) {
    throw new Error(`${source}: not an OpenAPI document (no "openapi" field)`);
  }
  return doc;
}

export async function readSpec(source: string, cwd?: string): Promise<Node> {
  return parseSpec(await readSpecText(source, cwd), source);
}

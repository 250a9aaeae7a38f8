// Reads a spec from a file, or from git when given `<ref>:<path>` (as `git show` takes it).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadYaml } from "./load-yaml.ts";
import { isNode, type Node } from "./openapi.ts";
import { runTool } from "./run-tool.ts";

/**
 * `<ref>:<path>` split as `git show` reads it, or undefined for a file.
 * A path that exists wins over a git ref, so a file named `a:b` still reads as a file; and a "ref" that starts
 * with `-` is none (git would take `--output=x:y` for an option and write the file x:y).
 */
export function gitSource(source: string, cwd = process.cwd()): { ref: string; path: string } | undefined {
  const colon = source.indexOf(":");
  if (colon <= 0 || source.startsWith("-") || existsSync(resolve(cwd, source))) return undefined;
  return { ref: source.slice(0, colon), path: source.slice(colon + 1) };
}

export async function readSpecText(source: string, cwd = process.cwd()): Promise<string> {
  if (!gitSource(source, cwd)) {
    return readFile(resolve(cwd, source), "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${source}: cannot read (${error.code ?? error.message})`);
    });
  }
  try {
    return await git(cwd, ["show"], [source]);
  } catch (error) {
    const output = String((error as { output?: string }).output ?? "").trim();
    throw new Error(`${source}: not a file, and git cannot show it (${output || (error as Error).message})`);
  }
}

/**
 * Runs git: the command and its options, then `--end-of-options` and the operands, so that no operand (a
 * revision from the command line) is ever read as an option. Bounded in time, and in output (Microsoft's
 * whole file is tens of MB).
 */
export function git(cwd: string, command: string[], operands: string[] = []): Promise<string> {
  const args = operands.length ? [...command, "--end-of-options", ...operands] : command;
  return runTool("git", args, { cwd, maxBuffer: 512 * 1024 * 1024 });
}

/** Parses a spec (YAML or JSON, aliases capped) and checks that it is an OpenAPI document. */
export function parseSpec(text: string, source: string): Node {
  return asOpenApi(loadYaml(text, source), source);
}

/** `doc`, if it is an OpenAPI (or Swagger) document; an error naming `source` if not. */
export function asOpenApi(doc: unknown, source: string): Node {
  if (!isNode(doc) || (typeof doc.openapi !== "string" && typeof doc.swagger !== "string")) {
    throw new Error(`${source}: not an OpenAPI document (no "openapi" field)`);
  }
  return doc;
}

export async function readSpec(source: string, cwd?: string): Promise<Node> {
  return parseSpec(await readSpecText(source, cwd), source);
}

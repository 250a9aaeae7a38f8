// Every command that hands a spec to Redocly, Spectral or openapi-typescript checks it with this first.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiTarget } from "./config.ts";
import { GenerateError } from "./errors.ts";
import { loadSpecFiles, readConfined, type SpecFiles } from "./spec-files.ts";

/**
 * Parses the spec and the files it refers to with our capped parser, refusing alias bombs and escaping `$ref`s,
 * as a GenerateError. A file we cannot parse is refused too: Redocly's parser accepts a few more tags, which must
 * not let a bomb by. Run it before any tool that reads the spec itself. Returns the files it read and parsed.
 */
export async function checkSpec(projectDir: string, target: ApiTarget): Promise<SpecFiles> {
  const root = join(projectDir, target.root);
  const readText = (path: string) =>
    readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (path !== root) throw error;
      throw new GenerateError(`${target.root}: cannot read the spec of API "${target.name}" (redocly.yaml)`);
    });
  try {
    return await loadSpecFiles(root, readConfined(root, readText), target.root, target.dereferenced);
  } catch (error) {
    throw error instanceof GenerateError ? error : new GenerateError((error as Error).message);
  }
}

// Reads a spec as one document, its external `$ref`s bundled into components the way Redocly bundles it for
// `npm run generate`, so spec:diff compares what the generated types are made of.
import { readFile } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { BaseResolver, bundle, createConfig, Source } from "@redocly/openapi-core";
import type { Node } from "./openapi.ts";
import { loadSpecFiles, type ReadSpecFile, readConfined } from "./spec-files.ts";
import { asOpenApi, git, gitSource, readSpecText } from "./spec-source.ts";

/**
 * A file, or a git `<ref>:<path>` whose referenced files are read at the same ref. Every file is read and checked
 * (aliases capped, no `$ref` out of the spec's folder or to a URL) before Redocly bundles them from memory.
 */
export async function readBundledSpec(source: string, cwd = process.cwd()): Promise<Node> {
  const fromGit = gitSource(source, cwd);
  let rootPath = resolve(cwd, source);
  // The root is read as readSpecText reads any source (its errors name the source); the others, by path.
  let read: ReadSpecFile = readConfined(rootPath, (path) =>
    path === rootPath ? readSpecText(source, cwd) : readFile(path, "utf8"),
  );
  if (fromGit) {
    // `git show` reads `ref:path` from the repository's top, and `ref:./path` from cwd.
    const top = (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
    rootPath = resolve(/^\.\.?\//.test(fromGit.path) ? cwd : top, fromGit.path);
    const atRef = (path: string) => `${fromGit.ref}:${relative(top, path).split(sep).join("/")}`;
    read = (path) => readSpecText(path === rootPath ? source : atRef(path), cwd);
  }
  const files = await loadSpecFiles(rootPath, read, source);
  const root = files.get(rootPath);
  const { bundle: bundled, problems } = await bundle({
    doc: { source: new Source(rootPath, root?.text ?? ""), parsed: asOpenApi(root?.doc, source) },
    config: await createConfig({}),
    externalRefResolver: new CheckedFilesResolver(files),
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    const where = (p: (typeof errors)[number]) => p.location[0]?.pointer ?? "";
    throw new Error(`${source}: ${errors.map((p) => `${where(p)}: ${p.message}`).join("; ")}`);
  }
  return bundled.parsed as Node;
}

/** Serves only the files loadSpecFiles read and checked: Redocly reads nothing else, from disk or network. */
export class CheckedFilesResolver extends BaseResolver {
  constructor(readonly files: Map<string, { text: string }>) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const file = this.files.get(absoluteRef);
    if (!file) throw new Error(`${absoluteRef}: not among the checked files of the spec`);
    return new Source(absoluteRef, file.text);
  }
}

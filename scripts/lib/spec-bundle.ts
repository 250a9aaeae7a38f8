// Reads a spec as one document, its external `$ref`s bundled into components the way Redocly bundles it for
// `npm run generate`, so spec:diff compares what the generated types are made of.
import { execFile } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { BaseResolver, bundle, createConfig, isAbsoluteUrl, Source } from "@redocly/openapi-core";
import type { Node } from "./openapi.ts";
import { gitSource, parseSpec, readSpecText } from "./spec-source.ts";

/** A file, or a git `<ref>:<path>` whose referenced files are read at the same ref. */
export async function readBundledSpec(source: string, cwd = process.cwd()): Promise<Node> {
  const text = await readSpecText(source, cwd);
  const parsed = parseSpec(text, source);
  const git = gitSource(source, cwd);
  let absoluteRef = resolve(cwd, source);
  let resolver = new BaseResolver();
  if (git) {
    // `git show` reads `ref:path` from the repository's top, and `ref:./path` from cwd.
    const top = (await promisify(execFile)("git", ["rev-parse", "--show-toplevel"], { cwd })).stdout.trim();
    absoluteRef = resolve(/^\.\.?\//.test(git.path) ? cwd : top, git.path);
    resolver = new GitResolver(git.ref, top, cwd);
  }
  const { bundle: bundled, problems } = await bundle({
    doc: { source: new Source(absoluteRef, text), parsed },
    config: await createConfig({}),
    externalRefResolver: resolver,
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    const where = (p: (typeof errors)[number]) => p.location[0]?.pointer ?? "";
    throw new Error(`${source}: ${errors.map((p) => `${where(p)}: ${p.message}`).join("; ")}`);
  }
  return bundled.parsed as Node;
}

/** Loads the files a spec refers to from the git ref the spec came from, not from the working tree. */
class GitResolver extends BaseResolver {
  constructor(
    readonly ref: string,
    readonly top: string,
    readonly cwd: string,
  ) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) return super.loadExternalRef(absoluteRef);
    const path = relative(this.top, absoluteRef).split(sep).join("/");
    return new Source(absoluteRef, await readSpecText(`${this.ref}:${path}`, this.cwd));
  }
}

// The dereferenced bundle of the data module: Redocly's bundler, in process, on the files checkSpec read.
import { GenerateError } from "./errors.ts";
import type { SpecFiles } from "./spec-files.ts";
import { asOpenApi } from "./spec-source.ts";

/**
 * The spec at `rootPath` bundled into one document, every `$ref` replaced by its target, as
 * `redocly bundle --dereferenced` writes it. In process, from the files already parsed and checked (no second
 * parse of the spec, no child process, no file to write and read back), and Redocly reads nothing else.
 */
export async function dereferencedBundle(files: SpecFiles, rootPath: string, label: string): Promise<unknown> {
  // Loaded on first use, not with the script: Redocly takes a second or more to load, and the spec's checks
  // (which openapi-typescript's worker waits for) run first.
  const [{ bundle, createConfig, Source }, { CheckedFilesResolver }] = await Promise.all([
    import("@redocly/openapi-core"),
    import("./spec-bundle.ts"),
  ]);
  const root = files.get(rootPath);
  const { bundle: bundled, problems } = await bundle({
    doc: { source: new Source(rootPath, root?.text ?? ""), parsed: asOpenApi(root?.doc, label) },
    config: await createConfig({}),
    externalRefResolver: new CheckedFilesResolver(files),
    dereference: true,
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) {
    const where = (p: (typeof errors)[number]) => p.location[0]?.pointer ?? "";
    throw new GenerateError(
      `${label}: redocly bundle failed: ${errors.map((p) => `${where(p)}: ${p.message}`).join("; ")}`,
    );
  }
  return bundled.parsed;
}

import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSpec } from "./check-spec.ts";
import { CONFIG_FILE, readApiTargets } from "./config.ts";
import { type ApiPage, indexPage, SITE_MARK } from "./docs-index.ts";
import { loadYaml } from "./load-yaml.ts";
import { runRedocly } from "./redocly.ts";
import { ToolError } from "./run-tool.ts";

/** Redoc's page with a Content-Security-Policy that keeps it offline (see the file). */
const PAGE_TEMPLATE = "scripts/docs-page.hbs";

/** A reference page that could not be built; the message names the API and what failed. */
export class DocsError extends Error {
  override name = "DocsError";
}

/**
 * Builds the API reference into `outDir`: for each API in redocly.yaml, `<name>.html` (Redoc, one
 * self-contained file) and `<name>.yaml` (its bundled spec, which the page offers for download), plus
 * `index.html` linking them, a layout GitHub Pages serves as is. Pages are built in a temporary folder
 * first, so a failure leaves `outDir` as it was; pages and specs of APIs no longer declared are removed,
 * other files (screenshots) are kept. Returns the pages.
 */
export async function buildDocs(projectDir: string, outDir: string): Promise<ApiPage[]> {
  await checkOutDir(outDir);
  const targets = await readApiTargets(projectDir);
  // Redocly bundles what the spec refers to into the published pages: a hostile spec is refused first.
  for (const target of targets) await checkSpec(projectDir, target);
  const config = loadYaml(await readFile(join(projectDir, CONFIG_FILE), "utf8"), CONFIG_FILE) as RedoclyConfig;
  const project = JSON.parse(await readFile(join(projectDir, "package.json"), "utf8")) as { name: string };
  const stage = await mkdtemp(join(tmpdir(), "graph-lro-docs-"));
  try {
    const pages = await Promise.all(targets.map(({ name }) => buildPage(projectDir, stage, name, config)));
    await writeFile(join(stage, "index.html"), indexPage(`${project.name} API reference`, pages));
    // GitHub Pages would otherwise run Jekyll over the folder.
    await writeFile(join(stage, ".nojekyll"), "");
    await mkdir(outDir, { recursive: true });
    const built = new Set(await readdir(stage));
    for (const file of await readdir(outDir)) {
      if (/\.(html|yaml)$/.test(file) && !built.has(file)) await rm(join(outDir, file), { force: true });
    }
    for (const file of built) await copyFile(join(stage, file), join(outDir, file));
    return pages;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Stale pages are removed from `outDir`, so it must be a site this script built (or new, or empty):
 * `--out .` or `--out spec` would otherwise delete or overwrite the project's own YAML.
 */
async function checkOutDir(outDir: string): Promise<void> {
  const files = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (files.length === 0) return;
  const index = await readFile(join(outDir, "index.html"), "utf8").catch(() => "");
  if (!index.includes(SITE_MARK)) {
    throw new DocsError(`${outDir} is neither empty nor a site built by npm run docs; choose a new or empty folder`);
  }
}

interface RedoclyConfig {
  openapi?: Record<string, unknown>;
  apis: Record<string, { openapi?: Record<string, unknown> }>;
}

async function buildPage(projectDir: string, stage: string, name: string, config: RedoclyConfig): Promise<ApiPage> {
  const page = { name, html: `${name}.html`, yaml: `${name}.yaml` };
  // Key by key: given an API's own `openapi:`, build-docs would ignore the shared one entirely.
  const options = {
    ...config.openapi,
    ...config.apis[name]?.openapi,
    downloadUrls: [{ title: "OpenAPI description (YAML)", url: page.yaml }],
  };
  await redocly(projectDir, name, ["bundle", name, "-o", join(stage, page.yaml)]);
  await redocly(projectDir, name, [
    ...["build-docs", name, "--inlineBundle", "--template", PAGE_TEMPLATE],
    ...["--openapi", JSON.stringify(options), "-o", join(stage, page.html)],
  ]);
  const bundled = loadYaml(await readFile(join(stage, page.yaml), "utf8"), page.yaml) as {
    info: Record<string, string>;
  };
  const { info } = bundled;
  return { ...page, title: info.title ?? name, version: info.version ?? "", summary: info.summary };
}

async function redocly(projectDir: string, api: string, args: string[]): Promise<void> {
  try {
    await runRedocly(projectDir, args);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const why = error.exitCode === undefined ? error.reason : `failed:\n${error.output}`;
    throw new DocsError(`API "${api}": redocly ${args[0]} ${why}`);
  }
}

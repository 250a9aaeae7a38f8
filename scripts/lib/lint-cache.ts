// Which inputs Redocly's lint has passed, remembered so that generate, check:generated and lint:spec do not lint
// one spec again (each Redocly run is about a second of CPU). Only a pass is remembered, keyed by all the lint
// reads: Redocly's version, its arguments, redocly.yaml, its lint-ignore file and every file of every spec. A
// config that loads code or other configs (plugins, an extends that is not a built-in ruleset) is never
// remembered, as what it reads is not known here. The file is trusted as node_modules is, whose Redocly runs
// anyway. GRAPH_LRO_LINT_CACHE=off turns it off (npm run bench does).
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { CONFIG_FILE } from "./config.ts";
import { loadYaml } from "./load-yaml.ts";
import type { SpecFiles } from "./spec-files.ts";

/** Where the passes are kept: beside other tools' caches, gone with node_modules. */
export const LINT_CACHE_FILE = "node_modules/.cache/graph-lro/lint-passes.json";
/** The newest passes kept: a spec and its recent edits, not every spec a test suite lints. */
const MAX_PASSES = 64;
const BUILT_IN_RULESETS = new Set(["minimal", "recommended", "recommended-strict", "spec", "all"]);
const IGNORE_FILE = ".redocly.lint-ignore.yaml";

/**
 * Runs `lint` unless these inputs passed before; a pass is then remembered. What `lint` throws (a failure) is
 * never remembered, so its report is printed on every run.
 */
export async function lintOnce(
  projectDir: string,
  args: readonly string[],
  specs: readonly SpecFiles[],
  lint: () => Promise<unknown>,
): Promise<void> {
  const key = process.env.GRAPH_LRO_LINT_CACHE === "off" ? undefined : await passKey(projectDir, args, specs);
  const file = join(projectDir, LINT_CACHE_FILE);
  const passes = key === undefined ? [] : await readPasses(file);
  if (key !== undefined && passes.includes(key)) return;
  await lint();
  if (key === undefined) return;
  // Written whole under a name of its own, then renamed: runs side by side (in one process too) may drop each
  // other's pass, never leave half a file. A pass that cannot be kept is only linted again next time.
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify([key, ...passes.filter((k) => k !== key)].slice(0, MAX_PASSES)));
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** A hash of everything the lint reads, or undefined when that is not known (or Redocly's version is not). */
async function passKey(
  projectDir: string,
  args: readonly string[],
  specs: readonly SpecFiles[],
): Promise<string | undefined> {
  const config = await readFile(join(projectDir, CONFIG_FILE), "utf8");
  if (!knownInputs(loadYaml(config, CONFIG_FILE))) return undefined;
  const version = await readFile(join(projectDir, "node_modules/@redocly/cli/package.json"), "utf8")
    .then((text) => (JSON.parse(text) as { version?: unknown }).version)
    .catch(() => undefined);
  if (typeof version !== "string") return undefined;
  const ignore = await readFile(join(projectDir, IGNORE_FILE), "utf8").catch(() => null);
  // By path in the project, so that copies of a project (the tests') share their passes.
  const files = specs.flatMap((spec) => [...spec].map(([path, { text }]) => [relative(projectDir, path), text]));
  return createHash("sha256").update(JSON.stringify({ version, args, config, ignore, files })).digest("hex");
}

/** Whether the config reads nothing but itself: no plugins, and only Redocly's own rulesets extended. */
function knownInputs(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  for (const [key, item] of Object.entries(value)) {
    if (key === "plugins") return false;
    if (key === "extends") {
      const names = Array.isArray(item) ? item : [item];
      if (!names.every((name) => typeof name === "string" && BUILT_IN_RULESETS.has(name))) return false;
    } else if (!knownInputs(item)) return false;
  }
  return true;
}

async function readPasses(file: string): Promise<string[]> {
  const passes = await readFile(file, "utf8")
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => []);
  return Array.isArray(passes) ? passes.filter((key): key is string => typeof key === "string") : [];
}

import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { GenerateError } from "./errors.ts";
import { loadYaml } from "./load-yaml.ts";
import { EXPANSION_DEFAULTS, type ExpansionLimits } from "./ref-expansion.ts";

/** One API declared in redocly.yaml, with the artifacts generated from it. */
export interface ApiTarget {
  name: string;
  /** Root spec file, relative to the project. */
  root: string;
  /** openapi-typescript output (`x-openapi-ts.output`). */
  types: string;
  /** Bundled, dereferenced spec as a TypeScript module (`x-graph-lro.data`). */
  data: string;
  /** Server roots and operation routes only, small enough for a browser bundle (`x-graph-lro.routes`). */
  routes: string;
  /** The mock's schema validators, compiled ahead of time by ajv (`x-graph-lro.validators`). */
  validators: string;
  /** What the mock reads of the spec, each repeated part once: for browser bundles (`x-graph-lro.mock`). */
  mock: string;
  /** How far its `$ref`s may expand it (`x-graph-lro.dereferenced`; EXPANSION_DEFAULTS for a key not given). */
  dereferenced: ExpansionLimits;
}

export const CONFIG_FILE = "redocly.yaml";

const OUTPUTS = [
  ["types", ["x-openapi-ts", "output"]],
  ["data", ["x-graph-lro", "data"]],
  ["routes", ["x-graph-lro", "routes"]],
  ["validators", ["x-graph-lro", "validators"]],
  ["mock", ["x-graph-lro", "mock"]],
] as const;

/**
 * Reads the APIs and their outputs from redocly.yaml: the only list of what gets generated.
 * Paths come back normalised and relative to the project, because the scripts use them as keys:
 * `./generated/x.ts` and `generated/x.ts` must be one file, or generate deletes what it just wrote.
 */
export async function readApiTargets(projectDir: string): Promise<ApiTarget[]> {
  const text = await readFile(join(projectDir, CONFIG_FILE), "utf8").catch((error: Error) => {
    throw new GenerateError(`${CONFIG_FILE}: cannot read it: ${error.message}`);
  });
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const [syntax] = doc.errors;
  if (syntax) {
    const at = syntax.linePos ? `:${syntax.linePos[0].line}:${syntax.linePos[0].col}` : "";
    // yaml appends " at line …, column …:" and a code frame; the location is already in front.
    const reason = syntax.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
    throw new GenerateError(`${CONFIG_FILE}${at}: invalid YAML: ${reason}`);
  }
  // Redocly reads this file too: an alias bomb in it must be refused before Redocly expands it.
  try {
    loadYaml(text, CONFIG_FILE);
  } catch (error) {
    throw new GenerateError((error as Error).message);
  }
  /** An error at the key of `path`, or of its nearest ancestor that exists. */
  const fail = (path: string[], message: string) =>
    new GenerateError(`${CONFIG_FILE}${lineOf(doc, lines, path)}: ${message}`);

  const apis = doc.get("apis");
  if (!isMap(apis) || apis.items.length === 0) throw fail(["apis"], 'no API is declared under "apis:"');
  const targets: ApiTarget[] = [];
  for (const pair of apis.items) {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const api = pair.value;
    if (!isMap(api)) throw fail(["apis", name], `apis.${name} must be a mapping with root and outputs`);
    const file = (keys: readonly string[]): string => {
      const path = ["apis", name, ...keys];
      const value = doc.getIn(path);
      if (typeof value !== "string" || value === "") throw fail(path, `${path.join(".")} must name a file`);
      const inProject = relative(projectDir, resolve(projectDir, value));
      if (inProject === "" || inProject === ".." || inProject.startsWith(`..${sep}`) || isAbsolute(inProject)) {
        throw fail(path, `${path.join(".")} must name a file inside the project, not ${value}`);
      }
      return inProject;
    };
    const limit = (key: keyof ExpansionLimits): number => {
      const path = ["apis", name, "x-graph-lro", "dereferenced", key];
      const value = doc.getIn(path) ?? EXPANSION_DEFAULTS[key];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        throw fail(path, `${path.join(".")} must be a whole number, at least 1`);
      }
      return value;
    };
    targets.push({
      name,
      root: file(["root"]),
      types: file(OUTPUTS[0][1]),
      data: file(OUTPUTS[1][1]),
      routes: file(OUTPUTS[2][1]),
      validators: file(OUTPUTS[3][1]),
      mock: file(OUTPUTS[4][1]),
      dereferenced: { maxExpansion: limit("maxExpansion"), maxDepth: limit("maxDepth") },
    });
  }
  // Two outputs naming one file would silently overwrite each other; an output naming a spec, the spec.
  const owners = new Map<string, string>();
  for (const target of targets) if (!owners.has(target.root)) owners.set(target.root, `apis.${target.name}.root`);
  for (const target of targets) {
    for (const [field, keys] of OUTPUTS) {
      const here = ["apis", target.name, ...keys];
      const other = owners.get(target[field]);
      if (other) throw fail(here, `${here.join(".")} and ${other} both name ${target[field]}`);
      owners.set(target[field], here.join("."));
    }
  }
  return targets;
}

/** `:line` of the key at `path` (or of the nearest ancestor key present), or "" if none is. */
function lineOf(doc: Document, lines: LineCounter, path: string[]): string {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    if (!isMap(parent)) continue;
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === path[depth - 1]);
    const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    if (offset !== undefined) return `:${lines.linePos(offset).line}`;
  }
  return "";
}

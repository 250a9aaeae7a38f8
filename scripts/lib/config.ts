import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";

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
}

export const CONFIG_FILE = "redocly.yaml";

/** Reads the APIs and their outputs from redocly.yaml: the only list of what gets generated. */
export async function readApiTargets(projectDir: string): Promise<ApiTarget[]> {
  const text = await readFile(join(projectDir, CONFIG_FILE), "utf8");
  const config = parse(text) as { apis?: Record<string, Record<string, unknown>> } | null;
  const apis = Object.entries(config?.apis ?? {});
  if (apis.length === 0) throw new Error(`${CONFIG_FILE}: no API is declared under "apis:"`);
  return apis.map(([name, api]) => {
    const field = (value: unknown, key: string): string => {
      if (typeof value !== "string" || value === "") {
        throw new Error(`${CONFIG_FILE}: apis.${name}.${key} must name a file`);
      }
      return value;
    };
    const ts = api["x-openapi-ts"] as { output?: unknown } | undefined;
    const lro = api["x-graph-lro"] as { data?: unknown; routes?: unknown } | undefined;
    return {
      name,
      root: field(api.root, "root"),
      types: field(ts?.output, "x-openapi-ts.output"),
      data: field(lro?.data, "x-graph-lro.data"),
      routes: field(lro?.routes, "x-graph-lro.routes"),
    };
  });
}

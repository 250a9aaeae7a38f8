// The one YAML (and JSON) parser of the spec pipeline, with alias expansion capped.
import { JSON_SCHEMA, load } from "js-yaml";
import { UnsafeSpecError } from "./errors.ts";

/**
 * How many values aliases (`*name`) may add beyond those written out. An alias is a reference, so parsing a
 * bomb is cheap, but every tool that walks the result (Redocly, openapi-typescript, JSON.stringify) expands
 * it: a few hundred bytes of nested aliases reach 10⁹ values. Generous for real reuse, fatal to a bomb.
 */
export const ALIAS_BUDGET = 100_000;

/**
 * Parses YAML or JSON, throwing an UnsafeSpecError that names `source` when aliases expand it by more than
 * ALIAS_BUDGET values (a cycle expands without end, so it is refused too). js-yaml because it parses Microsoft's
 * file (tens of MB) several times faster than `yaml` (docs/benchmarks.md); JSON-compatible YAML because that is what
 * OpenAPI means (the default schema would make `2023-06-01` a Date, never equal to itself).
 */
export function loadYaml(text: string, source: string): unknown {
  let doc: unknown;
  try {
    doc = load(text, { filename: source, schema: JSON_SCHEMA });
  } catch (error) {
    throw new Error((error as Error).message);
  }
  // Every value written out takes at least one character, so only aliases can push the count past this.
  const limit = text.length + ALIAS_BUDGET;
  if (!fitsIn(doc, limit)) {
    throw new UnsafeSpecError(
      `${source}: refused: its YAML aliases (*name) expand it past ${limit.toLocaleString("en")} values, ` +
        "as an alias bomb does; write the repeated parts out or use $ref",
    );
  }
  return doc;
}

/** Whether the tree under `root`, every alias expanded, has at most `limit` values. Stops counting at the limit. */
function fitsIn(root: unknown, limit: number): boolean {
  const stack: unknown[] = [root];
  for (let count = 1; stack.length > 0; count++) {
    if (count > limit) return false;
    const value = stack.pop();
    // A loop, not push(...values): a spread of a million-element array overflows the call stack.
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) stack.push(child);
  }
  return true;
}

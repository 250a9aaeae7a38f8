// The one YAML (and JSON) parser of the spec pipeline, with alias expansion capped.
import * as jsYaml from "js-yaml";
import { JSON_SCHEMA, load, type Schema, type Type } from "js-yaml";
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
  const parse = (schema: Schema): unknown => {
    try {
      return load(text, { filename: source, schema });
    } catch (error) {
      throw new Error((error as Error).message);
    }
  };
  const doc = parse(JSON_SCHEMA);
  // Every value written out takes at least one character, so only aliases can push the count past this.
  const limit = text.length + ALIAS_BUDGET;
  if (!fitsIn(doc, limit)) {
    throw new UnsafeSpecError(
      `${source}: refused: its YAML aliases (*name) expand it past ${limit.toLocaleString("en")} values, ` +
        "as an alias bomb does; write the repeated parts out or use $ref",
    );
  }
  // What Redocly reads (and checks must see): a merge key `<<` merges the mappings it names into its own. Parsed
  // again only then, once the aliases are bounded: a merge copies no more than its aliases reach, counted above.
  // Only for a `<<` key (parsed as one here), not for `<<` anywhere in the text: a description's cost a parse.
  return text.includes("<<") && hasMergeKey(doc) ? parse(MERGING) : doc;
}

/** Whether a mapping under `root` (its aliases bounded by fitsIn) has the key `<<`. */
function hasMergeKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (value === null || typeof value !== "object") continue;
    if (!Array.isArray(value) && Object.hasOwn(value, "<<")) return true;
    for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

/** JSON_SCHEMA with YAML's merge key, as Redocly's parser has it (its DEFAULT_SCHEMA_WITHOUT_TIMESTAMP). */
const MERGING = JSON_SCHEMA.extend({
  implicit: [(jsYaml as unknown as { types: { merge: Type } }).types.merge], // js-yaml's own; its @types omit it
});

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

import type { ErrorObject } from "ajv/dist/2020.js";
import { spec as generatedSpec } from "../../generated/graph-lro.spec.ts";
import { storiesFile as validateStoriesFile } from "../../generated/graph-lro.validators.ts";
import { StoriesFileError } from "../errors/stories-file-error.ts";
import type { JsonSchema, OpenApiDocument } from "./openapi-document.ts";
import type { CompiledValidator } from "./schema-problems.ts";
import type { BuiltInStoryName, Story } from "./stories.ts";
import { storiesFileSchemaOf } from "./stories-file-schema.ts";

/** The stories of a file (`graph-lro mock --stories`): by operation id, each a built-in story's name or steps. */
export type StoriesFile = Record<string, Story | BuiltInStoryName>;

/**
 * The JSON Schema of a stories file (see storiesFileSchemaOf), of the generated spec by default. `readStoriesFile`
 * checks a file against this schema of the generated spec, compiled by `npm run generate`.
 */
export function storiesFileSchema(doc: OpenApiDocument = generatedSpec as unknown as OpenApiDocument): JsonSchema {
  return storiesFileSchemaOf(doc);
}

/**
 * Reads the stories of a file's text, checked against the stories-file schema of the generated spec (compiled by
 * `npm run generate`); a StoriesFileError names each bad entry.
 */
export function readStoriesFile(text: string): StoriesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoriesFileError([`not JSON: ${(error as Error).message}`]);
  }
  const validate = validateStoriesFile as CompiledValidator;
  if (validate(data)) return data as StoriesFile;
  const problems = (validate.errors ?? []).filter((e) => e.keyword !== "if").map(describe);
  throw new StoriesFileError([...new Set(problems)]);
}

/** `"op-1" step 2: status must be equal to one of the allowed values: notStarted, running…`. */
function describe({ instancePath, message, params, keyword }: ErrorObject): string {
  const [key, index, ...rest] = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const where =
    key === undefined ? "the file" : `${JSON.stringify(key)}${index === undefined ? "" : ` step ${Number(index) + 1}`}`;
  const field = rest.length ? `${rest.join(".")} ` : "";
  const allowed = keyword === "enum" ? `: ${runs(params.allowedValues as unknown[]).join(", ")}` : "";
  const extra = keyword === "additionalProperties" ? ` (${params.additionalProperty})` : "";
  return `${where}: ${field}${message}${allowed}${extra}`;
}

/** Values as written, runs of consecutive integers as one range: `400, 401, …, 599` becomes `400-599`. */
function runs(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    let j = i;
    while (Number.isInteger(values[j]) && values[j + 1] === (values[j] as number) + 1) j++;
    out.push(j > i ? `${values[i]}-${values[j]}` : String(values[i]));
    i = j;
  }
  return out;
}

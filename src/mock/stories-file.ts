import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { spec as generatedSpec } from "../../generated/graph-lro.spec.ts";
import { StoriesFileError } from "../errors/stories-file-error.ts";
import { type JsonSchema, jsonContent, type OpenApiDocument } from "./openapi-document.ts";
import { type SpecOperation, specOperations } from "./spec-operations.ts";
import { type BuiltInStoryName, builtInStories, type StepOf, type Story, type StoryStep } from "./stories.ts";

/** The stories of a file (`graph-lro mock --stories`): by operation id, each a built-in story's name or steps. */
export type StoriesFile = Record<string, Story | BuiltInStoryName>;

/** The fields that every kind of step has and requires (`kind`, `status`). */
type RequiredField = { [F in keyof StoryStep]-?: object extends Pick<StoryStep, F> ? never : F }[keyof StoryStep];

/**
 * The JSON Schema of a stories file, made from the spec: the operation statuses its enum lists (any
 * string with `"unlisted": true`), the error statuses every operation declares (a range's every code).
 */
export function storiesFileSchema(doc: OpenApiDocument = generatedSpec as unknown as OpenApiDocument): JsonSchema {
  const operations = specOperations(doc);
  const retryAfter = { type: "integer", minimum: 0, description: "Retry-After, in seconds" };
  // A schema for each field of each kind of StoryStep: a field the type gains or loses fails tsc here.
  const fields: { [K in StoryStep["kind"]]: { [F in keyof StepOf<K>]-?: JsonSchema } } = {
    operation: { kind: {}, status: { type: "string" }, unlisted: { const: true }, retryAfter, set: { type: "object" } },
    error: { kind: {}, status: { enum: errorStatuses(operations) }, retryAfter },
  };
  const step = (kind: StoryStep["kind"]) => ({
    if: { properties: { kind: { const: kind } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
    then: { properties: fields[kind], additionalProperties: false },
  });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "graph-lro mock stories",
    description:
      "Stories by operation id (the longRunningOperation-id); a request may also ask for one by its key with `Prefer: story=<key>`.",
    type: "object",
    propertyNames: { minLength: 1 },
    additionalProperties: {
      if: { type: "string" },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
      then: { enum: Object.keys(builtInStories) },
      else: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["kind", "status"] satisfies RequiredField[],
          properties: { kind: { enum: Object.keys(fields) } },
          allOf: [
            step("operation"),
            // A status the spec does not list needs `"unlisted": true`: a typo must not pass for one.
            {
              if: { properties: { kind: { const: "operation" } }, not: { required: ["unlisted"] } },
              // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
              then: { properties: { status: { enum: operationStatuses(operations) } } },
            },
            step("error"),
          ],
        },
      },
    },
  };
}

/** Reads the stories of a file's text; a StoriesFileError names each bad entry. */
export function readStoriesFile(text: string, doc?: OpenApiDocument): StoriesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoriesFileError([`not JSON: ${(error as Error).message}`]);
  }
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(storiesFileSchema(doc));
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

/** The status values the operations' success schemas list (an `enum`, possibly inside `anyOf`). */
function operationStatuses(operations: readonly SpecOperation[]): string[] {
  const statuses = new Set<string>();
  for (const operation of operations) {
    const schema = jsonContent(operation.responses["200"])?.schema as { properties?: Record<string, JsonSchema> };
    const status = schema?.properties?.status as { enum?: string[]; anyOf?: { enum?: string[] }[] } | undefined;
    for (const value of [...(status?.enum ?? []), ...(status?.anyOf ?? []).flatMap((s) => s.enum ?? [])]) {
      statuses.add(value);
    }
  }
  return [...statuses];
}

/** The error codes every operation declares, a range (`5XX`) as its every code. */
function errorStatuses(operations: readonly SpecOperation[]): number[] {
  const codesOf = (operation: SpecOperation) =>
    Object.keys(operation.responses).flatMap((key) => {
      const range = /^([45])XX$/.exec(key);
      if (range) return Array.from({ length: 100 }, (_, i) => Number(range[1]) * 100 + i);
      return /^[45]\d\d$/.test(key) ? [Number(key)] : [];
    });
  const [first, ...others] = operations.map((operation) => new Set(codesOf(operation)));
  return [...(first ?? [])].filter((code) => others.every((codes) => codes.has(code))).sort((a, b) => a - b);
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

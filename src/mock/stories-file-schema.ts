import { type JsonSchema, jsonContent, type OpenApiDocument } from "./openapi-document.ts";
import { type SpecOperation, specOperations } from "./spec-operations.ts";
import { builtInStories, type StepOf, type StoryStep } from "./stories.ts";

// Apart from stories-file.ts, which reads the generated spec: `npm run generate` compiles this schema of the
// spec it has just bundled (scripts/lib/validators-module.ts), before any generated file exists.

/** The fields that every kind of step has and requires (`kind`, `status`). */
type RequiredField = { [F in keyof StoryStep]-?: object extends Pick<StoryStep, F> ? never : F }[keyof StoryStep];

/**
 * The JSON Schema of a stories file, made from the spec: the operation statuses its enum lists (any
 * string with `"unlisted": true`), the error statuses every operation declares (a range's every code).
 */
export function storiesFileSchemaOf(doc: OpenApiDocument): JsonSchema {
  const operations = specOperations(doc);
  const retryAfter = { type: "integer", minimum: 0, description: "Retry-After, in seconds" };
  // A schema for each field of each kind of StoryStep: a field the type gains or loses fails tsc here.
  const fields: { [K in StoryStep["kind"]]: { [F in keyof StepOf<K>]-?: JsonSchema } } = {
    operation: { kind: {}, status: { type: "string" }, unlisted: { const: true }, retryAfter, set: { type: "object" } },
    error: { kind: {}, status: oneOf(errorStatuses(operations)), retryAfter },
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
              then: { properties: { status: oneOf(operationStatuses(operations)) } },
            },
            step("error"),
          ],
        },
      },
    },
  };
}

/** `enum` of the values; JSON Schema has no empty enum, so a spec that lists none gets a schema nothing passes. */
const oneOf = (values: readonly unknown[]): JsonSchema => (values.length ? { enum: values } : { not: {} });

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

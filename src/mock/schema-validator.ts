import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { resolvePointer } from "../openapi/json-pointer.ts";
import type { JsonSchema } from "./openapi-document.ts";

/** One way in which a value breaks its schema, located by JSON pointer. */
export interface SchemaProblem {
  pointer: string;
  message: string;
  value: unknown;
}

/** Checks a value against a schema, listing every problem (none when it is valid). */
export type ValidateSchema = (schema: JsonSchema, value: unknown) => SchemaProblem[];

/** Validates values against OpenAPI 3.1 (JSON Schema 2020-12) schemas, compiling each schema once. */
export function createSchemaValidator(): ValidateSchema {
  // strict: false lets OpenAPI keywords (example, x-…) through; formats such as date-time are checked.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  const compiled = new WeakMap<JsonSchema, ValidateFunction>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema as object);
      compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return oneProblemPerChoice(validate.errors ?? []).map((error) => ({
      pointer: error.instancePath || "/",
      message: error.message ?? "is invalid",
      value: resolvePointer(value, error.instancePath),
    }));
  };
}

/**
 * Ajv reports a value that fits no branch of an `anyOf` (or `oneOf`) once per branch and once more
 * for the choice: one typo, three problems. Those become one, saying what each branch wanted
 * ("must be one of notStarted, running, …, or null").
 */
function oneProblemPerChoice(errors: readonly ErrorObject[]): ErrorObject[] {
  const choices = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const branchOf = (e: ErrorObject) =>
    choices.find((c) => c !== e && c.instancePath === e.instancePath && e.schemaPath.startsWith(`${c.schemaPath}/`));
  return errors.flatMap((error) => {
    if (branchOf(error)) return [];
    if (!choices.includes(error)) return [error];
    const [first, ...others] = errors.filter((e) => branchOf(e) === error).map(wants);
    if (first === undefined) return [error];
    // "must be a, or b" when every branch wants to be something; "must match …, or be b" when one does not.
    const rest = others.map((w) => (first.startsWith("be ") && w.startsWith("be ") ? w.slice(3) : w));
    return [{ ...error, message: `must ${[first, ...rest].join(", or ")}` }];
  });
}

/** What a branch's failed keyword wanted, in words that follow "must" ("be one of …", "match pattern …"). */
function wants({ keyword, params, message }: ErrorObject): string {
  if (keyword === "enum") return `be one of ${(params.allowedValues as unknown[]).join(", ")}`;
  if (keyword === "const") return `be ${String(params.allowedValue)}`;
  if (keyword === "type") return `be ${String(params.type)}`;
  return message?.replace(/^must /, "") ?? "be valid";
}

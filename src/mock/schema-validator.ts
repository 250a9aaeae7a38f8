import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
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
    return (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath || "/",
      message: error.message ?? "is invalid",
      value: resolvePointer(value, error.instancePath),
    }));
  };
}

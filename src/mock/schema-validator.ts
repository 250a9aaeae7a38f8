import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema } from "./openapi-document.ts";
import { type CompiledValidator, schemaChecker, type ValidateSchema } from "./schema-problems.ts";

export type { SchemaProblem, ValidateSchema } from "./schema-problems.ts";

/**
 * Validates values against OpenAPI 3.1 (JSON Schema 2020-12) schemas, compiling each schema once, with ajv at run
 * time: for a spec of one's own (`createGraphLroHandlers({ spec })`) and the tests. The generated spec's schemas
 * are compiled ahead of time (generated/graph-lro.validators.ts), to the same checks and messages.
 */
export function createSchemaValidator(): ValidateSchema {
  return schemaChecker(compilingValidators());
}

/** Each schema's validator, compiled by ajv on first use. */
export function compilingValidators(): (schema: JsonSchema) => CompiledValidator {
  // strict: false lets OpenAPI keywords (example, x-…) through; formats such as date-time are checked.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  const compiled = new WeakMap<JsonSchema, ValidateFunction>();
  return (schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema as object);
      compiled.set(schema, validate);
    }
    return validate;
  };
}

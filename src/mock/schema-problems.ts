import type { ErrorObject } from "ajv/dist/2020.js";
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

/** A schema's validator as ajv makes it, compiled at run time or ahead of time (its standalone code). */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Checks a value with the validator of each schema, as `validatorOf` finds it. */
export const schemaChecker =
  (validatorOf: (schema: JsonSchema) => CompiledValidator): ValidateSchema =>
  (schema, value) =>
    problemsOf(validatorOf(schema), value);

/**
 * The validators that `npm run generate` compiled, found by the schema object they were compiled for: nothing is
 * compiled. A schema without one is a bug of the generator, named.
 */
export function precompiledValidators(
  pairs: readonly (readonly [object, CompiledValidator])[],
): (schema: JsonSchema) => CompiledValidator {
  const bySchema = new WeakMap<object, CompiledValidator>(pairs);
  return (schema) => {
    const validator = bySchema.get(schema);
    if (!validator) throw new Error("graph-lro mock: no validator was generated for a schema (run npm run generate)");
    return validator;
  };
}

/** The problems a validator found in a value, one per failed choice, each with its pointer and the value there. */
export function problemsOf(validate: CompiledValidator, value: unknown): SchemaProblem[] {
  if (validate(value)) return [];
  return oneProblemPerChoice(validate.errors ?? []).map((error) => ({
    pointer: error.instancePath || "/",
    message: error.message ?? "is invalid",
    value: resolvePointer(value, error.instancePath),
  }));
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

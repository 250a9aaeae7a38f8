import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { childPointer } from "../openapi/json-pointer.ts";
import { MAX_QUERY_VIOLATIONS } from "./defaults.ts";
import type { ValidateSchema } from "./schema-problems.ts";
import type { SpecOperation } from "./spec-operations.ts";

/**
 * Step 1 of an answer: what in the request breaks the spec (path parameters against their
 * schemas, query names the operation does not declare). Graph answers such requests anyway (it
 * ignores unknown query options), so these are reported, never answered differently.
 */
export function checkRequest(
  operation: SpecOperation,
  query: URLSearchParams,
  ids: Readonly<Record<string, string>>,
  validate: ValidateSchema,
): ContractViolationError[] {
  const found: ContractViolationError[] = [];
  const violation = (subject: string, pointer: string, value: unknown, problem: string) =>
    found.push(new ContractViolationError(operation.operationId, subject, pointer, value, problem));
  for (const parameter of operation.pathParameters) {
    const value = ids[parameter.name];
    for (const problem of parameter.schema ? validate(parameter.schema, value) : []) {
      violation("request path parameter", childPointer("", parameter.name), value, problem.message);
    }
  }
  const unknown = [...new Set(query.keys())].filter((name) => !operation.queryParameters.has(name));
  for (const name of unknown.slice(0, MAX_QUERY_VIOLATIONS)) {
    violation("request query", childPointer("", name), query.get(name), "is not a parameter of this operation");
  }
  // The rest as one: a request of thousands of names must not make thousands of violations and log lines.
  const more = unknown.slice(MAX_QUERY_VIOLATIONS);
  if (more.length > 0)
    violation(
      "request query",
      "",
      more.length,
      `has ${more.length} more names that are not parameters of this operation`,
    );
  return found;
}

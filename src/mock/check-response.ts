import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../openapi/evolvable-enum.ts";
import { unaskedMembers } from "./evolvable-members.ts";
import { type MockResponse, responseSpecFor } from "./mock-response.ts";
import { jsonContent } from "./openapi-document.ts";
import type { ValidateSchema } from "./schema-problems.ts";
import type { SpecOperation } from "./spec-operations.ts";

/**
 * Step 4 of an answer: what in the mock's own answer breaks the spec (an undeclared status, a body
 * against its schema, a Retry-After against its header's). Such an answer is a bug of the spec, of
 * a story or of the mock, reported so that a test can fail on it. `asked`: whether the request asked for
 * the members of evolvable enums after the sentinel, which Graph sends to no other.
 */
export function checkResponse(
  operation: SpecOperation,
  response: MockResponse,
  validate: ValidateSchema,
  asked = false,
): ContractViolationError[] {
  const found: ContractViolationError[] = [];
  const violation = (subject: string, pointer: string, value: unknown, problem: string) =>
    found.push(new ContractViolationError(operation.operationId, subject, pointer, value, problem));
  const declared = responseSpecFor(operation, response.status);
  const subject = `response ${response.status}`;
  if (!declared) {
    violation(subject, "/", response.status, "is not a status the spec declares");
    return found;
  }
  const schema = jsonContent(declared)?.schema;
  for (const problem of schema ? validate(schema, response.body) : []) {
    violation(`${subject} body`, problem.pointer, problem.value, problem.message);
  }
  if (response.status === 200 && !asked) {
    for (const name of unaskedMembers(operation.evolvable, response.body)) {
      const value = (response.body as Record<string, unknown>)[name];
      violation(
        `${subject} body`,
        `/${name}`,
        value,
        `is sent only to a request with Prefer: ${INCLUDE_UNKNOWN_ENUM_MEMBERS}`,
      );
    }
  }
  const header = declared.headers?.["Retry-After"];
  if (header && response.retryAfter === undefined && header.required) {
    violation(`${subject} header`, "/Retry-After", undefined, "is required");
  }
  if (!header && response.retryAfter !== undefined) {
    violation(`${subject} header`, "/Retry-After", response.retryAfter, "is not a header the spec declares");
  }
  if (header?.schema && response.retryAfter !== undefined) {
    for (const problem of validate(header.schema, response.retryAfter)) {
      violation(`${subject} header`, "/Retry-After", response.retryAfter, problem.message);
    }
  }
  return found;
}

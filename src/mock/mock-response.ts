import { jsonContent, type Response as SpecResponse } from "./openapi-document.ts";
import type { SpecOperation } from "./spec-operations.ts";

/** A response the mock is about to send, before it is checked against the spec. */
export interface MockResponse {
  status: number;
  body: unknown;
  /** Retry-After, in seconds. */
  retryAfter?: number;
}

/** The key of the spec response that covers a status: the exact code, else its range (`4XX`), else `default`. */
export function declaredStatus(operation: SpecOperation, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => Object.hasOwn(operation.responses, key));
}

/** The spec's response for a status, as `declaredStatus` finds it. */
export function responseSpecFor(operation: SpecOperation, status: number): SpecResponse | undefined {
  const key = declaredStatus(operation, status);
  return key === undefined ? undefined : operation.responses[key];
}

/** The first example body that the spec gives for this status of the operation. */
export function exampleBody(operation: SpecOperation, status: number): unknown {
  const first = Object.values(jsonContent(responseSpecFor(operation, status))?.examples ?? {})[0];
  if (first === undefined)
    throw new Error(`graph-lro mock: the spec has no example for ${status} of ${operation.operationId}`);
  return structuredClone(first.value);
}

/** An error answer: the spec's example for the status, with `message` in place of the example's when given. */
export function errorResponse(operation: SpecOperation, status: number, message?: string): MockResponse {
  const body = exampleBody(operation, status) as { error?: { message?: string } };
  if (message !== undefined && body.error) body.error.message = message;
  return { status, body };
}

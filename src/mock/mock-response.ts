import type { SpecOperation } from "./spec-operations.ts";

/** A response the mock is about to send, before it is checked against the spec. */
export interface MockResponse {
  status: number;
  body: unknown;
  /** Retry-After, in seconds. */
  retryAfter?: number;
}

/** The spec's response for a status: the exact code, else its range (`4XX`), else `default`. */
export function responseSpecFor(operation: SpecOperation, status: number) {
  return (
    operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default
  );
}

/** The first example body that the spec gives for this status of the operation. */
export function exampleBody(operation: SpecOperation, status: number): unknown {
  const examples = responseSpecFor(operation, status)?.content?.["application/json"]?.examples ?? {};
  const first = Object.values(examples)[0];
  if (first === undefined)
    throw new Error(`graph-lro mock: the spec has no example for ${status} of ${operation.operationId}`);
  return structuredClone(first.value);
}

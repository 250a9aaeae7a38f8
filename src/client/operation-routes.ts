import { operations } from "../../generated/graph-lro.routes.ts";
import type { OperationRef, Route } from "../types/operation-ref.ts";
import { oneOf } from "../util/check/one-of.ts";
import { assertPathId } from "../util/check/path-id.ts";

/** Every route of the spec, for matching a URL against each. */
export const ROUTE_LIST: readonly Route[] = Object.values(operations);

/**
 * The route of a ref's kind; an InvalidArgumentError unless it names one. Kinds are compared with
 * ===, so a kind such as `constructor` names nothing.
 */
export const routeOf = (ref: unknown): Route =>
  oneOf("kind", ROUTE_LIST, (route) => route.kind, (ref as { kind?: unknown } | null)?.kind);

/**
 * The path parameters of a ref under the spec's names, for openapi-fetch's path serializer, each
 * checked first (assertPathId): an InvalidArgumentError names the first bad one by the ref's own
 * field (`userId`), which is what the caller wrote.
 */
export function pathParams(ref: OperationRef, { refFields }: Route): Record<string, string> {
  const fields = ref as unknown as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const [name, field] of Object.entries(refFields)) {
    const value = fields[field];
    assertPathId(field, value);
    params[name] = value;
  }
  return params;
}

import { operations } from "../../generated/graph-lro.routes.ts";
import { oneOf } from "../util/check/one-of.ts";
import { assertPathId } from "../util/check/path-id.ts";

type Operations = typeof operations;
type Route = Operations[keyof Operations];

/**
 * A ref of one operation: its kind (the spec's `x-graph-lro-kind`, else its operationId), and each path
 * parameter under its ref field, unencoded.
 */
type RefOf<R extends Route> = { kind: R["kind"] } & { [F in R["refFields"][keyof R["refFields"]] & string]: string };

/**
 * Which operation a call is for, with its ids (unencoded): one shape per operation of the spec, such as
 * `{ kind: "userAuthentication", userId, operationId }`. The operation's own id is always `operationId`.
 */
export type OperationRef = { [Id in keyof Operations]: RefOf<Operations[Id]> }[keyof Operations];

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

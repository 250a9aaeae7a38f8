import type { operations } from "../../generated/graph-lro.routes.ts";

type Operations = typeof operations;

/** One route of the generated table: an operation's path, kind and ref fields. */
export type Route = Operations[keyof Operations];

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

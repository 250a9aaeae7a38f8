import type { operations as routes } from "../../generated/graph-lro.routes.ts";
import type { spec } from "../../generated/graph-lro.spec.ts";
import type { components, operations } from "../../generated/graph-lro.ts";
import type { RetryEvent } from "./graph-fetch.ts";

type Schemas = components["schemas"];
type SelectOf<Id extends keyof operations> = NonNullable<
  NonNullable<operations[Id]["parameters"]["query"]>["$select"]
>[number];

/** The members of a tuple after `unknownFutureValue` (never without it). */
export type MembersAfterSentinel<T extends readonly unknown[]> = T extends readonly [infer Head, ...infer Rest]
  ? Head extends "unknownFutureValue"
    ? Rest[number]
    : MembersAfterSentinel<Rest>
  : never;

/**
 * The status values the spec lists after `unknownFutureValue`: Graph sends them only to a client created
 * with `includeUnknownEnumMembers: true`, and `unknownFutureValue` in their place to any other.
 */
export type EvolvableLongRunningOperationStatus = MembersAfterSentinel<
  (typeof spec)["components"]["schemas"]["microsoft.graph.longRunningOperationStatus"]["enum"]
>;

/** The status values the spec lists that every client can receive. Graph may send others later. */
export type LongRunningOperationStatus = Exclude<
  Schemas["microsoft.graph.longRunningOperationStatus"],
  EvolvableLongRunningOperationStatus
>;

/**
 * A longRunningOperation as the client returns it. `status` is checked to be a string, and may be
 * one the spec does not list yet (an evolvable enum), which callers must treat as not terminal.
 * `Evolvable`: the client asks for the members after `unknownFutureValue` (`includeUnknownEnumMembers`).
 */
export type LongRunningOperation<Evolvable extends boolean = false> = Omit<
  Schemas["microsoft.graph.longRunningOperation"],
  "status"
> & {
  status:
    | LongRunningOperationStatus
    | (Evolvable extends true ? EvolvableLongRunningOperationStatus : never)
    | (string & {});
};

/** The operationIds of the GETs (the routes table's): the POSTs that start an operation have no `$select`. */
type PolledId = keyof typeof routes & keyof operations;

/** A union of one function type per GET: inferring their common parameter intersects the names. */
type SelectSinks = { [Id in PolledId]: (names: SelectOf<Id>) => void }[PolledId];

/** Property names `$select` may name: those every GET of the spec accepts. */
export type SelectableProperty = SelectSinks extends (names: infer Common) => void ? Common : never;

/** The operation type narrowed to a `$select` list; the whole operation when nothing is selected. */
export type SelectedOperation<
  S extends readonly SelectableProperty[],
  Evolvable extends boolean = false,
> = readonly SelectableProperty[] extends S
  ? LongRunningOperation<Evolvable>
  : Pick<LongRunningOperation<Evolvable>, S[number]>;

/** Per-call options of the client's methods. */
export interface GetOperationOptions<S extends readonly SelectableProperty[] = readonly SelectableProperty[]> {
  /** Sent as `$select`; narrows the result type to these properties. */
  select?: S;
  signal?: AbortSignal;
  /** Called before each retry of this call, after the client's own `onRetry`. */
  onRetry?: (retry: RetryEvent) => void;
}

/** A successful call: the operation, with what the response said about the next call. */
export interface OperationResult<T = LongRunningOperation> {
  operation: T;
  /** HTTP status (200, or another 2xx). */
  status: number;
  /** The response's `Retry-After`, in ms, if it had one. */
  retryAfterMs: number | undefined;
  /** Graph's `request-id`, for support cases. */
  requestId: string | undefined;
  /** The `client-request-id` this call sent (the same on each of its retries). */
  clientRequestId: string;
}

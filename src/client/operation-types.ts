import type { operations as routes } from "../../generated/graph-lro.routes.ts";
import type { operations } from "../../generated/graph-lro.ts";
import type { LongRunningOperation } from "../types/long-running-operation.ts";
import type { RetryEvent } from "./graph-fetch.ts";

type SelectOf<Id extends keyof operations> = NonNullable<
  NonNullable<operations[Id]["parameters"]["query"]>["$select"]
>[number];

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
  /** Called before each retry of this call, before the client's own `onRetry`. */
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

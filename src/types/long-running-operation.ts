import type { spec } from "../../generated/graph-lro.spec.ts";
import type { components } from "../../generated/graph-lro.ts";

type Schemas = components["schemas"];

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

import type { starts } from "../../generated/graph-lro.routes.ts";
import type { operations } from "../../generated/graph-lro.ts";
import type { OperationRef } from "../types/operation-ref.ts";
import type { RetryEvent } from "./graph-fetch.ts";

type Starts = typeof starts;

/** The name of a typed start: a POST's `x-graph-lro-start` in the spec (`resetPassword`, `refreshAlert`, ...). */
export type StartName = keyof Starts;

type Entry<N extends StartName> = Starts[N];
type Spec<N extends StartName> = operations[Entry<N>["operationId"]];
type Fields<N extends StartName> = Entry<N>["fields"][keyof Entry<N>["fields"]] & string;
type Defaulted<N extends StartName> = keyof Entry<N>["defaults"] & string;
type BodyOf<N extends StartName> =
  Spec<N> extends { requestBody?: { content: { "application/json": infer B } } } ? B : unknown;

/**
 * What a start takes: its path parameters camelCased (`user-id` → `userId`; one with a default in the spec,
 * such as resetPassword's `authenticationMethodId`, may be left out) and its request body's properties.
 */
export type StartInput<N extends StartName> = { [F in Exclude<Fields<N>, Defaulted<N>>]: string } & {
  [F in Defaulted<N>]?: string;
} & BodyOf<N>;

/** The JSON body of a start's 202 as the spec declares it (resetPassword's may hold a generated password). */
export type AcceptedBody<N extends StartName> = Spec<N>["responses"] extends {
  202: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** Per-call options of a start. */
export interface StartOptions {
  signal?: AbortSignal;
  /** Called before the retry of a throttled (429) start, before the client's own `onRetry`. */
  onRetry?: (retry: RetryEvent) => void;
}

/**
 * An operation a start set going: its 202's `Location` (verbatim, and parsed as a ref of the GET it points
 * to), its `Retry-After`, and its body. Pass it to waitForOperation, which waits the Retry-After first.
 * `body` is not enumerable: it may hold a secret (a generated password), which JSON.stringify and
 * console.log of the result then leave out.
 */
export interface StartedOperation<N extends StartName = StartName> {
  readonly start: N;
  /** The 202's Location, verbatim (extra query parameters such as `aadgdc` kept). */
  readonly location: string;
  readonly ref: OperationRef;
  /** HTTP status (202, or another 2xx). */
  readonly status: number;
  /** The 202's `Retry-After`, in ms, if it had one: the wait before the first poll. */
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly clientRequestId: string;
  /** The 202's JSON body, if it had one. */
  readonly body: AcceptedBody<N> | undefined;
}

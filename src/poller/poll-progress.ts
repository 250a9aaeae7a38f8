import type { RetryEvent } from "../client/graph-fetch.ts";
import type { OperationResult, SelectableProperty, SelectedOperation } from "../client/operation-types.ts";
import type { LongRunningOperation } from "../types/long-running-operation.ts";
import type { PollState } from "../types/poll-state.ts";

/**
 * The operation as waitForOperation resolves it (and onProgress sees it): narrowed by `select`,
 * but always with `status`, which polling adds.
 */
export type WaitedOperation<S extends readonly SelectableProperty[] = readonly SelectableProperty[]> =
  readonly SelectableProperty[] extends S ? LongRunningOperation : Pick<LongRunningOperation, S[number] | "status">;

/** Where polling stands after one observed state. */
export interface PollProgress {
  kind: "state";
  /** Polls made so far, this one included (throttled ones too). */
  attempt: number;
  elapsedMs: number;
  /** The wait before the next poll; undefined once the operation is terminal. */
  nextPollInMs: number | undefined;
  /** The server's Retry-After on this response, in ms, if any. */
  retryAfterMs: number | undefined;
  /** A JSON-serialisable snapshot to resume from. */
  state: PollState;
}

/** One observed state of the operation, as pollOperation yields it. */
export type PolledOperation<S extends readonly SelectableProperty[]> = PollProgress & {
  operation: WaitedOperation<S>;
  result: OperationResult<SelectedOperation<S>>;
};

/**
 * An answer that is retried: by the client (a 429, 503, 504 or network error it sends again after
 * `delayMs`), or by the poller (a throttled answer whose Retry-After the client did not wait out).
 */
export interface RetryProgress extends RetryEvent {
  kind: "retry";
  /** Who waits and sends again. */
  by: "client" | "poller";
  /** Polls made so far (a poll's own retries are not polls). */
  polls: number;
  elapsedMs: number;
}

/**
 * onProgress: an observed state with its progress, or `undefined` and a retried answer (`progress.kind`
 * says which). Two plain parameters rather than a union of tuples, so a callback of one parameter
 * (`(operation) => …`) still type-checks.
 */
export type ProgressListener<S extends readonly SelectableProperty[] = readonly SelectableProperty[]> = (
  operation: WaitedOperation<S> | undefined,
  progress: PollProgress | RetryProgress,
) => void;

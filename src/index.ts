// The public surface of `graph-lro`: the only export list.

export type { components, paths } from "../generated/graph-lro.ts";
export type { Clock } from "./client/clock.ts";
export { type GraphCloud, type GraphTarget, resolveBaseUrl } from "./client/clouds.ts";
export { createGraphLroClient, type GraphLroClient } from "./client/create-client.ts";
export { createGraphLroRawClient } from "./client/create-raw-client.ts";
export { MAX_RETRY_AFTER_MS } from "./client/defaults.ts";
export type { Fetch, Sleep } from "./client/fetch-types.ts";
export type { RetryEvent } from "./client/graph-fetch.ts";
export type { GraphLroClientOptions } from "./client/graph-transport.ts";
export type {
  GetOperationOptions,
  OperationResult,
  SelectableProperty,
  SelectedOperation,
} from "./client/operation-types.ts";
export { type ParsedOperationUrl, parseOperationUrl } from "./client/parse-operation-url.ts";
export { parseRetryAfter } from "./client/retry-after.ts";
export type { RetryPolicy } from "./client/retry-policy.ts";
export { startOperation } from "./client/start-operation.ts";
export type { AcceptedBody, StartedOperation, StartInput, StartName, StartOptions } from "./client/start-types.ts";
export { GraphError, type GraphErrorCode, type GraphErrorDetails, type ODataError } from "./errors/graph-error.ts";
export { InvalidArgumentError } from "./errors/invalid-argument-error.ts";
export { OperationFailedError } from "./errors/operation-failed-error.ts";
export { type FailedPolls, OperationTimeoutError } from "./errors/operation-timeout-error.ts";
export { OutcomeUnknownError } from "./errors/outcome-unknown-error.ts";
export { MIN_POLL_BUDGET_MS, POLL_DEFAULTS } from "./poller/defaults.ts";
export { pollOperation } from "./poller/poll-operation.ts";
export type { PollOptions } from "./poller/poll-options.ts";
export type {
  PolledOperation,
  PollProgress,
  ProgressListener,
  RetryProgress,
  WaitedOperation,
} from "./poller/poll-progress.ts";
export { isTerminal, TERMINAL_STATUSES } from "./poller/poll-schedule.ts";
export type { PollTarget } from "./poller/poll-target.ts";
export { waitForOperation } from "./poller/wait-for-operation.ts";
export type {
  EvolvableLongRunningOperationStatus,
  LongRunningOperation,
  LongRunningOperationStatus,
} from "./types/long-running-operation.ts";
export type { OperationRef } from "./types/operation-ref.ts";
export type { PollState } from "./types/poll-state.ts";
export type { TokenSource } from "./util/http/bearer.ts";

import type { GraphLroClient } from "../client/create-client.ts";
import type { Sleep } from "../client/fetch-types.ts";
import type {
  LongRunningOperation,
  OperationResult,
  SelectableProperty,
  SelectedOperation,
} from "../client/operation-types.ts";
import { splitSelect } from "../client/parse-operation-url.ts";
import { MAX_TIMER_MS, sleep as realSleep } from "../client/sleep.ts";
import { OperationTimeoutError } from "./operation-timeout-error.ts";
import { isTerminal, nextPollDelay } from "./poll-schedule.ts";
import type { PollState } from "./poll-state.ts";
import { initialPollState, type PollTarget } from "./poll-target.ts";

/** The least time a poll sent before the timeout gets to answer (docs/decisions/0005-poll-defaults.md). */
export const MIN_POLL_BUDGET_MS = 2_000;

/** Defaults, justified in docs/decisions/0005-poll-defaults.md. */
export const POLL_DEFAULTS = { timeoutMs: 15 * 60_000, intervalMs: 1_000, maxIntervalMs: 30_000, backoffFactor: 2 };

/** The operation as polled: narrowed by `$select`, but always with `status`, which polling adds. */
export type PolledOperationOf<S extends readonly SelectableProperty[]> = readonly SelectableProperty[] extends S
  ? LongRunningOperation
  : Pick<LongRunningOperation, S[number] | "status">;

/** Where polling stands after one observed state. */
export interface PollProgress {
  /** Polls made so far, this one included. */
  attempt: number;
  elapsedMs: number;
  /** The wait before the next poll; undefined once the operation is terminal. */
  nextPollInMs: number | undefined;
  /** The server's Retry-After on this response, in ms, if any. */
  retryAfterMs: number | undefined;
  /** A JSON-serialisable snapshot to resume from. */
  state: PollState;
}

export interface PollOptions<S extends readonly SelectableProperty[] = readonly SelectableProperty[]> {
  signal?: AbortSignal;
  /**
   * Give up (OperationTimeoutError) when the next poll would come later than this after the call
   * started, or a poll (throttling retries included) is still unanswered then. A resumed state
   * gets the whole budget again.
   */
  timeoutMs?: number;
  /** The first wait when the server gives no Retry-After. */
  intervalMs?: number;
  /** The longest wait when the server gives no Retry-After. */
  maxIntervalMs?: number;
  /** How much each wait grows over the last when the server gives no Retry-After. */
  backoffFactor?: number;
  /** `$select`; `status` is added, since polling needs it. */
  select?: S;
  /** Called with every observed state, terminal ones included, before waiting. */
  onProgress?: (operation: PolledOperationOf<S>, progress: PollProgress) => void;
  /** Test seam: the clock, in ms since the epoch. */
  now?: () => number;
  /** Test seam: the wait between polls; must reject as soon as the signal aborts. */
  sleep?: Sleep;
  /** Test seam: makes the signal that ends a poll still unanswered at the timeout. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** One observed state of the operation. */
export type PolledOperation<S extends readonly SelectableProperty[]> = PollProgress & {
  operation: PolledOperationOf<S>;
  result: OperationResult<SelectedOperation<S>>;
};

/**
 * Polls until the operation is terminal, yielding each state seen; the last is `succeeded` or
 * `failed`. Breaking out of the loop stops polling. Throttling retries are the client's job; this
 * decides only when to poll next.
 */
export async function* pollOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
  client: Pick<GraphLroClient, "getOperation">,
  target: PollTarget,
  options: PollOptions<S> = {},
): AsyncGenerator<PolledOperation<S>, void, undefined> {
  const { signal, onProgress, now = Date.now, sleep = realSleep } = options;
  const timeoutMs = options.timeoutMs ?? POLL_DEFAULTS.timeoutMs;
  const backoff = {
    intervalMs: options.intervalMs ?? POLL_DEFAULTS.intervalMs,
    maxIntervalMs: options.maxIntervalMs ?? POLL_DEFAULTS.maxIntervalMs,
    factor: options.backoffFactor ?? POLL_DEFAULTS.backoffFactor,
  };
  for (const [name, value] of Object.entries({ timeoutMs, ...backoff })) {
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`${name} must be a finite number ≥ 0, not ${value}`);
  }
  // A factor below 1 would shrink the waits: no backoff at all.
  if (backoff.factor < 1) throw new RangeError(`backoffFactor must be ≥ 1, not ${backoff.factor}`);
  const state = initialPollState(target, now());
  // Polling needs status: add it to the select option, or else to the Location URL's own $select.
  const asked = options.select ?? urlSelect(state.target);
  const select = asked && ([...new Set([...asked, "status"])] as unknown as S);
  const deadline = now() + timeoutMs;
  let last: PolledOperationOf<S> | undefined;

  while (true) {
    signal?.throwIfAborted();
    if (state.nextPollAt > deadline) throw new OperationTimeoutError(timeoutMs, last as never, { ...state });
    const waitMs = state.nextPollAt - now();
    if (waitMs > 0) await sleep(waitMs, signal ?? new AbortController().signal);

    // The client retries throttling inside a poll; the deadline ends that too. A poll sent in
    // time gets at least MIN_POLL_BUDGET_MS, so one due right at the deadline is not sent to be dropped.
    const poll = pollSignal(Math.max(deadline - now(), MIN_POLL_BUDGET_MS), signal, options.timeoutSignal);
    let result: OperationResult<SelectedOperation<S>>;
    try {
      result = await client.getOperation<S>(state.target, { select, signal: poll.signal });
    } catch (error) {
      if (!poll.timedOut() || signal?.aborted) throw error;
      throw new OperationTimeoutError(timeoutMs, last as never, { ...state }, "a poll was still unanswered");
    } finally {
      poll.clear();
    }
    const operation = result.operation as PolledOperationOf<S>;
    last = operation;
    const status: unknown = operation.status;
    state.attempt += 1;
    state.lastStatus = typeof status === "string" ? status : undefined;
    let nextPollInMs: number | undefined;
    if (!isTerminal(status)) {
      const next = nextPollDelay(result.retryAfterMs, state.backoffStep, backoff);
      nextPollInMs = next.delayMs;
      state.backoffStep = next.backoffStep;
      state.nextPollAt = now() + next.delayMs;
    }
    const progress: PollProgress = {
      attempt: state.attempt,
      elapsedMs: now() - state.startedAt,
      nextPollInMs,
      retryAfterMs: result.retryAfterMs,
      state: { ...state },
    };
    onProgress?.(operation, progress);
    yield { ...progress, operation, result };
    if (nextPollInMs === undefined) return;
  }
}

/** The `$select` names of a Location URL, if it has any. */
function urlSelect(target: PollState["target"]): readonly SelectableProperty[] | undefined {
  if (typeof target !== "string" || !URL.canParse(target)) return undefined;
  return splitSelect(new URL(target).search.slice(1)).select as SelectableProperty[] | undefined;
}

/**
 * The signal of one poll: it aborts when the caller's signal does, or after `ms` (by `make`, a
 * test seam, else by a timer). `clear` cancels the timer and removes the listeners: a caller's
 * long-lived signal must not collect one per poll (AbortSignal.any's do, on Node 20).
 */
function pollSignal(
  ms: number,
  caller: AbortSignal | undefined,
  make?: (ms: number) => AbortSignal,
): { signal: AbortSignal; timedOut(): boolean; clear(): void } {
  const controller = new AbortController();
  const deadline = make?.(ms);
  let expired = false;
  const follow = (source: AbortSignal) => {
    const onAbort = () => controller.abort(source.reason);
    if (source.aborted) onAbort();
    else source.addEventListener("abort", onAbort);
    return () => source.removeEventListener("abort", onAbort);
  };
  const unfollow = [caller, deadline].filter((s) => s !== undefined).map(follow);
  // A deadline further off than setTimeout can wait is not armed.
  const timer =
    deadline || ms > MAX_TIMER_MS
      ? undefined
      : setTimeout(() => {
          expired = true;
          controller.abort(new DOMException("the poll timed out", "TimeoutError"));
        }, ms);
  return {
    signal: controller.signal,
    timedOut: () => expired || deadline?.aborted === true,
    clear: () => {
      clearTimeout(timer);
      for (const remove of unfollow) remove();
    },
  };
}

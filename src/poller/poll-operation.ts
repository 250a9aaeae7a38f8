import type { GraphLroClient } from "../client/create-client.ts";
import type { RetryEvent } from "../client/graph-fetch.ts";
import type { OperationResult, SelectableProperty, SelectedOperation } from "../client/operation-types.ts";
import { splitSelect } from "../client/parse-operation-url.ts";
import { isRetryableStatus } from "../client/retry-policy.ts";
import { GraphError } from "../errors/graph-error.ts";
import { type FailedPolls, OperationTimeoutError } from "../errors/operation-timeout-error.ts";
import type { PollState } from "../types/poll-state.ts";
import { abortable } from "../util/time/abortable.ts";
import { callTimeout } from "../util/time/call-timeout.ts";
import { MIN_POLL_BUDGET_MS } from "./defaults.ts";
import { nextState, type PollOutcome } from "./next-state.ts";
import { type PollOptions, resolvePollOptions } from "./poll-options.ts";
import type { PolledOperation, PollProgress, RetryProgress, WaitedOperation } from "./poll-progress.ts";
import { initialPollState, type PollTarget } from "./poll-target.ts";

/**
 * How many polls share one abort signal: fewer than Node's default of 10 listeners, so the Requests that still
 * follow it (until garbage collection) never make it warn.
 */
const POLLS_PER_SIGNAL = 8;

/**
 * Polls until the operation is terminal, yielding each state seen; the last is `succeeded` or
 * `failed`. Breaking out of the loop stops polling. Throttling retries are the client's job, but a
 * throttled answer with a Retry-After that the client did not wait out (longer than its retry budget,
 * or it ran out of retries) is waited out here, within `timeoutMs`.
 */
export async function* pollOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
  client: Pick<GraphLroClient, "getOperation"> & Partial<Pick<GraphLroClient, "clock">>,
  target: PollTarget,
  options: PollOptions<S> = {},
): AsyncGenerator<PolledOperation<S>, void, undefined> {
  const { signal, onProgress } = options;
  const { timeoutMs, backoff, clock } = resolvePollOptions(options, client.clock);
  const { now } = clock;
  let state = initialPollState(target, now());
  // Polling needs status: add it to the select option, or else to the Location URL's own $select.
  const asked = options.select ?? urlSelect(state.target);
  const select = asked && ([...new Set([...asked, "status"])] as unknown as S);
  const deadline = now() + timeoutMs;
  let last: WaitedOperation<S> | undefined;
  // The answers since the last state seen, when all of them failed: why a wait that times out ended.
  let failed: FailedPolls | undefined;
  const fail = ({ status, requestId }: RetryEvent) => {
    const statuses = [...new Set([...(failed?.statuses ?? []), status])];
    failed = { since: failed?.since ?? now(), until: now(), statuses, status, requestId };
  };
  const timeout = (underWay?: string) => new OperationTimeoutError(timeoutMs, last, state, underWay, failed);
  const retried = (retry: RetryEvent, by: RetryProgress["by"]) => {
    fail(retry);
    const elapsedMs = now() - state.startedAt;
    onProgress?.(undefined, { ...retry, kind: "retry", by, polls: state.attempt, elapsedMs });
  };
  const onRetry = (retry: RetryEvent) => retried(retry, "client");

  // The signal the polls follow, and the sleeps when the caller gave none: the caller's abort or a poll's time
  // limit aborts it, and either ends the wait. It serves POLLS_PER_SIGNAL polls: one per poll is among the
  // costliest objects a poll makes, and one per wait would pile up listeners, as a Request keeps its listener
  // on the signal it follows until garbage collection (decision 0025).
  let poll = new AbortController();
  for (let polls = 1; ; polls++) {
    signal?.throwIfAborted();
    if (state.nextPollAt > deadline) throw timeout();
    if (polls % POLLS_PER_SIGNAL === 0) poll = new AbortController();
    // At most timeoutMs (the deadline is checked first), so within what a timer can wait. The clock is
    // steady: a sleep that returns at once still moves it on, so the deadline comes whatever is injected.
    const waitMs = state.nextPollAt - now();
    if (waitMs > 0) await clock.sleep(waitMs, signal ?? poll.signal);

    // The client retries throttling inside a poll; the deadline ends that too. A poll sent in
    // time gets at least MIN_POLL_BUDGET_MS, so one due right at the deadline is not sent to be dropped.
    const limit = callTimeout(Math.max(deadline - now(), MIN_POLL_BUDGET_MS), signal, options.timeoutSignal, poll);
    // Raced, not only passed: a client (or its fetch) may ignore the signal.
    const answer = await abortable(
      client.getOperation<S>(state.target, { select, signal: poll.signal, onRetry }),
      poll.signal,
    )
      .catch((error: unknown) => {
        // The poll's signal aborts for the caller or for the time limit: only the latter is a timeout.
        if (poll.signal.aborted && !signal?.aborted) throw timeout("a poll was still unanswered");
        // A throttled answer (429, 503 or 504) with a Retry-After that the client did not wait out (past
        // its retry budget, decision 0003, or its retries) is waited out here; anything else is the caller's.
        if (error instanceof GraphError && isRetryableStatus(error.status) && error.retryAfterMs !== undefined) {
          return error;
        }
        throw error;
      })
      .finally(limit.clear);
    const { retryAfterMs } = answer;
    const operation = answer instanceof GraphError ? undefined : (answer.operation as WaitedOperation<S>);
    const outcome: PollOutcome = operation
      ? { status: operation.status, retryAfterMs }
      : { throttled: true, retryAfterMs: retryAfterMs as number };
    const next = nextState(state, outcome, now(), backoff);
    state = next.state;
    if (answer instanceof GraphError) {
      const { status, requestId, method, url } = answer;
      const delayMs = next.nextPollInMs as number;
      retried({ attempt: 1, status, requestId, method, url, delayMs, retryAfterMs }, "poller");
      failed = { ...(failed as FailedPolls), cause: answer };
      continue;
    }
    failed = undefined;
    last = operation as WaitedOperation<S>;
    const progress: PollProgress = {
      kind: "state",
      attempt: state.attempt,
      elapsedMs: now() - state.startedAt,
      nextPollInMs: next.nextPollInMs,
      retryAfterMs,
      state: { ...state },
    };
    onProgress?.(last, progress);
    yield { ...progress, operation: last, result: answer as OperationResult<SelectedOperation<S>> };
    if (next.nextPollInMs === undefined) return;
  }
}

/** The `$select` names of a Location URL, if it has any (a ref is no URL: URL.canParse refuses it). */
function urlSelect(target: PollState["target"]): readonly SelectableProperty[] | undefined {
  const url = target as string;
  return URL.canParse(url)
    ? (splitSelect(new URL(url).search.slice(1)).select as SelectableProperty[] | undefined)
    : undefined;
}

import type { GraphLroClient } from "../client/create-client.ts";
import type { RetryEvent } from "../client/graph-fetch.ts";
import { transportOf } from "../client/graph-transport.ts";
import { type PreparedGet, prepareGet, sendGet } from "../client/operation-get.ts";
import type { OperationResult, SelectableProperty } from "../client/operation-types.ts";
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
import type { PollProgress, RetryProgress, WaitedOperation } from "./poll-progress.ts";
import { initialPollState, type PollTarget } from "./poll-target.ts";

/**
 * How many polls share one abort signal: fewer than Node's default of 10 listeners, so the Requests that still
 * follow it (until garbage collection) never make it warn.
 */
const POLLS_PER_SIGNAL = 8;

/** A client the poller can poll: getOperation, and the clock of its waits if it has one. */
export type PolledClient = Pick<GraphLroClient, "getOperation"> & Partial<Pick<GraphLroClient, "clock">>;

/**
 * One observed state: the operation; the answer that brought it; where polling stands (built when asked for,
 * as pollOperation yields it, or given to onProgress; else undefined); the wait before the next poll
 * (undefined once the operation is terminal).
 */
export type Observed<S extends readonly SelectableProperty[]> = [
  operation: WaitedOperation<S>,
  result: OperationResult<never>,
  progress: PollProgress | undefined,
  nextPollInMs: number | undefined,
];

/**
 * Polls until the next observed state (`each`, with its progress: pollOperation's way), else until the terminal
 * one (waitForOperation's), with throttled answers waited out on the way. Throttling retries are the client's job, but a throttled answer with a Retry-After that the
 * client did not wait out (longer than its retry budget, or it ran out of retries) is waited out here, within
 * `timeoutMs`.
 */
export type Observe<S extends readonly SelectableProperty[]> = (each: boolean) => Promise<Observed<S>>;

/**
 * One wait, observed one state at a time: what pollOperation yields and waitForOperation runs to the end.
 * One async function per wait, not a generator inside another: 10,000 waits at once each keep its frame
 * and closures while they sleep (decision 0025f).
 */
export function polling<S extends readonly SelectableProperty[]>(
  client: PolledClient,
  target: PollTarget,
  options: PollOptions<S>,
): Observe<S> {
  const { signal, onProgress } = options;
  // A client whose getOperation is createGraphLroClient's is polled through its transport: the wait's URL
  // worked out at the first poll, and each poll raced against the signal by sendGet. Any other (a wrapper, or a
  // getOperation replaced, as a test's spy replaces it) is called and raced here, as it (or its fetch) may
  // ignore the signal. The transport's clock is steady already: not wrapped again while it is the client's.
  const transport = transportOf.get(client.getOperation);
  // The client's clock is its transport's, also for a getOperation handed on without the client.
  const { timeoutMs, backoff, clock } = resolvePollOptions(options, client.clock ?? transport?.clock, transport?.clock);
  let state = initialPollState(target, clock.now());
  // Polling needs status: add it to the select option, or else to the Location URL's own $select.
  const asked = options.select ?? urlSelect(state.target);
  const select = asked && ([...new Set([...asked, "status"])] as unknown as S);
  const deadline = clock.now() + timeoutMs;
  let last: WaitedOperation<S> | undefined;
  // The answers since the last state seen, when all of them failed: why a wait that times out ended.
  let failed: FailedPolls | undefined;
  const timeout = (underWay?: string) => new OperationTimeoutError(timeoutMs, last, state, underWay, failed);
  const retried = (retry: RetryEvent, by: RetryProgress["by"], cause?: GraphError) => {
    const { status, requestId } = retry;
    const statuses = [...new Set([...(failed?.statuses ?? []), status])];
    failed = { since: failed?.since ?? clock.now(), until: clock.now(), statuses, status, requestId, cause };
    onProgress?.(undefined, {
      ...retry,
      kind: "retry",
      by,
      polls: state.attempt,
      elapsedMs: clock.now() - state.startedAt,
    });
  };
  const onRetry = (retry: RetryEvent) => retried(retry, "client");
  let prepared: PreparedGet | undefined;

  // The signal the polls follow, and the sleeps when the caller gave none: the caller's abort or a poll's time
  // limit aborts it, and either ends the wait. It serves POLLS_PER_SIGNAL polls: one per poll is among the
  // costliest objects a poll makes, and one per wait would pile up listeners, as a Request keeps its listener
  // on the signal it follows until garbage collection (decision 0025).
  let controller = new AbortController();
  let polls = 0;
  return async (each) => {
    for (;;) {
      signal?.throwIfAborted();
      if (state.nextPollAt > deadline) throw timeout();
      if (++polls % POLLS_PER_SIGNAL === 0) controller = new AbortController();
      const poll = controller.signal;
      // At most timeoutMs (the deadline is checked first), so within what a timer can wait. The clock is
      // steady: a sleep that returns at once still moves it on, so the deadline comes whatever is injected.
      const waitMs = state.nextPollAt - clock.now();
      if (waitMs > 0) await clock.sleep(waitMs, signal ?? poll);

      // The client retries throttling inside a poll; the deadline ends that too. A poll sent in
      // time gets at least MIN_POLL_BUDGET_MS, so one due right at the deadline is not sent to be dropped.
      const limit = callTimeout(
        Math.max(deadline - clock.now(), MIN_POLL_BUDGET_MS),
        signal,
        options.timeoutSignal,
        controller,
      );
      let answer: OperationResult<never> | GraphError;
      try {
        if (transport) {
          prepared ??= prepareGet(transport.baseUrl, state.target, select);
          answer = await sendGet(transport, prepared, { signal: poll, onRetry });
        } else {
          answer = (await abortable(
            client.getOperation(state.target, { select, signal: poll, onRetry }),
            poll,
          )) as never;
        }
      } catch (error) {
        // The poll's signal aborts for the caller or for the time limit: only the latter is a timeout.
        if (poll.aborted && !signal?.aborted) throw timeout("a poll was still unanswered");
        // A throttled answer (429, 503 or 504) with a Retry-After that the client did not wait out (past
        // its retry budget, decision 0003, or its retries) is waited out here; anything else is the caller's.
        if (!(error instanceof GraphError && isRetryableStatus(error.status) && error.retryAfterMs !== undefined)) {
          throw error;
        }
        answer = error;
      } finally {
        limit.clear();
      }
      const { retryAfterMs } = answer;
      const operation = answer instanceof GraphError ? undefined : (answer.operation as WaitedOperation<S>);
      const outcome: PollOutcome = operation
        ? { status: operation.status, retryAfterMs }
        : { throttled: true, retryAfterMs: retryAfterMs as number };
      const { state: after, nextPollInMs } = nextState(state, outcome, clock.now(), backoff);
      state = after;
      if (!operation) {
        const { status, requestId, method, url } = answer as GraphError;
        retried(
          { attempt: 1, status, requestId, method, url, delayMs: nextPollInMs as number, retryAfterMs },
          "poller",
          answer as GraphError,
        );
        continue;
      }
      failed = undefined;
      last = operation;
      const observed: PollProgress | undefined = (each || onProgress) && {
        kind: "state",
        attempt: state.attempt,
        elapsedMs: clock.now() - state.startedAt,
        nextPollInMs,
        retryAfterMs,
        state: { ...state },
      };
      onProgress?.(last, observed as PollProgress);
      if (each || nextPollInMs === undefined) {
        return [operation, answer as OperationResult<never>, observed, nextPollInMs];
      }
    }
  };
}

/** The `$select` names of a Location URL, if it has any (a ref is no URL: URL.canParse refuses it). */
function urlSelect(target: PollState["target"]): readonly SelectableProperty[] | undefined {
  const url = target as string;
  return URL.canParse(url)
    ? (splitSelect(new URL(url).search.slice(1)).select as SelectableProperty[] | undefined)
    : undefined;
}

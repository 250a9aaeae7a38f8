import type { Clock } from "../client/clock.ts";
import type { GraphLroClient } from "../client/create-client.ts";
import type { RetryEvent } from "../client/graph-fetch.ts";
import { type OperationGetter, operationGetters, type PreparedGet } from "../client/operation-getter.ts";
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
import type { Backoff } from "./poll-schedule.ts";
import { initialPollState, type PollTarget } from "./poll-target.ts";

/**
 * How many polls share one abort signal: fewer than Node's default of 10 listeners, so the Requests that still
 * follow it (until garbage collection) never make it warn.
 */
const POLLS_PER_SIGNAL = 8;

/** A client the poller can poll: getOperation, and the clock of its waits if it has one. */
export type PolledClient = Pick<GraphLroClient, "getOperation"> & Partial<Pick<GraphLroClient, "clock">>;

/**
 * One wait, polled one observed state at a time: what pollOperation yields and waitForOperation loops over.
 * An object of fields rather than a generator's closures, since 10,000 waits at once each keep one
 * (decision 0025f). Throttling retries are the client's job, but a throttled answer with a Retry-After that
 * the client did not wait out (longer than its retry budget, or it ran out of retries) is waited out here,
 * within `timeoutMs`.
 */
export class Polling<S extends readonly SelectableProperty[]> {
  state: PollState;
  /** The last operation seen, if any. */
  last: WaitedOperation<S> | undefined;
  /** The last observed answer, kept only when `observe` was asked for progress (pollOperation yields it). */
  result: OperationResult<never> | undefined;
  /** The wait before the next poll after the last observed state; undefined once the operation is terminal. */
  nextPollInMs: number | undefined;
  private readonly client: PolledClient;
  private readonly options: PollOptions<S>;
  private readonly timeoutMs: number;
  private readonly backoff: Backoff;
  private readonly clock: Clock;
  private readonly select: S | undefined;
  private readonly deadline: number;
  /** The answers since the last state seen, when all of them failed: why a wait that times out ended. */
  private failed: FailedPolls | undefined;
  /**
   * The signal the polls follow, and the sleeps when the caller gave none: the caller's abort or a poll's time
   * limit aborts it, and either ends the wait. It serves POLLS_PER_SIGNAL polls: one per poll is among the
   * costliest objects a poll makes, and one per wait would pile up listeners, as a Request keeps its listener
   * on the signal it follows until garbage collection (decision 0025).
   */
  private controller = new AbortController();
  private polls = 0;
  /** The client's own getter while its getOperation is its own, and the GET it prepared at the first poll. */
  private readonly getter: OperationGetter | undefined;
  private prepared: PreparedGet | undefined;

  constructor(client: PolledClient, target: PollTarget, options: PollOptions<S>) {
    this.client = client;
    this.options = options;
    const { timeoutMs, backoff, clock } = resolvePollOptions(options, client.clock);
    this.timeoutMs = timeoutMs;
    this.backoff = backoff;
    this.clock = clock;
    this.state = initialPollState(target, clock.now());
    // Polling needs status: add it to the select option, or else to the Location URL's own $select.
    const asked = options.select ?? urlSelect(this.state.target);
    this.select = asked && ([...new Set([...asked, "status"])] as unknown as S);
    this.deadline = clock.now() + timeoutMs;
    const getter = operationGetters.get(client);
    this.getter = getter?.getOperation === client.getOperation ? getter : undefined;
  }

  /**
   * Polls until the next observed state (`untilTerminal`: until a terminal one), throttled answers waited
   * out on the way, and returns the last state's progress: built when `progress` asks for it (and then the
   * answer kept in `result`), or for onProgress, else undefined. One async function per wait, its work in
   * plain methods: 10,000 waits at once each keep its frame while they sleep.
   */
  async observe(progress: boolean, untilTerminal: boolean): Promise<PollProgress | undefined> {
    const { signal } = this.options;
    for (;;) {
      const poll = this.due();
      // At most timeoutMs (the deadline is checked first), so within what a timer can wait. The clock is
      // steady: a sleep that returns at once still moves it on, so the deadline comes whatever is injected.
      const waitMs = this.state.nextPollAt - this.clock.now();
      if (waitMs > 0) await this.clock.sleep(waitMs, signal ?? poll.signal);
      // The client retries throttling inside a poll; the deadline ends that too. A poll sent in
      // time gets at least MIN_POLL_BUDGET_MS, so one due right at the deadline is not sent to be dropped.
      const budget = Math.max(this.deadline - this.clock.now(), MIN_POLL_BUDGET_MS);
      const limit = callTimeout(budget, signal, this.options.timeoutSignal, poll);
      let answer: OperationResult<never> | GraphError;
      try {
        answer = await this.get(poll.signal);
      } catch (error) {
        answer = this.failedPoll(error, poll.signal);
      } finally {
        limit.clear();
      }
      const observed = this.take(answer, progress);
      if (observed !== false && (!untilTerminal || this.nextPollInMs === undefined)) return observed;
    }
  }

  /** Before a poll: ends the wait if the caller aborted or its time is up; the controller the poll follows. */
  private due(): AbortController {
    this.options.signal?.throwIfAborted();
    if (this.state.nextPollAt > this.deadline) throw this.timeout();
    if (++this.polls % POLLS_PER_SIGNAL === 0) this.controller = new AbortController();
    return this.controller;
  }

  /**
   * One poll. A client of createGraphLroClient gets the URL it prepared at the first poll and races the
   * signal itself; any other is raced here, as it (or its fetch) may ignore the signal.
   */
  private get(signal: AbortSignal): Promise<OperationResult<never>> {
    const { getter, select, onRetry } = this;
    if (getter) {
      this.prepared ??= getter.prepare(this.state.target, select);
      return getter.get(this.prepared, signal, onRetry);
    }
    return abortable(this.client.getOperation<S>(this.state.target, { select, signal, onRetry }), signal) as Promise<
      OperationResult<never>
    >;
  }

  /** What a poll that threw amounts to: a throttled answer to wait out, or the wait's end (thrown). */
  private failedPoll(error: unknown, poll: AbortSignal): GraphError {
    // The poll's signal aborts for the caller or for the time limit: only the latter is a timeout.
    if (poll.aborted && !this.options.signal?.aborted) throw this.timeout("a poll was still unanswered");
    // A throttled answer (429, 503 or 504) with a Retry-After that the client did not wait out (past
    // its retry budget, decision 0003, or its retries) is waited out here; anything else is the caller's.
    if (error instanceof GraphError && isRetryableStatus(error.status) && error.retryAfterMs !== undefined) {
      return error;
    }
    throw error;
  }

  /**
   * The state after a poll's answer: false for a throttled one (waited out), else the observed state's
   * progress if asked for or listened to.
   */
  private take(answer: OperationResult<never> | GraphError, progress: boolean): PollProgress | undefined | false {
    const { retryAfterMs } = answer;
    const operation = answer instanceof GraphError ? undefined : (answer.operation as WaitedOperation<S>);
    const outcome: PollOutcome = operation
      ? { status: operation.status, retryAfterMs }
      : { throttled: true, retryAfterMs: retryAfterMs as number };
    const next = nextState(this.state, outcome, this.clock.now(), this.backoff);
    this.state = next.state;
    if (answer instanceof GraphError) {
      const { status, requestId, method, url } = answer;
      const delayMs = next.nextPollInMs as number;
      this.retried({ attempt: 1, status, requestId, method, url, delayMs, retryAfterMs }, "poller");
      this.failed = { ...(this.failed as FailedPolls), cause: answer };
      return false;
    }
    this.failed = undefined;
    this.last = operation;
    this.nextPollInMs = next.nextPollInMs;
    const { onProgress } = this.options;
    if (!progress && !onProgress) return undefined;
    if (progress) this.result = answer;
    const observed: PollProgress = {
      kind: "state",
      attempt: this.state.attempt,
      elapsedMs: this.clock.now() - this.state.startedAt,
      nextPollInMs: next.nextPollInMs,
      retryAfterMs,
      state: { ...this.state },
    };
    onProgress?.(this.last, observed);
    return observed;
  }

  /** A retry seen by the client, within a poll. */
  private readonly onRetry = (retry: RetryEvent) => this.retried(retry, "client");

  private retried(retry: RetryEvent, by: RetryProgress["by"]): void {
    const { now } = this.clock;
    const { failed } = this;
    const { status, requestId } = retry;
    const statuses = [...new Set([...(failed?.statuses ?? []), status])];
    this.failed = { since: failed?.since ?? now(), until: now(), statuses, status, requestId };
    const elapsedMs = now() - this.state.startedAt;
    this.options.onProgress?.(undefined, { ...retry, kind: "retry", by, polls: this.state.attempt, elapsedMs });
  }

  private timeout(underWay?: string): OperationTimeoutError {
    return new OperationTimeoutError(this.timeoutMs, this.last, this.state, underWay, this.failed);
  }
}

/** The `$select` names of a Location URL, if it has any (a ref is no URL: URL.canParse refuses it). */
function urlSelect(target: PollState["target"]): readonly SelectableProperty[] | undefined {
  const url = target as string;
  return URL.canParse(url)
    ? (splitSelect(new URL(url).search.slice(1)).select as SelectableProperty[] | undefined)
    : undefined;
}

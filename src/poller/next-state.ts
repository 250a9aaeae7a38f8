import type { PollState } from "../types/poll-state.ts";
import { type Backoff, isTerminal, nextPollDelay } from "./poll-schedule.ts";

/**
 * What one poll brought: the operation's status and the response's Retry-After, or a throttled
 * answer (429, 503 or 504 with a Retry-After) that the client did not wait out (past its budget or retries).
 */
export type PollOutcome =
  | { status: unknown; retryAfterMs: number | undefined }
  | { throttled: true; retryAfterMs: number };

/** The state after a poll, and the wait before the next one: undefined once the operation is terminal. */
export interface NextState {
  state: PollState;
  nextPollInMs: number | undefined;
}

/**
 * The state after one poll answered at `now`, apart from any I/O (as @azure/core-lro keeps its state
 * transitions apart from HTTP). A throttled poll waits as the server asked, taking no backoff step;
 * a terminal status ends polling; any other status waits for Retry-After, else the next backoff step.
 */
export function nextState(state: PollState, outcome: PollOutcome, now: number, backoff: Backoff): NextState {
  const attempt = state.attempt + 1;
  const throttled = "throttled" in outcome;
  const observed = throttled
    ? { ...state, attempt }
    : { ...state, attempt, lastStatus: typeof outcome.status === "string" ? outcome.status : undefined };
  if (!throttled && isTerminal(outcome.status)) return { state: observed, nextPollInMs: undefined };
  // A throttled answer always has a Retry-After, so it takes no backoff step.
  const { delayMs, backoffStep } = nextPollDelay(outcome.retryAfterMs, state.backoffStep, backoff);
  return { state: { ...observed, backoffStep, nextPollAt: now + delayMs }, nextPollInMs: delayMs };
}

import { routeOf } from "../client/operation-routes.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import type { PollState } from "../types/poll-state.ts";
import { checkNumber } from "../util/check/check-number.ts";

/** The latest time a Date can hold: OperationTimeoutError writes a state's nextPollAt as an ISO date. */
const MAX_DATE_MS = 8.64e15;

/**
 * A saved state, checked field by field: a NaN or missing number would make every comparison of
 * the schedule false, so polling would neither wait nor time out. Throws an InvalidArgumentError
 * naming the field (`state.attempt`).
 */
export function checkPollState(state: PollState): PollState {
  const { target, lastStatus } = state;
  // A ref names a kind of operation (routeOf throws otherwise); its ids are checked when it is polled.
  if (typeof target !== "string") routeOf(target);
  if (lastStatus !== undefined && typeof lastStatus !== "string") {
    throw new InvalidArgumentError("state.lastStatus", "state.lastStatus must be a string");
  }
  // One bound for all: the counts have no use for more either.
  const field = (name: "startedAt" | "nextPollAt" | "attempt" | "backoffStep", whole?: boolean) =>
    checkNumber(`state.${name}`, state[name], 0, whole, MAX_DATE_MS);
  return {
    ...state,
    startedAt: field("startedAt"),
    nextPollAt: field("nextPollAt"),
    attempt: field("attempt", true),
    backoffStep: field("backoffStep", true),
  };
}

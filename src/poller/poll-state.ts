import { assertOperationRef, type OperationRef } from "../client/operation-routes.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";

/**
 * All that is needed to resume waiting, as plain JSON: keep it (for example across a restart)
 * and pass it back to waitForOperation or pollOperation.
 */
export interface PollState {
  /** The Location URL (query kept verbatim) or the ref of the operation. */
  target: string | OperationRef;
  /** When waiting first started, in ms since the epoch (`elapsedMs` counts from here; each call's `timeoutMs` from its own start). */
  startedAt: number;
  /** The earliest time of the next poll, in ms since the epoch. */
  nextPollAt: number;
  /** The status last seen, if any. */
  lastStatus?: string;
  /** Polls made so far. */
  attempt: number;
  /** How many backoff steps have been taken (polls that came without Retry-After). */
  backoffStep: number;
}

/** Tells a saved PollState from the other targets (it is then checked by checkPollState). */
export function isPollState(value: unknown): value is PollState {
  return typeof value === "object" && value !== null && "target" in value && "startedAt" in value;
}

/**
 * A saved state, checked field by field: a NaN or missing number would make every comparison of
 * the schedule false, so polling would neither wait nor time out. Throws an InvalidArgumentError naming the field.
 */
export function checkPollState(state: PollState): PollState {
  const { target, startedAt, nextPollAt, lastStatus, attempt, backoffStep } = state;
  const fail = (field: string, why: string) => {
    throw new InvalidArgumentError("state", `not a saved poll state: ${field} ${why}`);
  };
  if (typeof target !== "string") assertOperationRef(target);
  if (!Number.isFinite(startedAt)) fail("startedAt", "must be a time in ms");
  if (!Number.isFinite(nextPollAt)) fail("nextPollAt", "must be a time in ms");
  if (!Number.isSafeInteger(attempt) || attempt < 0) fail("attempt", "must be a whole number ≥ 0");
  if (!Number.isSafeInteger(backoffStep) || backoffStep < 0) fail("backoffStep", "must be a whole number ≥ 0");
  if (lastStatus !== undefined && typeof lastStatus !== "string") fail("lastStatus", "must be a string");
  return { target, startedAt, nextPollAt, attempt, backoffStep, ...(lastStatus !== undefined && { lastStatus }) };
}

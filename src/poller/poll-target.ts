import { parseRetryAfter } from "../client/retry-after.ts";
import type { StartedOperation } from "../client/start-types.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import type { OperationRef } from "../types/operation-ref.ts";
import type { PollState } from "../types/poll-state.ts";
import { checkPollState } from "./poll-state.ts";

/**
 * What to wait for: a Location URL, the 202 Response that started the operation, what startOperation
 * resolved with, a ref, or a saved state.
 */
export type PollTarget = string | URL | Response | StartedOperation | OperationRef | PollState;

/**
 * The state to start (or resume) polling from. A 202's Retry-After delays the first poll; a saved
 * state (an object with `startedAt`, which no ref has) is checked and resumed.
 */
export function initialPollState(target: PollTarget, now: number): PollState {
  let nextPollAt = now;
  if (target instanceof Response) {
    const location = target.ok ? target.headers.get("location") : null;
    if (!location) {
      const got = `${target.status}${target.ok ? " without Location" : ""}`;
      throw new InvalidArgumentError("target", `expected the 202 that started the operation, got ${got}`);
    }
    nextPollAt += parseRetryAfter(target.headers.get("retry-after"), now) ?? 0;
    // A relative Location resolves against the Response's URL; a Response made by hand has none.
    const base = target.url || undefined;
    if (!URL.canParse(location, base)) {
      throw new InvalidArgumentError(
        "target",
        `the 202's Location is ${base ? "no URL" : "relative, and the Response has no URL"}`,
      );
    }
    target = new URL(location, base);
  }
  // A started operation (which no ref or state is: they have no `location`) is polled at its Location, verbatim.
  if (typeof target === "object" && target !== null && "location" in target && "start" in target) {
    nextPollAt += target.retryAfterMs ?? 0;
    target = target.location;
  }
  if (target instanceof URL) target = target.href;
  if (typeof target === "object" && target !== null && "startedAt" in target) return checkPollState(target);
  return { target, startedAt: now, nextPollAt, attempt: 0, backoffStep: 0 };
}

import type { OperationRef } from "./operation-ref.ts";

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

import { statuses } from "../../generated/graph-lro.routes.ts";
import type { LongRunningOperation } from "../types/long-running-operation.ts";
import type { PollState } from "../types/poll-state.ts";

/** The answers since the last state seen, when every one of them failed (a 503 each, say). */
export interface FailedPolls {
  /** When the first and the last of them came, in ms since the epoch. */
  since: number;
  until: number;
  /** Their HTTP statuses, in the order first seen; 0 for no response. */
  statuses: readonly number[];
  /** The last one's status and Graph `request-id`. */
  status: number;
  requestId: string | undefined;
  /** The last one's error, when the client gave up on it (a GraphError). */
  cause?: unknown;
}

/**
 * The operation was not terminal within `timeoutMs`. Says when the next poll would have been and,
 * when the last answers all failed, how long and with which statuses (numbers only: no server text).
 */
export class OperationTimeoutError extends Error {
  override name = "OperationTimeoutError";
  // `declare`d and assigned, as in InvalidArgumentError: parameter properties also emit fields (app bytes).
  declare readonly timeoutMs: number;
  /** The last operation seen, if any. */
  declare readonly operation: Partial<LongRunningOperation> | undefined;
  /** Enough to resume waiting later: pass it back to waitForOperation. */
  declare readonly state: PollState;
  /** The HTTP status of the last answer, when the answers since the last state seen all failed. */
  declare readonly status: number | undefined;
  /** Graph's `request-id` of that last failed answer, for support cases. */
  declare readonly requestId: string | undefined;

  constructor(
    timeoutMs: number,
    operation: Partial<LongRunningOperation> | undefined,
    state: PollState,
    /** What was under way at the timeout; by default, the wait for the next poll. */
    underWay = `the next poll would have been at ${new Date(state.nextPollAt).toISOString()}`,
    failed?: FailedPolls,
  ) {
    const status = operation?.status;
    // Only a status the spec declares is quoted: any other text may be the token, echoed back.
    const listed = (statuses as readonly unknown[]).includes(status);
    const last = typeof status === "string" ? `; last status ${listed ? status : "unlisted"}` : "";
    super(`Operation not finished within ${timeoutMs} ms${last}${failing(failed)}; ${underWay}`, {
      cause: failed?.cause,
    });
    this.timeoutMs = timeoutMs;
    this.operation = operation;
    this.state = state;
    this.status = failed?.status;
    this.requestId = failed?.requestId;
  }
}

/** "; every poll in the last 60 s answered 503", or "answered 429 or 503", "had no response". */
function failing(failed: FailedPolls | undefined): string {
  if (!failed) return "";
  const seconds = Math.round((failed.until - failed.since) / 1000);
  const answered = failed.statuses.map((s) => (s === 0 ? "no response" : String(s))).join(" or ");
  const span = seconds > 0 ? ` in the last ${seconds} s` : "";
  return `; every poll${span} answered ${answered}`;
}

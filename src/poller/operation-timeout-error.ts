import { statuses } from "../../generated/graph-lro.routes.ts";
import type { LongRunningOperation } from "../client/operation-types.ts";
import type { PollState } from "./poll-state.ts";

/** The operation was not terminal within `timeoutMs`. Says when the next poll would have been. */
export class OperationTimeoutError extends Error {
  override name = "OperationTimeoutError";
  // `declare`d and assigned, as in InvalidArgumentError: parameter properties also emit fields (app bytes).
  declare readonly timeoutMs: number;
  /** The last operation seen, if any. */
  declare readonly operation: Partial<LongRunningOperation> | undefined;
  /** Enough to resume waiting later: pass it back to waitForOperation. */
  declare readonly state: PollState;

  constructor(
    timeoutMs: number,
    operation: Partial<LongRunningOperation> | undefined,
    state: PollState,
    /** What was under way at the timeout; by default, the wait for the next poll. */
    underWay = `the next poll would have been at ${new Date(state.nextPollAt).toISOString()}`,
  ) {
    const status = operation?.status;
    // Only a status the spec declares is quoted: any other text may be the token, echoed back.
    const listed = (statuses as readonly unknown[]).includes(status);
    const last = typeof status === "string" ? `; last status ${listed ? status : "unlisted"}` : "";
    super(`Operation not finished within ${timeoutMs} ms${last}; ${underWay}`);
    this.timeoutMs = timeoutMs;
    this.operation = operation;
    this.state = state;
  }
}

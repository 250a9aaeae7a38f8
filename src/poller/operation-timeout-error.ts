import type { LongRunningOperation } from "../client/operation-types.ts";
import type { PollState } from "./poll-state.ts";

/** The operation was not terminal within `timeoutMs`. Says when the next poll would have been. */
export class OperationTimeoutError extends Error {
  override name = "OperationTimeoutError";

  constructor(
    readonly timeoutMs: number,
    /** The last operation seen, if any. */
    readonly operation: Partial<LongRunningOperation> | undefined,
    /** Enough to resume waiting later: pass it back to waitForOperation. */
    readonly state: PollState,
    /** What was under way at the timeout; by default, the wait for the next poll. */
    underWay = `the next poll would have been at ${new Date(state.nextPollAt).toISOString()}`,
  ) {
    const status = operation?.status;
    const last = typeof status === "string" ? `; last status ${STATUS_WORD.test(status) ? status : "unlisted"}` : "";
    super(`Operation not finished within ${timeoutMs} ms${last}; ${underWay}`);
  }
}

/** A status quoted in a message: a word, as the spec's are (`unknownFutureValue`); any other is the server's text. */
const STATUS_WORD = /^[A-Za-z]{1,40}$/;

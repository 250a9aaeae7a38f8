import type { LongRunningOperation } from "../types/long-running-operation.ts";

/**
 * The operation reached `failed`. Carries the operation and Graph's `statusDetail`, which the
 * message only points to: it is the server's text, and a message ends up in logs and terminals.
 */
export class OperationFailedError extends Error {
  override name = "OperationFailedError";
  // `declare`d and assigned, as in InvalidArgumentError: parameter properties also emit fields (app bytes).
  declare readonly operation: Partial<LongRunningOperation>;
  declare readonly statusDetail: string | null | undefined;

  constructor(operation: Partial<LongRunningOperation>) {
    super(`The operation failed${operation.statusDetail ? "; see its statusDetail" : ""}`);
    this.operation = operation;
    this.statusDetail = operation.statusDetail;
  }
}

import type { LongRunningOperation } from "../client/operation-types.ts";

/**
 * The operation reached `failed`. Carries the operation and Graph's `statusDetail`, which the
 * message only measures: it is the server's text, and a message ends up in logs and terminals.
 */
export class OperationFailedError extends Error {
  override name = "OperationFailedError";
  readonly statusDetail: string | null | undefined;

  constructor(readonly operation: Partial<LongRunningOperation>) {
    const detail = operation.statusDetail;
    super(
      typeof detail === "string" && detail
        ? `The operation failed; its statusDetail (${detail.length} characters) says why`
        : "The operation failed, with no statusDetail",
    );
    this.statusDetail = detail;
  }
}

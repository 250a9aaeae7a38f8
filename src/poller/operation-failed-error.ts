import type { LongRunningOperation } from "../client/operation-types.ts";

/** The operation reached `failed`. Carries the operation and Graph's `statusDetail`. */
export class OperationFailedError extends Error {
  override name = "OperationFailedError";
  readonly statusDetail: string | null | undefined;

  constructor(readonly operation: Partial<LongRunningOperation>) {
    const detail = operation.statusDetail ? `: ${operation.statusDetail}` : " (no statusDetail)";
    super(`Operation ${operation.id ?? "(no id)"} failed${detail}`);
    this.statusDetail = operation.statusDetail;
  }
}

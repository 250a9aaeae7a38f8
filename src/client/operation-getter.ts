import type { OperationRef } from "../types/operation-ref.ts";
import type { GetOperationOptions, OperationResult } from "./operation-types.ts";

/** A GET worked out once (its URL, and the `$select` it asks for), to send at each poll of a wait. */
export interface PreparedGet {
  url: string;
  select: readonly string[] | undefined;
}

/**
 * What the poller uses of a client createGraphLroClient made: each wait's target parsed and its URL built
 * once rather than per poll, and each GET raced against its signal by the client itself, so the poller does
 * not race it again. Used only while the client's `getOperation` is still its own (`getOperation` here):
 * a caller who replaced or wrapped it is called as any other client is. Registered with the client's
 * transport (transportOf), not as properties, so that a client shows (and logs) only its public methods.
 */
export interface OperationGetter {
  getOperation: unknown;
  /** What every GET of `target` sends; an InvalidArgumentError as getOperation rejects with. */
  prepare(target: string | URL | OperationRef, select: readonly string[] | undefined): PreparedGet;
  /** One GET: rejects with the signal's reason as soon as it aborts, even when fetch ignores it. */
  get(prepared: PreparedGet, options: GetOperationOptions): Promise<OperationResult<never>>;
}

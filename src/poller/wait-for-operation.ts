import type { terminalStatuses } from "../../generated/graph-lro.routes.ts";
import type { GraphLroClient } from "../client/create-client.ts";
import type { SelectableProperty } from "../client/operation-types.ts";
import { OperationFailedError } from "../errors/operation-failed-error.ts";
import type { PollOptions } from "./poll-options.ts";
import type { WaitedOperation } from "./poll-progress.ts";
import type { PollTarget } from "./poll-target.ts";
import { polling } from "./polling.ts";

/**
 * Waits for an operation to finish. Resolves with the operation on `succeeded`; rejects with
 * OperationFailedError on `failed`, OperationTimeoutError on timeout, and the signal's reason on
 * abort. `resourceLocation` is returned, not fetched: what to do with it is the caller's call.
 */
export async function waitForOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
  client: Pick<GraphLroClient, "getOperation">,
  target: PollTarget,
  options: PollOptions<S> = {},
): Promise<WaitedOperation<S>> {
  // The polls pollOperation makes, without its generator or the progress it yields (onProgress still gets it).
  const [last] = await polling<S>(client, target, options)(false);
  // Tied to the spec's terminal statuses: renaming `failed` there fails to compile here.
  if (last.status === ("failed" satisfies (typeof terminalStatuses)[number])) throw new OperationFailedError(last);
  return last;
}

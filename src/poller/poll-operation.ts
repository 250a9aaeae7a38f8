import type { OperationResult, SelectableProperty, SelectedOperation } from "../client/operation-types.ts";
import type { PollOptions } from "./poll-options.ts";
import type { PolledOperation, PollProgress } from "./poll-progress.ts";
import type { PollTarget } from "./poll-target.ts";
import { type PolledClient, polling } from "./polling.ts";

/**
 * Polls until the operation is terminal, yielding each state seen; the last is `succeeded` or
 * `failed`. Breaking out of the loop stops polling. Throttling retries are the client's job, but a
 * throttled answer with a Retry-After that the client did not wait out (longer than its retry budget,
 * or it ran out of retries) is waited out here, within `timeoutMs`.
 */
export async function* pollOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
  client: PolledClient,
  target: PollTarget,
  options: PollOptions<S> = {},
): AsyncGenerator<PolledOperation<S>, void, undefined> {
  const observe = polling<S>(client, target, options);
  for (;;) {
    const [operation, result, progress, nextPollInMs] = await observe(true);
    yield { ...(progress as PollProgress), operation, result: result as OperationResult<SelectedOperation<S>> };
    if (nextPollInMs === undefined) return;
  }
}

import { redact } from "../text/redact.ts";
import { readBodyText } from "../util/http/read-body.ts";
import { callError, type SentRequest, tooLargeError } from "./call-error.ts";
import { errorFromResponse } from "./error-from-response.ts";
import type { GraphTransport } from "./graph-transport.ts";
import { networkFailure } from "./network-failure.ts";
import type { OperationResult } from "./operation-types.ts";
import { parseOperationBody } from "./parse-operation-body.ts";
import { parseRetryAfter } from "./retry-after.ts";

/**
 * The OperationResult a response to a typed GET carries, or the GraphError it amounts to. `select`
 * says whether the body must have `status` (it was selected, or nothing was); once `signal` has
 * aborted, its reason is what the call rejects with. `token`, the one sent (graphFetch's CallHooks), is
 * redacted from what an error keeps.
 */
export async function readOperation(
  response: Response,
  sent: SentRequest,
  select: readonly string[] | undefined,
  signal: AbortSignal | undefined,
  token: string | undefined,
  { maxBodyBytes, now }: Pick<GraphTransport, "maxBodyBytes" | "now">,
): Promise<OperationResult<never>> {
  const { status, headers } = response;
  let text: string | undefined;
  try {
    text = await readBodyText(response, maxBodyBytes, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // A connection lost mid-body is a network error (a TypeError); anything else is not ours to rename.
    if (!(error instanceof TypeError)) throw error;
    throw callError(sent, status, "networkError", `the body was cut off: ${networkFailure(error)}`);
  }
  if (text === undefined) throw tooLargeError(sent, status, maxBodyBytes);
  const secrets = [token];
  // Graph's request-id, for support cases; the token is redacted from it (an echoing server may put it there).
  const requestId = redact(headers.get("request-id"), secrets) ?? undefined;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now());
  if (!response.ok) throw errorFromResponse(response, text, sent, { requestId, retryAfterMs }, secrets);
  const operation = parseOperationBody(text, headers, !select?.length || select.includes("status"));
  if (typeof operation === "string") {
    throw callError(sent, status, "malformedResponse", operation, { requestId, retryAfterMs });
  }
  return { operation: operation as never, status, retryAfterMs, requestId, clientRequestId: sent.clientRequestId };
}

/** The GraphError for a body longer than `maxBodyBytes`, read or declared; the rest of it is not read. */

import { defaultPathSerializer } from "openapi-fetch";
import { redact } from "../text/redact.ts";
import type { OperationRef } from "../types/operation-ref.ts";
import { readBodyText } from "../util/http/read-body.ts";
import { abortable } from "../util/time/abortable.ts";
import { callTimeout } from "../util/time/call-timeout.ts";
import { callError, sentRequest, tooLargeError } from "./call-error.ts";
import { errorFromResponse } from "./error-from-response.ts";
import type { CallHooks } from "./graph-fetch.ts";
import type { GraphTransport } from "./graph-transport.ts";
import { networkFailure } from "./network-failure.ts";
import { pathParams, routeOf } from "./operation-routes.ts";
import type { GetOperationOptions, OperationResult, SelectableProperty } from "./operation-types.ts";
import { parseOperationBody } from "./parse-operation-body.ts";
import { operationUrlParser, type ParsedOperationUrl } from "./parse-operation-url.ts";
import { selectQuery } from "./request-parts.ts";
import { parseRetryAfter } from "./retry-after.ts";

/**
 * A typed GET in two steps: its URL, then the call. The poller works out a wait's URL once and sends it at
 * each poll (decision 0025f); the client's methods do both per call.
 */
export interface PreparedGet {
  url: string;
  /** The `$select` it asks for, which says whether the body must have `status`. */
  select: readonly string[] | undefined;
}

/**
 * The GET of `target` under `baseUrl`: a ref, or a 202's Location URL read by `parse` (a client's parser, else
 * one made here), whose query is kept and whose $select is asked for unless `select` replaces it. Throws an
 * InvalidArgumentError for a URL that is no operation's, a ref of no known kind or a bad id.
 */
export function prepareGet(
  baseUrl: string,
  target: string | URL | OperationRef,
  select: readonly string[] | undefined,
  parse: (url: string | URL) => ParsedOperationUrl = operationUrlParser(new URL(baseUrl)),
): PreparedGet {
  let location: ParsedOperationUrl | undefined;
  if (typeof target !== "object" || target instanceof URL) {
    location = parse(target);
    target = location.ref;
    // The URL's own $select names are unchecked: Graph (or the mock) answers an unknown one with a 400.
    select ??= location.select;
  }
  // The URL as openapi-fetch's createFinalURL builds it, with its serializers (so encoded as the raw
  // client's), sent through the same graphFetch, without the rest of its GET: its option and header
  // merging cost more than all our checks (decision 0008). A ref's kind is checked when its route is looked up.
  const query = [selectQuery(select), location?.query].filter(Boolean).join("&");
  const route = routeOf(target);
  const url = `${defaultPathSerializer(baseUrl + route.path, pathParams(target, route))}${query && `?${query}`}`;
  return { url, select };
}

/**
 * One GET through a client's transport, and the OperationResult its response carries or the GraphError it
 * amounts to. An injected fetch may ignore the signal: the time limit, or else the caller's signal, is raced
 * too (a listener costs, so only when there is one); once that signal has aborted, its reason is what the call
 * rejects with. Sent and read in one function: a reader of its own (readOperation, called from here alone)
 * took six arguments, which cost each browser app 6 to 15 B gzip more (decision 0025f).
 */
export async function sendGet(
  transport: GraphTransport,
  { url, select }: PreparedGet,
  { signal, onRetry }: GetOperationOptions<readonly SelectableProperty[]> = {},
): Promise<OperationResult<never>> {
  const { timeoutMs, maxBodyBytes } = transport;
  // The time limit covers reading the body too: its timer is cleared only once the call has settled.
  const call = timeoutMs === undefined ? undefined : callTimeout(timeoutMs, signal, transport.timeoutSignal);
  const callSignal = call ? call.signal : signal;
  try {
    // graphFetch adds the call's client-request-id to the Request before anything is sent or can fail.
    const request = new Request(url, { headers: transport.headers, signal: callSignal, redirect: "manual" });
    const hooks: CallHooks = { onRetry };
    const response = await (callSignal
      ? abortable(transport.send(request, hooks), callSignal)
      : transport.send(request, hooks));
    const sent = sentRequest(request);
    const { status, headers } = response;
    let text: string | undefined;
    try {
      text = await readBodyText(response, maxBodyBytes, callSignal);
    } catch (error) {
      if (callSignal?.aborted) throw callSignal.reason;
      // A connection lost mid-body is a network error (a TypeError); anything else is not ours to rename.
      if (!(error instanceof TypeError)) throw error;
      throw callError(sent, status, "networkError", `the body was cut off: ${networkFailure(error)}`);
    }
    if (text === undefined) throw tooLargeError(sent, status, maxBodyBytes);
    // The token sent (graphFetch's CallHooks) is redacted from what an error keeps.
    const secrets = [hooks.secret];
    // Graph's request-id, for support cases; the token is redacted from it (an echoing server may put it there).
    const requestId = redact(headers.get("request-id"), secrets) ?? undefined;
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), transport.clock.now());
    if (!response.ok) throw errorFromResponse(response, text, sent, { requestId, retryAfterMs }, secrets);
    // The body must have status if it was selected, or nothing was.
    const operation = parseOperationBody(text, headers, !select?.length || select.includes("status"));
    if (typeof operation === "string") {
      throw callError(sent, status, "malformedResponse", operation, { requestId, retryAfterMs });
    }
    return { operation: operation as never, status, retryAfterMs, requestId, clientRequestId: sent.clientRequestId };
  } finally {
    call?.clear();
  }
}

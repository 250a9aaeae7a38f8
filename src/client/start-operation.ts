import { defaultPathSerializer } from "openapi-fetch";
import { starts } from "../../generated/graph-lro.routes.ts";
import type { GraphError } from "../errors/graph-error.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { OutcomeUnknownError } from "../errors/outcome-unknown-error.ts";
import { redact } from "../text/redact.ts";
import { assertPathId } from "../util/check/path-id.ts";
import { readBodyText } from "../util/http/read-body.ts";
import { abortable } from "../util/time/abortable.ts";
import { callTimeout } from "../util/time/call-timeout.ts";
import { callError, type SentRequest, sentRequest, tooLargeError } from "./call-error.ts";
import type { GraphLroClient } from "./create-client.ts";
import { errorFromResponse } from "./error-from-response.ts";
import type { CallHooks } from "./graph-fetch.ts";
import { type GraphTransport, transportOf } from "./graph-transport.ts";
import { networkFailure } from "./network-failure.ts";
import { parseOperationUrl } from "./parse-operation-url.ts";
import { parseRetryAfter } from "./retry-after.ts";
import type { StartedOperation, StartInput, StartName, StartOptions } from "./start-types.ts";

type Entry = (typeof starts)[StartName];

/**
 * Starts an operation by its POST (`name`: the spec's `x-graph-lro-start`, such as `resetPassword`) and
 * resolves with the 202's Location (verbatim and as a ref), Retry-After and body, for waitForOperation. The
 * POST is sent once: only a 429 is retried (Graph did not act on it), after its Retry-After. A network
 * error, a timeout or a 5xx rejects with OutcomeUnknownError: the operation may have started. Any other
 * error status rejects with a GraphError. The body's secrets (`format: password` in the spec, such as
 * `newPassword`) never reach an error. A separate export rather than a client method, so that an app that
 * only waits does not download the starts.
 */
export async function startOperation<N extends StartName>(
  client: Pick<GraphLroClient, "getOperation">,
  name: N,
  input: StartInput<N>,
  { signal, onRetry }: StartOptions = {},
): Promise<StartedOperation<N>> {
  const transport = transportOf.get(client);
  if (!transport) throw new InvalidArgumentError("client", "client must be one that createGraphLroClient made");
  if (!Object.hasOwn(starts, name)) {
    const got = typeof name === "string" ? `"${name.slice(0, 40)}"` : typeof name;
    throw new InvalidArgumentError("name", `name must be one of ${Object.keys(starts).join(", ")}, got ${got}`);
  }
  const entry: Entry = starts[name];
  const { url, body, secrets } = requestParts(entry, transport.baseUrl, input);
  const headers: Record<string, string> = { ...transport.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  const { timeoutMs, timeoutSignal } = transport;
  // Without a time limit, only the caller's signal (a limit past what a timer can wait arms none).
  const call = callTimeout(
    timeoutMs ?? Number.POSITIVE_INFINITY,
    signal,
    timeoutMs === undefined ? undefined : timeoutSignal,
  );
  const request = new Request(url, {
    method: entry.method.toUpperCase(),
    headers,
    body,
    signal: call.signal,
    redirect: "manual",
  });
  // A POST is resent only after a 429, which Graph did not act on: until the resend, nothing is out.
  const hooks: CallHooks = {
    onRetry: (retry) => {
      hooks.sent = false;
      // A server may echo the password sent: taken out before any listener, the client's too, is told.
      retry.requestId = redact(retry.requestId, secrets);
      onRetry?.(retry);
    },
  };
  // graphFetch adds the call's client-request-id to the Request before anything is sent or can fail.
  const sending = transport.send(request, hooks);
  const sent = sentRequest(request);
  try {
    const response = await abortable(sending, call.signal);
    // A server may echo the request: the token and the sent secrets are taken out of all it says.
    return await readStarted(name, entry, response, sent, [hooks.secret, ...secrets], call.signal, transport);
  } catch (error) {
    // Aborted or timed out before anything was sent, or while waiting to resend a 429: nothing started, so the
    // reason as it is.
    throw hooks.sent ? unknownOutcome(error, sent, signal) : error;
  } finally {
    call.clear();
  }
}

/** The URL (each path id checked, a default filled in) and JSON body of a start; the secrets it sends. */
function requestParts(
  entry: Entry,
  baseUrl: string,
  input: unknown,
): { url: string; body: string | undefined; secrets: string[] } {
  if (typeof input !== "object" || input === null) {
    throw new InvalidArgumentError("input", `input must be an object, got ${input === null ? "null" : typeof input}`);
  }
  const given = input as Record<string, unknown>;
  const fields: Record<string, string> = entry.fields;
  const defaults: Record<string, string> = entry.defaults;
  const known = [...Object.values(fields), ...entry.body];
  // A misspelled field would otherwise be dropped silently (and a misspelled password sent as none).
  const unknown = Object.keys(given).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new InvalidArgumentError(unknown, `${unknown.slice(0, 40)} is no input of this start: ${known.join(", ")}`);
  }
  const params: Record<string, string> = {};
  for (const [param, field] of Object.entries(fields)) {
    const value = given[field] ?? defaults[field];
    assertPathId(field, value);
    params[param] = value;
  }
  const sentBody = Object.fromEntries(
    entry.body.flatMap((key) => (given[key] === undefined ? [] : [[key, given[key]]])),
  );
  const empty = Object.keys(sentBody).length === 0;
  const secrets = (entry.secrets as readonly string[]).flatMap((key) =>
    typeof sentBody[key] === "string" && sentBody[key] !== "" ? [sentBody[key] as string] : [],
  );
  return {
    url: defaultPathSerializer(baseUrl + entry.path, params),
    body: empty && !entry.bodyRequired ? undefined : JSON.stringify(sentBody),
    secrets,
  };
}

/** The StartedOperation a 2xx carries, or the GraphError an answer amounts to. */
async function readStarted<N extends StartName>(
  name: N,
  entry: Entry,
  response: Response,
  sent: SentRequest,
  secrets: (string | undefined)[],
  signal: AbortSignal,
  { maxBodyBytes, clock, baseUrl }: GraphTransport,
): Promise<StartedOperation<N>> {
  const { status, headers } = response;
  let text: string | undefined;
  try {
    text = await readBodyText(response, maxBodyBytes, signal);
  } catch (error) {
    if (!(error instanceof TypeError) || signal.aborted) throw error;
    // After a 2xx the operation started; only its body (a generated password) is lost.
    const what = response.ok ? "the operation started, but its body was cut off" : "the body was cut off";
    throw callError(sent, status, "networkError", `${what}: ${networkFailure(error)}`);
  }
  if (text === undefined) throw tooLargeError(sent, status, maxBodyBytes);
  const requestId = redact(headers.get("request-id"), secrets) ?? undefined;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), clock.now());
  if (!response.ok) {
    const error = errorFromResponse(response, text, sent, { requestId, retryAfterMs }, secrets);
    throw status >= 500 ? new OutcomeUnknownError({ ...error, message: `Graph answered ${status}` }) : error;
  }
  const started = (message: string) =>
    callError(sent, status, "malformedResponse", `the operation started, but ${message}`, { requestId });
  // Polled, saved and logged later: an echo of the token or a secret is taken out of it, as of the request-id.
  const location = redact(headers.get("location"), secrets);
  let ref: StartedOperation["ref"];
  try {
    ref = parseOperationUrl(location ?? "", { baseUrl }).ref;
  } catch {
    ref = { kind: "" } as unknown as StartedOperation["ref"];
  }
  if (ref.kind !== entry.polledBy) throw started(`its Location is no URL of a ${entry.polledBy} operation`);
  let body: unknown;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw started("its body is not JSON");
  }
  const result = { start: name, location, ref, status, retryAfterMs, requestId, clientRequestId: sent.clientRequestId };
  // Not enumerable: it may hold a generated password, which a log of the result then leaves out.
  return Object.defineProperty(result, "body", { value: body, enumerable: false }) as unknown as StartedOperation<N>;
}

/**
 * What a failed start rejects with: the caller's own abort as it is; a network error, a timeout, or an
 * unreadable answer after sending as OutcomeUnknownError; anything else (bad input, a 4xx) as it is.
 */
function unknownOutcome(error: unknown, sent: SentRequest, caller: AbortSignal | undefined): unknown {
  if (caller?.aborted || error instanceof OutcomeUnknownError) return error;
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new OutcomeUnknownError({ ...sent, status: 0, code: "timeout", message: error.message, cause: error });
  }
  const graphError = error as GraphError;
  // A body cut off mid-read is a networkError too, with the status that came before it: after a 2xx the
  // outcome is known (the operation started), so the error stands as it is.
  const answered = graphError?.status >= 200 && graphError.status < 300;
  if (graphError?.name === "GraphError" && graphError.code === "networkError" && !answered) {
    return new OutcomeUnknownError({ ...graphError, message: "no answer (a network error)", cause: graphError });
  }
  return error;
}

import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { MIN_SECRET_LENGTH, redact } from "../text/redact.ts";
import { bearerHeader, type TokenSource } from "../util/http/bearer.ts";
import { discard } from "../util/http/read-body.ts";
import { abortable } from "../util/time/abortable.ts";
import { callError, sentRequest } from "./call-error.ts";
import type { Clock } from "./clock.ts";
import { MAX_REDIRECTS } from "./defaults.ts";
import type { Fetch } from "./fetch-types.ts";
import { networkFailure } from "./network-failure.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { type RetryPolicy, retryDelay } from "./retry-policy.ts";

/** What graphFetch reads of a client's options: the token, and the tools of its calls and retries. */
export interface GraphFetchOptions {
  /** A bearer token, or a function called before each attempt (so refreshed tokens work). */
  token?: TokenSource;
  /** Defaults to `globalThis.fetch`, looked up at each call, so a mock installed later still applies. */
  fetch?: Fetch;
  /**
   * The clock of retries (their waits, `Retry-After` dates) and, unless told otherwise, of the polls of
   * waitForOperation and pollOperation with this client: one injection controls all waiting.
   */
  clock?: Clock;
  /** Called before each wait for a retry, with what was answered: throttling made visible. */
  onRetry?: (retry: RetryEvent) => void;
  /** Test seam: the jitter source, in [0, 1). */
  random?: () => number;
}

/** A retry about to be waited for: the answer that caused it, and the wait. */
export interface RetryEvent {
  /** The attempt that was answered, from 1; the retry is attempt + 1. */
  attempt: number;
  /** The answer's HTTP status; 0 for a network error. */
  status: number;
  /** The wait before the retry: the answer's Retry-After, else a jittered backoff. */
  delayMs: number;
  /** The answer's Retry-After, in ms, if it had one. */
  retryAfterMs: number | undefined;
  /** The network error (a TypeError from fetch) when no answer came. */
  error?: unknown;
  /** The answer's `request-id` header, if any. */
  requestId: string | undefined;
  method: string;
  url: string;
}

/**
 * What one call hands graphFetch beside its Request, and gets back. An argument of our own callers (the typed
 * client's GETs and startOperation send their Request through graphFetch directly, decision 0008); openapi-fetch
 * passes none, and its raw calls need neither.
 */
export interface CallHooks {
  /** This call's own listener of retries (the poller's, or a call's `onRetry` option), before the client's. */
  onRetry?: ((retry: RetryEvent) => void) | undefined;
  /** Written by graphFetch: the token the returned response was answered to, as a secret to redact; else undefined. */
  secret?: string | undefined;
  /** Written by graphFetch: true once a request was sent (startOperation's onRetry sets it back before a resend). */
  sent?: boolean;
}

/** graphFetch: a Fetch that also takes the call's hooks. */
export type GraphSend = (request: Request, call?: CallHooks) => Promise<Response>;

/**
 * A fetch doing in one function (one await on the usual path) what Graph needs around each request;
 * the request's signal bounds all of it (retries and their waits included):
 * - refuses a request to any origin but `origin`, and adds a `client-request-id` if it has none;
 * - sets `Authorization` before every attempt and follows a GET's redirects by hand (the request must
 *   have `redirect: "manual"`): within `origin` only, so the token never leaves Graph; any other
 *   method's redirect is its answer;
 * - re-sends a GET on 429, 503, 504 and network errors (TypeErrors from fetch), waiting
 *   `Retry-After` if given, else a jittered backoff. When the next wait would pass the budget,
 *   the last response is returned for the caller to report; a `Retry-After` longer than the
 *   budget is not shortened, as Graph asks us not to. Any other method is re-sent only on 429
 *   (Graph did not act on it), else sent once;
 * - turns a network error into a GraphError with status 0.
 */
export function graphFetch(
  origin: string,
  retry: RetryPolicy,
  clock: Clock,
  options: Pick<GraphFetchOptions, "token" | "fetch" | "random" | "onRetry">,
): GraphSend {
  const { token, random = Math.random, onRetry } = options;
  const prefix = `${origin}/`;
  // A fixed token's header value is built (and checked) once, not per attempt.
  const bearer = typeof token === "string" ? bearerHeader(token) : undefined;
  return async (request, call) => {
    // The origin with its slash: "https://graph.microsoft.com.evil.test" only starts like Graph's.
    if (!request.url.startsWith(prefix)) {
      const refused = new URL(request.url).origin;
      throw new InvalidArgumentError("baseUrl", `refusing ${refused}: the Graph origin is ${origin}`);
    }
    const { method, headers, signal } = request;
    if (!headers.has("client-request-id")) headers.set("client-request-id", crypto.randomUUID());
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      // An injected fetch may ignore the signal; an aborted call must still send nothing.
      signal.throwIfAborted();
      // The token is read outside the try: a token function's own error is not a network error to
      // retry. A token function that never settles still yields to an abort or the timeout.
      const authorization = typeof token === "function" ? bearerHeader(await tokenFrom(token, signal)) : bearer;
      let response: Response | undefined;
      let failure: unknown;
      try {
        // A body is read by sending it: a POST retried after a 429 sends a copy each time.
        for (let sending: Request | undefined = request.body ? request.clone() : request, hops = 0; sending; hops++) {
          if (authorization) sending.headers.set("authorization", authorization);
          if (call) call.sent = true;
          response = await (options.fetch ?? globalThis.fetch)(sending);
          // A fetch that ignored the signal may answer after it aborted: nothing more is sent or read.
          if (signal.aborted) {
            discard(response.body);
            throw signal.reason;
          }
          // A start is sent once, where the caller chose (decision 0021): a redirect is its answer.
          sending = method === "GET" ? redirectTarget(response, sending, hops, origin) : undefined;
        }
      } catch (error) {
        if (!(error instanceof TypeError) || signal.aborted) throw error;
        failure = error;
        response = undefined;
      }
      // Only a token long enough to be one is a secret to redact (tokenSecret's rule; "Bearer " is 7 characters).
      const secret =
        authorization && authorization.length >= 7 + MIN_SECRET_LENGTH ? authorization.slice(7) : undefined;
      if (call && response) call.secret = secret;
      const delay = retryDelay(retry, { method, response, attempt, waited }, clock.now, random);
      if (delay === undefined) {
        if (response) return response;
        throw callError(sentRequest(request), 0, "networkError", networkFailure(failure));
      }
      // Free the connection of a response we will not read.
      discard(response?.body);
      const event: RetryEvent = {
        attempt: attempt + 1,
        status: response?.status ?? 0,
        delayMs: delay,
        // An echo of the token is taken out, as from a returned answer's (retries are logged).
        requestId: redact(response?.headers.get("request-id") ?? undefined, [secret]),
        retryAfterMs: parseRetryAfter(response?.headers.get("retry-after"), clock.now()),
        method,
        url: request.url,
        ...(failure !== undefined && { error: failure }),
      };
      // The call's first: a start takes the secrets it sent out of the event (decision 0021).
      call?.onRetry?.(event);
      onRetry?.(event);
      waited += delay;
      await clock.sleep(delay, signal);
    }
  };
}

/**
 * The request to send next if `response` is a redirect to follow; undefined if it is not a
 * redirect. Throws a GraphError for a redirect to another origin (scheme, host and port are all
 * compared), a hidden target (browsers' `opaqueredirect`), a URL with credentials (a Request cannot
 * carry them) or too many hops: nothing is sent there.
 */
function redirectTarget(response: Response, request: Request, hops: number, origin: string): Request | undefined {
  const opaque = response.type === "opaqueredirect";
  if (!opaque && (response.status < 300 || response.status >= 400)) return undefined;
  const location = response.headers.get("location");
  if (location === null && !opaque) return undefined;
  discard(response.body);
  const target = location !== null && URL.canParse(location, request.url) ? new URL(location, request.url) : undefined;
  const refused =
    target?.origin !== origin
      ? target
        ? "another origin"
        : "an unreadable location"
      : target.username || target.password
        ? "a URL with credentials"
        : undefined;
  if (!refused && hops < MAX_REDIRECTS) return new Request(target as URL, request);
  const message = refused ? `a redirect to ${refused} was not followed` : `more than ${MAX_REDIRECTS} redirects`;
  throw callError(sentRequest(request), response.status, "refusedRedirect", message);
}

const PENDING = Symbol("pending");
const pending = Promise.resolve(PENDING);

/**
 * A token function's answer. Only an answer still pending is raced against the signal: listening
 * for an abort costs about as much as the rest of a call, and a cached token (a string, or an
 * async function's already-settled promise) cannot hang.
 */
async function tokenFrom(token: () => string | Promise<string>, signal: AbortSignal): Promise<string> {
  const value = token();
  if (typeof value === "string") return value;
  const settled = await Promise.race([value, pending]);
  return settled === PENDING ? abortable(Promise.resolve(value), signal) : settled;
}

import createClient, { type Client, createFinalURL, createQuerySerializer } from "openapi-fetch";
import type { paths } from "../../generated/graph-lro.ts";
import { GraphError } from "../errors/graph-error.ts";
import type { TokenSource } from "./bearer.ts";
import { type GraphTarget, resolveBaseUrl } from "./clouds.ts";
import { errorFromResponse } from "./error-from-response.ts";
import type { Fetch, Sleep } from "./fetch-types.ts";
import { graphFetch } from "./graph-fetch.ts";
import { assertOperationRef, type OperationRef, pathParams, routeOf } from "./operation-routes.ts";
import type { GetOperationOptions, OperationResult, SelectableProperty, SelectedOperation } from "./operation-types.ts";
import { parseOperationBody } from "./parse-operation-body.ts";
import { parseOperationUrl } from "./parse-operation-url.ts";
import { safePathSerializer } from "./path-id.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { type RetryPolicy, resolveRetryPolicy } from "./retry-policy.ts";
import { MAX_TIMER_MS, sleep } from "./sleep.ts";

/** Options of createGraphLroClient. */
export interface GraphLroClientOptions extends GraphTarget {
  /** A bearer token, or a function called before each attempt (so refreshed tokens work). */
  token?: TokenSource;
  /** Defaults to `globalThis.fetch`, looked up at each call, so a mock installed later still applies. */
  fetch?: Fetch;
  /** Retries of GETs on 429, 503, 504 and network errors. Default: 4 retries, 60 s of waiting in all. */
  retry?: Partial<RetryPolicy>;
  /** Abort each call (all its retries included) after this many ms. Default: no limit. */
  timeoutMs?: number;
  /** Test seam: the wait between retries; must reject when the signal aborts. */
  sleep?: Sleep;
  /** Test seam: the jitter source, in [0, 1). */
  random?: () => number;
  /** Test seam: the clock used to read `Retry-After` dates. */
  now?: () => number;
  /** Test seam: makes the signal for `timeoutMs`. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** A typed client of the two longRunningOperation GETs. */
export interface GraphLroClient {
  /** GET /identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id} */
  getRoleManagementAlertOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    operationId: string,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S>>>;
  /** GET /users/{user-id}/authentication/operations/{longRunningOperation-id}; the user by id or UPN. */
  getUserAuthenticationOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    userIdOrUpn: string,
    operationId: string,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S>>>;
  /** GET an operation by a 202's `Location` URL (its extra query kept verbatim) or by a ref. */
  getOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    locationUrlOrRef: string | URL | OperationRef,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S>>>;
  /** The underlying openapi-fetch client, with the same base URL, auth, retries and path checks. Its
   * middleware applies to `raw` calls only: the typed methods send their own Request (decision 0008). */
  raw: Client<paths>;
}

const ACCEPT = "application/json";
/** `$select` is an array with style form, explode false: `$select=a,b`. Made once, not per call. */
const serializeQuery = createQuerySerializer({ array: { style: "form", explode: false } });

/** Creates a client for one Graph cloud (or base URL), typed by the spec's `paths`. */
export function createGraphLroClient(options: GraphLroClientOptions = {}): GraphLroClient {
  const base = resolveBaseUrl(options);
  const now = options.now ?? Date.now;
  const fetch = graphFetch({
    origin: base.origin,
    fetch: options.fetch,
    token: options.token,
    retry: resolveRetryPolicy(options.retry),
    timeoutMs: checkTimeout(options.timeoutMs),
    timeoutSignal: options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)),
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now,
  });
  const baseUrl = base.href.replace(/\/$/, "");
  const raw = createClient<paths>({
    baseUrl,
    fetch,
    pathSerializer: safePathSerializer,
    querySerializer: serializeQuery,
    headers: { accept: ACCEPT },
    // Redirects are followed by graphFetch, within the Graph origin only.
    redirect: "manual",
  });

  async function get(
    ref: OperationRef,
    extraQuery: string,
    { select, signal }: GetOperationOptions<readonly SelectableProperty[]> = {},
  ): Promise<OperationResult<never>> {
    const clientRequestId = crypto.randomUUID();
    // openapi-fetch's URL building and the same graphFetch as raw, without the rest of raw.GET:
    // its option and header merging cost more than all our checks (decision 0008).
    let url = createFinalURL(routeOf(ref).path, {
      baseUrl,
      params: { path: pathParams(ref), query: select && { $select: select } },
      pathSerializer: safePathSerializer,
      querySerializer: serializeQuery,
    });
    if (extraQuery) url += `${url.includes("?") ? "&" : "?"}${extraQuery}`;
    const headers = { accept: ACCEPT, "client-request-id": clientRequestId };
    const response = await fetch(new Request(url, { headers, signal, redirect: "manual" }));
    const { status } = response;
    const sent = { method: "GET", url, clientRequestId };
    const text = await response.text().catch((cause: unknown) => {
      // A connection lost mid-body is a network error (a TypeError); an abort stays an abort.
      if (!(cause instanceof TypeError) || signal?.aborted) throw cause;
      throw new GraphError({
        ...sent,
        status,
        code: "networkError",
        message: `reading the body: ${cause.message}`,
        cause,
      });
    });
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
    if (!response.ok) throw errorFromResponse(response, text, sent, retryAfterMs);
    const operation = parseOperationBody(text, response.headers, !select?.length || select.includes("status"));
    const requestId = response.headers.get("request-id") ?? undefined;
    if (typeof operation === "string") {
      throw new GraphError({ ...sent, status, code: "malformedResponse", message: operation, requestId, retryAfterMs });
    }
    return { operation: operation as never, status, retryAfterMs, requestId, clientRequestId };
  }

  return {
    getRoleManagementAlertOperation: (operationId, opts) => get({ kind: "roleManagementAlert", operationId }, "", opts),
    getUserAuthenticationOperation: (userId, operationId, opts) =>
      get({ kind: "userAuthentication", userId, operationId }, "", opts),
    getOperation: async (target, opts) => {
      if (typeof target === "object" && !(target instanceof URL)) {
        assertOperationRef(target);
        return get(target, "", opts);
      }
      const { ref, query, select } = parseOperationUrl(target, { baseUrl });
      // The URL's own $select names are unchecked: Graph (or the mock) answers an unknown one with a 400.
      return get(ref, query, { ...opts, select: opts?.select ?? (select as SelectableProperty[] | undefined) });
    },
    raw,
  };
}

/** `timeoutMs` if it is a usable timeout: AbortSignal.timeout would only fail at the first call. */
function checkTimeout(timeoutMs: number | undefined): number | undefined {
  if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(
      `timeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${timeoutMs}`,
    );
  }
  return timeoutMs;
}

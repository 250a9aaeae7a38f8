import createClient, { type Client, createFinalURL, createQuerySerializer } from "openapi-fetch";
import type { paths } from "../../generated/graph-lro.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import type { TokenSource } from "./bearer.ts";
import { callTimeout, type TimeoutSignalFactory } from "./call-timeout.ts";
import { type GraphTarget, resolveBaseUrl } from "./clouds.ts";
import type { Fetch, Sleep } from "./fetch-types.ts";
import { graphFetch } from "./graph-fetch.ts";
import { assertOperationRef, type OperationRef, pathParams, routeOf } from "./operation-routes.ts";
import type { GetOperationOptions, OperationResult, SelectableProperty, SelectedOperation } from "./operation-types.ts";
import { parseOperationUrl } from "./parse-operation-url.ts";
import { safePathSerializer } from "./path-id.ts";
import { rawFetch } from "./raw-fetch.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./read-body.ts";
import { readOperation } from "./read-operation.ts";
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
  /** Abort each call (its retries and the reading of its body included) after this many ms. Default: no limit. */
  timeoutMs?: number;
  /**
   * The most bytes of a response body (success or error) a call reads; past it, the rest is not read and
   * the call fails with a GraphError `responseTooLarge`. Default: 4 MiB.
   */
  maxBodyBytes?: number;
  /** Test seam: the wait between retries; must reject when the signal aborts. */
  sleep?: Sleep;
  /** Test seam: the jitter source, in [0, 1). */
  random?: () => number;
  /** Test seam: the clock used to read `Retry-After` dates. */
  now?: () => number;
  /** Test seam: makes the signal for `timeoutMs`, in place of the client's own timer. */
  timeoutSignal?: TimeoutSignalFactory;
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
  const { timeoutSignal } = options;
  const timeoutMs = checkLimit("timeoutMs", options.timeoutMs, MAX_TIMER_MS, "milliseconds");
  const maxBodyBytes =
    checkLimit("maxBodyBytes", options.maxBodyBytes, Number.MAX_SAFE_INTEGER, "bytes") ?? DEFAULT_MAX_BODY_BYTES;
  const send = graphFetch({
    origin: base.origin,
    fetch: options.fetch,
    token: options.token,
    retry: resolveRetryPolicy(options.retry),
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now,
  });
  const baseUrl = base.href.replace(/\/$/, "");
  const raw = createClient<paths>({
    baseUrl,
    fetch: rawFetch(send, { timeoutMs, timeoutSignal, maxBodyBytes }),
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
    // The time limit covers reading the body too: its timer is cleared only once the call has settled.
    const call = timeoutMs === undefined ? undefined : callTimeout(timeoutMs, signal, timeoutSignal);
    const callSignal = call ? call.signal : signal;
    try {
      const response = await send(new Request(url, { headers, signal: callSignal, redirect: "manual" }));
      const statusRequired = !select?.length || select.includes("status");
      const sent = { method: "GET", url, clientRequestId };
      return await readOperation(response, sent, { statusRequired, maxBodyBytes, now, signal: callSignal });
    } finally {
      call?.clear();
    }
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

/** `value` if it is a whole number from 1 to `max` (or undefined); else an InvalidArgumentError naming the option. */
function checkLimit(name: string, value: number | undefined, max: number, unit: string): number | undefined {
  if (value !== undefined && !(Number.isSafeInteger(value) && value > 0 && value <= max)) {
    throw new InvalidArgumentError(name, `${name} must be a whole number of ${unit} from 1 to ${max}, got ${value}`);
  }
  return value;
}

import { defaultPathSerializer } from "openapi-fetch";
import type { OperationRef } from "../types/operation-ref.ts";
import { abortable } from "../util/time/abortable.ts";
import { callTimeout } from "../util/time/call-timeout.ts";
import { sentRequest } from "./call-error.ts";
import type { Clock } from "./clock.ts";
import type { CallHooks } from "./graph-fetch.ts";
import { type GraphLroClientOptions, graphTransport, transportOf } from "./graph-transport.ts";
import type { PreparedGet } from "./operation-getter.ts";
import { pathParams, routeOf } from "./operation-routes.ts";
import type { GetOperationOptions, OperationResult, SelectableProperty, SelectedOperation } from "./operation-types.ts";
import { operationUrlParser, type ParsedOperationUrl } from "./parse-operation-url.ts";
import { readOperation } from "./read-operation.ts";
import { selectQuery } from "./request-parts.ts";

/**
 * A typed client of the longRunningOperation GETs. `Evolvable`: it was created with
 * `includeUnknownEnumMembers: true`, so results may hold the status members after `unknownFutureValue`.
 */
export interface GraphLroClient<Evolvable extends boolean = false> {
  /** GET /identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id} */
  getRoleManagementAlertOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    operationId: string,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S, Evolvable>>>;
  /** GET /users/{user-id}/authentication/operations/{longRunningOperation-id}; the user by id or UPN. */
  getUserAuthenticationOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    userIdOrUpn: string,
    operationId: string,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S, Evolvable>>>;
  /** GET an operation by a 202's `Location` URL (its extra query kept verbatim) or by a ref. */
  getOperation<const S extends readonly SelectableProperty[] = readonly SelectableProperty[]>(
    locationUrlOrRef: string | URL | OperationRef,
    options?: GetOperationOptions<S>,
  ): Promise<OperationResult<SelectedOperation<S, Evolvable>>>;
  /** The client's clock (its `clock` option, else the real one): waitForOperation's by default. */
  readonly clock: Clock;
}

/**
 * Creates a client for one Graph cloud (or base URL), typed by the spec's `paths`. Overloads rather than
 * an inferred options type, which would switch off the check for a misspelled or removed option; with
 * `includeUnknownEnumMembers: true` the results' statuses include the members after the sentinel.
 */
export function createGraphLroClient(
  options: GraphLroClientOptions & { includeUnknownEnumMembers: true },
): GraphLroClient<true>;
export function createGraphLroClient(
  options?: GraphLroClientOptions & { includeUnknownEnumMembers?: false },
): GraphLroClient<false>;
export function createGraphLroClient(options: GraphLroClientOptions): GraphLroClient<boolean>;
export function createGraphLroClient(options: GraphLroClientOptions = {}): GraphLroClient<boolean> {
  const transport = graphTransport(options);
  const { baseUrl, send, timeoutMs, timeoutSignal } = transport;
  const parseLocation = operationUrlParser(new URL(baseUrl));

  /**
   * The URL of a GET of `ref` and the `$select` it asks for; `location`, a parsed Location URL, gives its
   * query (kept) and its $select (unless replaced). Worked out once per wait by the poller (operationGetters).
   */
  function prepare(
    ref: OperationRef,
    select: readonly string[] | undefined,
    location?: ParsedOperationUrl,
  ): PreparedGet {
    // The URL's own $select names are unchecked: Graph (or the mock) answers an unknown one with a 400.
    select ??= location?.select;
    // The URL as openapi-fetch's createFinalURL builds it, with its serializers (so encoded as the raw
    // client's), sent through the same graphFetch, without the rest of its GET: its option and header
    // merging cost more than all our checks (decision 0008).
    const query = [selectQuery(select), location?.query].filter(Boolean).join("&");
    const route = routeOf(ref);
    const url = `${defaultPathSerializer(baseUrl + route.path, pathParams(ref, route))}${query && `?${query}`}`;
    return { url, select };
  }

  /**
   * One GET of a prepared URL. An injected fetch may ignore the signal: the time limit and the caller's signal are
   * raced (a listener costs, so only when there is one).
   */
  async function get(
    { url, select }: PreparedGet,
    { signal, onRetry }: GetOperationOptions<readonly SelectableProperty[]> = {},
  ): Promise<OperationResult<never>> {
    const headers = { ...transport.headers, "client-request-id": crypto.randomUUID() };
    // The time limit covers reading the body too: its timer is cleared only once the call has settled.
    const call = timeoutMs === undefined ? undefined : callTimeout(timeoutMs, signal, timeoutSignal);
    const callSignal = call ? call.signal : signal;
    try {
      const request = new Request(url, { headers, signal: callSignal, redirect: "manual" });
      const hooks: CallHooks = { onRetry };
      const response = await (callSignal ? abortable(send(request, hooks), callSignal) : send(request, hooks));
      return await readOperation(response, sentRequest(request), select, callSignal, hooks.secret, transport);
    } finally {
      call?.clear();
    }
  }

  /** A target of getOperation prepared: a ref, or a Location URL parsed. */
  const prepareTarget = (target: string | URL | OperationRef, select: readonly string[] | undefined) => {
    // A ref's kind is checked when its route is looked up.
    if (typeof target === "object" && !(target instanceof URL)) return prepare(target, select);
    const location = parseLocation(target);
    return prepare(location.ref, select, location);
  };

  const client: GraphLroClient<boolean> = {
    clock: transport.clock,
    getRoleManagementAlertOperation: async (operationId, opts) =>
      get(prepare({ kind: "roleManagementAlert", operationId }, opts?.select), opts),
    getUserAuthenticationOperation: async (userId, operationId, opts) =>
      get(prepare({ kind: "userAuthentication", userId, operationId }, opts?.select), opts),
    getOperation: async (target, opts) => get(prepareTarget(target, opts?.select), opts),
  };
  transportOf.set(client, { ...transport, getOperation: client.getOperation, prepare: prepareTarget, get });
  return client;
}

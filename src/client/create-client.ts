import type { OperationRef } from "../types/operation-ref.ts";
import type { Clock } from "./clock.ts";
import { type GraphLroClientOptions, graphTransport, transportOf } from "./graph-transport.ts";
import { prepareGet, sendGet } from "./operation-get.ts";
import type { GetOperationOptions, OperationResult, SelectableProperty, SelectedOperation } from "./operation-types.ts";
import { operationUrlParser } from "./parse-operation-url.ts";

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
  const parseLocation = operationUrlParser(new URL(transport.baseUrl));
  const get = async (target: string | URL | OperationRef, opts?: GetOperationOptions) =>
    sendGet(transport, prepareGet(transport.baseUrl, target, opts?.select, parseLocation), opts);

  const client: GraphLroClient<boolean> = {
    clock: transport.clock,
    getRoleManagementAlertOperation: (operationId, opts) => get({ kind: "roleManagementAlert", operationId }, opts),
    getUserAuthenticationOperation: (userId, operationId, opts) =>
      get({ kind: "userAuthentication", userId, operationId }, opts),
    getOperation: get,
  };
  // By its getOperation too: the poller polls through the transport only while that is what a client calls.
  transportOf.set(client, transport).set(client.getOperation, transport);
  return client;
}

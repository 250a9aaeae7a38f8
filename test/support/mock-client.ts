import createClient from "openapi-fetch";
import type { paths } from "../../generated/graph-lro.ts";
import type { SpecOperation } from "../../src/mock/spec-operations.ts";
import { GRAPH_ROOT } from "./spec-urls.ts";

/** A guest's userPrincipalName: `#` and `@` must travel percent-encoded. */
export const GUEST_UPN = "alice_contoso.com#EXT#@fabrikam.onmicrosoft.com";
/** A user's object id, from the `Location` headers of Microsoft's resetPassword page. */
export const USER_ID = "6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0";
/** GUEST_UPN as Graph expects it on the wire: a golden value, deliberately not computed. */
export const GUEST_UPN_ENCODED = "alice_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com";

/** A bare openapi-fetch client typed by the generated paths, sending `$select` as the spec's style says. */
export function bareClient(fetch: typeof globalThis.fetch, token = "test-token") {
  return createClient<paths>({
    baseUrl: GRAPH_ROOT,
    fetch,
    headers: { Authorization: `Bearer ${token}` },
    // The spec declares `$select` with style form, explode false: one comma-separated value.
    querySerializer: { array: { style: "form", explode: false } },
  });
}

/** Path parameters for a request to `operation` about `id`: the id parameter, and a guest UPN for the others. */
export function pathParametersFor(operation: SpecOperation, id: string): Record<string, string> {
  return Object.fromEntries(
    operation.pathParameters.map((p) => [p.name, p.name === operation.idParameter ? id : GUEST_UPN]),
  );
}

/** GET an operation of the spec through the bare client, whatever its path. */
export function getOperation(
  client: ReturnType<typeof bareClient>,
  operation: SpecOperation,
  id: string,
  init: { query?: Record<string, unknown>; headers?: Record<string, string>; path?: Record<string, string> } = {},
) {
  // The path comes from the spec at run time, so the literal path types cannot be used here.
  const get = client.GET as (
    path: string,
    init: unknown,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const path = { ...pathParametersFor(operation, id), ...init.path };
  return get(operation.path, { params: { path, query: init.query }, headers: init.headers });
}

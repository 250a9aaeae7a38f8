import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import type { paths } from "../../generated/graph-lro.ts";
import { type GraphLroClientOptions, graphTransport } from "./graph-transport.ts";
import { safePathSerializer } from "./path-id.ts";
import { rawFetch } from "./raw-fetch.ts";
import { SELECT_STYLE } from "./request-parts.ts";

/**
 * An openapi-fetch client typed by the spec's `paths`, with the same base URL, auth, retries, limits and
 * path checks as createGraphLroClient: for calls its typed methods do not make. A separate function, so
 * that apps which never call it do not bundle a second client. Its middleware (`use()`) sees its own calls only.
 */
export function createGraphLroRawClient(options: GraphLroClientOptions = {}): Client<paths> {
  const transport = graphTransport(options);
  return createClient<paths>({
    baseUrl: transport.baseUrl,
    fetch: rawFetch(transport.send, transport),
    pathSerializer: safePathSerializer,
    querySerializer: createQuerySerializer(SELECT_STYLE),
    headers: transport.headers,
    // Redirects are followed by graphFetch, within the Graph origin only.
    redirect: "manual",
  });
}

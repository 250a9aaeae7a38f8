import { operations, servers } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import type { paths } from "../../generated/graph-lro.ts";
import { mapPathParameters } from "../../src/openapi/paths.ts";

/** A national cloud, by the spec's `x-graph-cloud` server extension. */
export type Cloud = (typeof servers)[number]["x-graph-cloud"];

/** The Graph root of each cloud (such as `https://graph.microsoft.com/beta`), from the spec's servers. */
export const ROOTS = Object.fromEntries(servers.map((s) => [s["x-graph-cloud"], s.url])) as Record<Cloud, string>;

/** The root a client uses when given no cloud or base URL. */
export const GRAPH_ROOT = ROOTS.global;

type OperationId = keyof typeof operations;
type Kind = (typeof operations)[OperationId]["kind"];

/** The operationId of each kind (the client's name of an operation), from the generated routes. */
export const OPERATION_IDS = Object.fromEntries(Object.entries(operations).map(([id, route]) => [route.kind, id])) as {
  [K in Kind]: { [Id in OperationId]: (typeof operations)[Id]["kind"] extends K ? Id : never }[OperationId];
};
type Template<O extends OperationId | Kind> = (typeof operations)[O extends Kind
  ? (typeof OPERATION_IDS)[O]
  : O]["path"];

/** The path template of an operation, by kind or operationId, typed as its key of `paths`. */
export function template<O extends OperationId | Kind>(operation: O): Template<O> {
  const id = (operation in OPERATION_IDS ? OPERATION_IDS[operation as Kind] : operation) as OperationId;
  return operations[id].path as Template<O>;
}

/** A path parameter given already percent-encoded: inserted verbatim, so a test can state the exact wire form. */
export interface Encoded {
  readonly encoded: string;
}
export const encoded = (segment: string): Encoded => ({ encoded: segment });

/** The path parameters of an operation under the spec's names: raw (encoded here) or `encoded(...)`. */
export type PathParams<O extends OperationId | Kind> = {
  [Name in keyof paths[Template<O>]["get"]["parameters"]["path"]]: string | Encoded;
};

/**
 * The path of an operation, its template filled with `encodeURIComponent` of each parameter (or the
 * `encoded` form verbatim), plus `query` verbatim (without `?`). Throws on a missing or unknown name.
 */
export function operationPath<O extends OperationId | Kind>(
  operation: O,
  params: PathParams<O>,
  { query }: { query?: string } = {},
): string {
  const values = params as Record<string, string | Encoded>;
  const used = new Set<string>();
  const path = mapPathParameters(template(operation), (name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${operation}: no value for path parameter ${name}`);
    used.add(name);
    return typeof value === "string" ? encodeURIComponent(value) : value.encoded;
  });
  const unknown = Object.keys(values).filter((name) => !used.has(name));
  if (unknown.length > 0) throw new Error(`${operation}: no path parameter named ${unknown.join(", ")}`);
  return query ? `${path}?${query}` : path;
}

/** The wire URL of an operation under `root` (default: the global cloud's). */
export function operationUrl<O extends OperationId | Kind>(
  operation: O,
  params: PathParams<O>,
  { root = GRAPH_ROOT, query }: { root?: string; query?: string } = {},
): string {
  return `${root}${operationPath(operation, params, { query })}`;
}

/** The routing query Graph appends to a password reset's `Location`, from the examples of its parameters. */
export const LOCATION_QUERY = (["aadgdc", "aadgsu"] as const)
  .map((name) => `${spec.components.parameters[name].name}=${spec.components.parameters[name].example}`)
  .join("&");

type SpecPaths = typeof spec.paths;
type GetPath = { [P in keyof SpecPaths]: SpecPaths[P] extends { get: unknown } ? P : never }[keyof SpecPaths];
/** The spec's paths that have a GET (the operations that report one; the others start them), with their items. */
export const GET_PATHS = Object.entries(spec.paths).filter(([, item]) => "get" in item) as [
  GetPath,
  SpecPaths[GetPath],
][];

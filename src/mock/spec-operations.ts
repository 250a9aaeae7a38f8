import type { Method } from "../openapi/methods.ts";
import { idParameterOf, mergeParameters, operationsOf } from "../openapi/paths.ts";
import { type EvolvableMembers, evolvableMembers } from "./evolvable-members.ts";
import {
  type Example,
  jsonContent,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Response,
} from "./openapi-document.ts";

/** The methods MSW can mock (`http.trace` does not exist). */
export type MockedMethod = Exclude<Method, "trace">;

/** One operation of the spec, as the mock needs it: everything comes from the document. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: MockedMethod;
  /** The spec's path template, such as `/users/{user-id}/authentication/operations/{longRunningOperation-id}`. */
  readonly path: string;
  readonly pathParameters: readonly Parameter[];
  readonly queryParameters: ReadonlyMap<string, Parameter>;
  readonly responses: Readonly<Record<string, Response>>;
  /** False when the operation's security (or the document's) is empty or has an empty requirement. */
  readonly authRequired: boolean;
  /** Scopes that grant the operation: its security requirement's, and the higher-privileged ones. */
  readonly scopes: readonly string[];
  /** The named examples of the JSON success response, in spec order. */
  readonly examples: readonly (Example & { readonly name: string })[];
  /** The name of the path parameter that identifies the resource (the last one). */
  readonly idParameter: string;
  /** The 200 body's properties with members after `unknownFutureValue`, sent only when a request asks. */
  readonly evolvable: EvolvableMembers;
}

/** Lists every GET of a bundled, dereferenced document: the operations that report one (the POSTs start them). */
export function specOperations(doc: OpenApiDocument): SpecOperation[] {
  return eachOperation(doc, (method) => method === "get").map(([path, method, operation, parameters]) => {
    const built = specOperation(doc, path, method, operation, parameters);
    if (!built.idParameter) throw new Error(`graph-lro mock: ${method.toUpperCase()} ${path} has no path parameter`);
    return built;
  });
}

/** Every operation of the document whose method `take`s, with its merged parameters. */
export function eachOperation(
  doc: OpenApiDocument,
  take: (method: MockedMethod) => boolean,
): [string, MockedMethod, Operation, Parameter[]][] {
  const found: [string, MockedMethod, Operation, Parameter[]][] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of operationsOf(item)) {
      if (method === "trace" || !take(method)) continue;
      found.push([path, method, operation, mergeParameters(item.parameters ?? [], operation.parameters ?? [])]);
    }
  }
  return found;
}

/** One operation as the mock needs it. */
export function specOperation(
  doc: OpenApiDocument,
  path: string,
  method: MockedMethod,
  operation: Operation,
  parameters: Parameter[],
): SpecOperation {
  const pathParameters = parameters.filter((p) => p.in === "path");
  // OpenAPI: an operation's `security` replaces the document's; `[]` or a `{}` requirement needs none.
  const security = operation.security ?? doc.security ?? [];
  return {
    operationId: operation.operationId ?? `${method} ${path}`,
    method,
    path,
    pathParameters,
    queryParameters: new Map(parameters.filter((p) => p.in === "query").map((p) => [p.name, p])),
    responses: operation.responses,
    authRequired: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
    scopes: [
      ...security.flatMap((requirement) => Object.values(requirement).flat()),
      ...(operation["x-ms-permissions"]?.higherPrivileged ?? []),
    ],
    examples: successExamples(operation),
    idParameter: idParameterOf(path) ?? "",
    evolvable: evolvableMembers(jsonContent(operation.responses["200"])?.schema),
  };
}

function successExamples(operation: Operation): (Example & { name: string })[] {
  const examples = jsonContent(operation.responses["200"])?.examples ?? {};
  return Object.entries(examples).map(([name, example]) => ({ name, ...example }));
}

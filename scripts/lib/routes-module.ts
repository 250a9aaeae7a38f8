import type { Method } from "../../src/openapi/methods.ts";
import { idParameterOf, mergeParameters, operationsOf, pathParameterNames } from "../../src/openapi/paths.ts";
import { GenerateError } from "./errors.ts";
import { tsLiteral } from "./ts-literal.ts";

type Node = Record<string, unknown>;

interface BundledParameter {
  name?: string;
  in?: string;
  schema?: Node;
}

interface BundledOperation {
  operationId?: string;
  parameters?: BundledParameter[];
  "x-graph-lro-kind"?: unknown;
  "x-graph-lro-start"?: unknown;
  "x-graph-lro-polled-by"?: unknown;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Node }> };
  responses?: Record<string, { content?: Record<string, { schema?: Node }> }>;
}

interface BundledSpec {
  servers?: Record<string, unknown>[];
  paths?: Record<string, Partial<Record<Method, BundledOperation>> & { parameters?: BundledParameter[] }>;
}

/** What the client, poller and CLI need to know of one operation, without the spec. */
export interface RouteEntry {
  method: Method;
  path: string;
  /** The ref's `kind`: the operation's `x-graph-lro-kind`, else its operationId. */
  kind: string;
  /** Path parameter → ref field: the last (the operation's id) is `operationId`, the others camelCased. */
  refFields: Record<string, string>;
}

/** What a typed start needs of a POST that starts an operation (`x-graph-lro-start`), without the spec. */
export interface StartEntry {
  method: Method;
  path: string;
  operationId: string;
  /** The kind of the GET that its 202's Location points to (`x-graph-lro-polled-by`). */
  polledBy: string;
  /** Path parameter → input field, camelCased (`user-id` → `userId`). */
  fields: Record<string, string>;
  /** Input fields whose path parameter has a `default` in the spec, with it. */
  defaults: Record<string, string>;
  /** The properties of its JSON request body, which the input passes through; and whether a body is required. */
  body: string[];
  bodyRequired: boolean;
  /** Properties of its request or 202 body with `format: password`: never written to errors, logs or output. */
  secrets: string[];
}

/** What the client reads of a server; every byte of the routes module is in every browser app. */
const CLIENT_SERVER_KEYS = ["url", "x-graph-cloud"];

/**
 * The runtime facts a client needs from a bundled, dereferenced spec: server roots (`url` and the
 * cloud's name, `x-graph-cloud`), each operation's route and ref shape by operationId, and the
 * statuses the spec marks terminal (`x-terminal-values`). The whole spec as data is about 170 KB; a
 * browser bundle should not pay for it to learn a few paths. Throws a GenerateError naming what is wrong.
 */
export function routesModule(bundled: BundledSpec, header: string, root: string): string {
  const servers = (bundled.servers ?? []).map((server) =>
    Object.fromEntries(Object.entries(server).filter(([key]) => CLIENT_SERVER_KEYS.includes(key))),
  );
  // No prototype: an operationId such as `__proto__` stays an own key.
  const operations: Record<string, RouteEntry> = Object.create(null);
  const kinds = new Map<string, string>();
  const terminal = new Set<string>();
  const statuses = new Set<string>();
  const starting: [string, Method, BundledOperation, BundledParameter[]][] = [];
  for (const [path, item] of Object.entries(bundled.paths ?? {})) {
    for (const [method, operation] of operationsOf(item)) {
      const operationId = operation.operationId;
      if (!operationId) continue;
      // Every method but GET starts an operation (the house rule graph-lro-start): a table of its own.
      if (method !== "get") {
        starting.push([path, method, operation, mergeParameters(item.parameters ?? [], operation.parameters ?? [])]);
        continue;
      }
      const where = `${root}: ${method.toUpperCase()} ${path} (${operationId})`;
      const kind = operation["x-graph-lro-kind"] ?? operationId;
      if (typeof kind !== "string" || kind === "") throw new GenerateError(`${where}: x-graph-lro-kind must be a name`);
      const twin = kinds.get(kind);
      if (twin) throw new GenerateError(`${where}: kind "${kind}" is also the kind of ${twin}`);
      kinds.set(kind, operationId);
      operations[operationId] = { method, path, kind, refFields: refFields(path, where) };
      for (const status of terminalStatuses(operation, where)) terminal.add(status);
      for (const status of statusEnums(operation).flatMap((schema) => schema.enum as unknown[]))
        statuses.add(String(status));
    }
  }
  const starts: Record<string, StartEntry> = Object.create(null);
  for (const [path, method, operation, parameters] of starting) {
    const where = `${root}: ${method.toUpperCase()} ${path} (${operation.operationId})`;
    starts[startName(operation, where, starts)] = startEntry(path, method, operation, parameters, operations, where);
  }
  return [
    header,
    `/** The server roots of ${root}: \`url\` and \`x-graph-cloud\` of each. */`,
    `export const servers = ${tsLiteral(servers)} as const;`,
    "",
    `/** Each operation of ${root} by operationId: its route, and the kind and fields of its refs. */`,
    `export const operations = ${tsLiteral(operations)} as const;`,
    "",
    `/** Each POST of ${root} that starts an operation, by its typed start's name (\`x-graph-lro-start\`). */`,
    `export const starts = ${tsLiteral(starts)} as const;`,
    "",
    `/** The statuses after which an operation changes no more (\`x-terminal-values\` of ${root}). */`,
    `export const terminalStatuses = ${tsLiteral([...terminal])} as const;`,
    "",
    `/** Every status the spec declares (the members of each status enum of ${root}): the ones a message may quote. */`,
    `export const statuses = ${tsLiteral([...statuses])} as const;`,
    "",
  ].join("\n");
}

/** The start's name, `x-graph-lro-start`: a camelCase name no other start has. */
function startName(operation: BundledOperation, where: string, starts: Record<string, StartEntry>): string {
  const name = operation["x-graph-lro-start"];
  if (typeof name !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(name) || name in starts) {
    throw new GenerateError(`${where}: x-graph-lro-start must be a camelCase name of its own`);
  }
  return name;
}

/** The start's table entry; a GenerateError unless it names the GET it is polled by and answers 202 with a Location. */
function startEntry(
  path: string,
  method: Method,
  operation: BundledOperation,
  parameters: BundledParameter[],
  polled: Record<string, RouteEntry>,
  where: string,
): StartEntry {
  const polledBy = polled[String(operation["x-graph-lro-polled-by"])]?.kind;
  if (!polledBy) throw new GenerateError(`${where}: x-graph-lro-polled-by must be the operationId of a GET`);
  const accepted = operation.responses?.["202"] as { headers?: Record<string, Node> } | undefined;
  if (accepted?.headers?.Location?.required !== true) {
    throw new GenerateError(`${where}: its 202 must have a required Location header`);
  }
  const fields: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  for (const { name, in: place, schema } of parameters) {
    if (place !== "path" || !name) continue;
    fields[name] = camelCase(name);
    if (typeof schema?.default === "string") defaults[fields[name]] = schema.default;
  }
  const request = operation.requestBody?.content?.["application/json"]?.schema;
  const response = (accepted as { content?: Record<string, { schema?: Node }> }).content?.["application/json"]?.schema;
  const propertiesOf = (schema: Node | undefined) => (schema?.properties ?? {}) as Record<string, Node>;
  const secrets = [propertiesOf(request), propertiesOf(response)].flatMap((properties) =>
    Object.keys(properties).filter((name) => properties[name]?.format === "password"),
  );
  return {
    method,
    path,
    operationId: operation.operationId as string,
    polledBy,
    fields,
    defaults,
    body: Object.keys(propertiesOf(request)),
    bodyRequired: operation.requestBody?.required === true,
    secrets: [...new Set(secrets)],
  };
}

/** Each path parameter of the template, in order, with the field a ref names it by. */
function refFields(path: string, where: string): Record<string, string> {
  const names = pathParameterNames(path);
  const fields: Record<string, string> = {};
  for (const name of names) {
    const field = name === idParameterOf(path) ? "operationId" : camelCase(name);
    if (!/^[A-Za-z_$][\w$]*$/.test(field) || field === "kind" || Object.values(fields).includes(field)) {
      throw new GenerateError(`${where}: path parameter "${name}" gives the ref field "${field}", which is unusable`);
    }
    fields[name] = field;
  }
  if (names.length === 0) throw new GenerateError(`${where}: the path has no parameter to name the operation by`);
  return fields;
}

/** `user-id` → `userId`: a ref field that reads as JavaScript. */
const camelCase = (name: string) => name.replace(/[-_.]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());

/** The 200 response's `status` schema and its `anyOf` (or `oneOf`) members. */
function statusSchemas(operation: BundledOperation): (Node | undefined)[] {
  const schema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
  const status = (schema?.properties as Record<string, Node> | undefined)?.status;
  return [status, ...((status?.anyOf ?? status?.oneOf ?? []) as Node[])];
}

/** The schemas among statusSchemas that are enums. */
const statusEnums = (operation: BundledOperation): Node[] =>
  statusSchemas(operation).filter((schema): schema is Node => Array.isArray(schema?.enum));

/** `x-terminal-values` of the 200 response's `status`, whether it is the enum itself or one of its `anyOf`. */
function terminalStatuses(operation: BundledOperation, where: string): string[] {
  return statusSchemas(operation).flatMap((enumSchema) => {
    const values = enumSchema?.["x-terminal-values"];
    if (values === undefined) return [];
    const members = enumSchema?.enum;
    if (!Array.isArray(values) || !Array.isArray(members) || values.some((v) => !members.includes(v))) {
      throw new GenerateError(`${where}: x-terminal-values must list members of the status enum beside it`);
    }
    return values.map(String);
  });
}

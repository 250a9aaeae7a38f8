// The mock's module: only what the mock's handlers read of the dereferenced spec (src/mock/openapi-document.ts's
// shape), each repeated part written once, so that a browser app with graph-lro/mock carries no descriptions,
// tags, or copies of one schema per response (decision 0025e).
import { stampInnerError } from "../../src/mock/graph-response.ts";
import { operationsOf } from "../../src/openapi/paths.ts";
import { sharedLiteral } from "./shared-literal.ts";
import { validatorNames } from "./validators-module.ts";

type Node = Record<string, unknown>;
const JSON_TYPE = "application/json";

const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);

/** The keys of `node` that `keys` names and it has, in `keys`' order. */
const pick = (node: Node, keys: readonly string[]): Node =>
  Object.fromEntries(keys.filter((key) => Object.hasOwn(node, key)).map((key) => [key, node[key]]));

/** `map`'s values each made by `make`, or undefined when `map` is none. */
const eachValue = (map: unknown, make: (value: Node) => unknown): Node | undefined =>
  isNode(map)
    ? Object.fromEntries(Object.entries(map).map(([key, value]) => [key, isNode(value) ? make(value) : value]))
    : undefined;

/** Without the keys whose value is undefined. */
const defined = (node: Node): Node => Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined));

/** JSON Schema keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const SUBSCHEMA = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contentSchema",
  "allOf",
  "anyOf",
  "oneOf",
  "prefixItems",
]);
const SUBSCHEMA_MAP = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/**
 * Keywords that only annotate: no validator reads them (ajv's messages name none; `default` only with its
 * useDefaults, which the mock never sets), and neither do the handlers. So do extensions (`x-…`).
 */
const ANNOTATIONS = new Set([
  "description",
  "examples",
  "example",
  "$comment",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/**
 * A schema without its annotations, at every depth: what validates (and `title`, which the mock names in a
 * `$select` error) kept as it is. A property named `description` or `x-…` is a name, not a keyword, and stays.
 */
export function withoutAnnotations(schema: unknown): unknown {
  if (!isNode(schema)) return schema;
  // A schema the bundle shares (a component, wherever referenced) is stripped once, and its result shared too.
  const known = stripped.get(schema);
  if (known !== undefined) return known;
  const bare = strip(schema);
  stripped.set(schema, bare);
  return bare;
}
const stripped = new WeakMap<Node, Node>();

function strip(schema: Node): Node {
  // Entries, not assignments: a key `__proto__` stays a key.
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith("x-"))
      .map(([key, value]) => {
        if (SUBSCHEMA_MAP.has(key)) return [key, eachValue(value, withoutAnnotations) ?? value];
        if (!SUBSCHEMA.has(key)) return [key, value];
        return [key, Array.isArray(value) ? value.map(withoutAnnotations) : withoutAnnotations(value)];
      }),
  );
}

const parameter = (p: Node) =>
  defined({ ...pick(p, ["name", "in", "required", "example"]), schema: p.schema && withoutAnnotations(p.schema) });

const parameters = (list: unknown) =>
  Array.isArray(list) ? list.map((p) => (isNode(p) ? parameter(p) : p)) : undefined;

/**
 * A JSON media type's schema and the values of its first `examples` examples (none for a request body), an error's
 * `stamped` as its answer stamps it; other media types the mock never reads. A content the bundle shares (a
 * component's, wherever referenced) is read once for each way it is read, and its result shared too.
 */
const jsonOnly = (content: unknown, examples: number, stamped = false) => {
  if (!isNode(content)) return undefined;
  const way = `${examples}${stamped}`;
  const known = readContents.get(content)?.get(way);
  if (known !== undefined) return known;
  const read = readJson(content, examples, stamped ? (v) => stampInnerError(v, BLANK_IDS) : (v) => v);
  readContents.set(content, (readContents.get(content) ?? new Map()).set(way, read));
  return read;
};
const readContents = new WeakMap<Node, Map<string, ReturnType<typeof readJson>>>();

function readJson(content: Node, examples: number, value: (v: unknown) => unknown) {
  const media = content[JSON_TYPE];
  if (!isNode(media)) return undefined;
  const kept = isNode(media.examples) ? Object.entries(media.examples).slice(0, examples) : [];
  const example = (e: Node) => (Object.hasOwn(e, "value") ? { value: value(e.value) } : {});
  return {
    [JSON_TYPE]: defined({
      schema: media.schema && withoutAnnotations(media.schema),
      examples: kept.length
        ? Object.fromEntries(kept.map(([name, e]) => [name, isNode(e) ? example(e) : e]))
        : undefined,
    }),
  };
}

/**
 * What every error answer replaces (src/mock/handlers.ts stamps each answer of status 400 or more): its
 * innerError's date, request-id and client-request-id. Written empty, in their places (the answer keeps the
 * example's key order), they cost a browser app nothing: an example's ids are random, which gzip cannot shrink.
 */
const BLANK_IDS = { requestId: "", clientRequestId: "", date: "" };

/**
 * A response: Retry-After's header (the only one the mock reads, src/mock/check-response.ts), its JSON body's
 * schema, and the examples the mock answers with: every one of a success (by id, and counted in coverage), the
 * first of any other status (src/mock/mock-response.ts), an error status's as its answer stamps it.
 */
const response = (r: Node, status: string) => {
  const retryAfter = isNode(r.headers) ? r.headers["Retry-After"] : undefined;
  const error = /^[45]/.test(status);
  return defined({
    headers: isNode(retryAfter)
      ? {
          "Retry-After": defined({
            ...pick(retryAfter, ["required"]),
            schema: retryAfter.schema && withoutAnnotations(retryAfter.schema),
          }),
        }
      : undefined,
    content: jsonOnly(r.content, status.startsWith("2") ? Number.POSITIVE_INFINITY : 1, error),
  });
};

const operation = (op: Node) => {
  const body = isNode(op.requestBody) ? op.requestBody : undefined;
  const permissions = isNode(op["x-ms-permissions"]) ? op["x-ms-permissions"] : undefined;
  return defined({
    ...pick(op, ["operationId", "security", "x-graph-lro-start", "x-graph-lro-polled-by"]),
    parameters: parameters(op.parameters),
    requestBody: body && defined({ ...pick(body, ["required"]), content: jsonOnly(body.content, 0) }),
    responses: isNode(op.responses)
      ? Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [status, isNode(r) ? response(r, status) : r]),
        )
      : {},
    "x-ms-permissions": permissions && pick(permissions, ["higherPrivileged"]),
  });
};

/** The document the mock reads: servers' roots and login hosts, security, and each path's operations as above. */
export function mockDocument(bundled: unknown): Node {
  const doc = isNode(bundled) ? bundled : {};
  const paths = eachValue(doc.paths, (item) =>
    defined({
      parameters: parameters(item.parameters),
      ...Object.fromEntries(operationsOf(item as Record<string, Node>).map(([method, op]) => [method, operation(op)])),
    }),
  );
  return defined({
    servers: Array.isArray(doc.servers)
      ? doc.servers.map((s) => (isNode(s) ? pick(s, ["url", "x-graph-lro-login"]) : s))
      : undefined,
    security: doc.security,
    paths: paths ?? {},
  });
}

/**
 * The module: `mockSpec`, the mock's document of this spec, as data, and `mockValidators`, each schema the mock
 * checks values against paired with its validator in the validators module (`validatorsPath`, relative to this
 * one): the mock finds a validator by the schema object, with no pointers to resolve.
 */
export function mockModule(
  bundled: unknown,
  header: string,
  label: string,
  validatorsPath: string,
  { names } = validatorNames(bundled),
): string {
  const { declarations, expression, links } = sharedLiteral(mockDocument(bundled), { linked: names });
  const imported = [...new Set(links.map(([, name]) => name))];
  return [
    header,
    ...(imported.length ? [`import { ${imported.join(", ")} } from ${JSON.stringify(validatorsPath)};`] : []),
    ...declarations,
    "",
    `/** What graph-lro's mock reads of ${label} (src/mock/openapi-document.ts): no descriptions, each repeated part once. */`,
    `export const mockSpec = ${expression} as const;`,
    "",
    "/** Each schema of mockSpec that the mock checks values against, with its validator compiled ahead of time. */",
    // Typed here: ajv's functions are untyped, and a declaration file cannot name them.
    `export const mockValidators: readonly (readonly [object, unknown])[] = [${links.map(([schema, name]) => `[${schema}, ${name}]`).join(", ")}];`,
    "",
  ].join("\n");
}

// The validators module: every schema the mock checks, compiled ahead of time by ajv into standalone code, so
// that the mock compiles nothing at run time (decision 0025b).
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import type { OpenApiDocument } from "../../src/mock/openapi-document.ts";
import { storiesFileSchemaOf } from "../../src/mock/stories-file-schema.ts";
import { childPointer } from "../../src/openapi/json-pointer.ts";
import { operationsOf } from "../../src/openapi/paths.ts";
import { GenerateError } from "./errors.ts";
import { withoutAnnotations } from "./mock-module.ts";

type Node = Record<string, unknown>;
const JSON_TYPE = "application/json";

/**
 * The JSON pointer of every schema the mock validates values against, with the schema: path parameters', JSON
 * request and response bodies', Retry-After's (src/mock/check-request.ts, check-response.ts, answer-start.ts).
 */
export function validatedSchemas(bundled: unknown): [string, Node][] {
  const found: [string, Node][] = [];
  const take = (pointer: string, schema: unknown) => {
    if (schema !== null && typeof schema === "object") found.push([pointer, schema as Node]);
  };
  const parameters = (pointer: string, list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const [i, p] of list.entries())
      if (p?.in === "path") take(childPointer(pointer, "parameters", i, "schema"), p.schema);
  };
  const paths = ((bundled as Node | null)?.paths ?? {}) as Record<string, Node>;
  for (const [path, item] of Object.entries(paths)) {
    const at = childPointer("/paths", path);
    parameters(at, item?.parameters);
    for (const [method, operation] of operationsOf(item ?? {})) {
      const op = childPointer(at, method);
      const { requestBody, responses } = operation as Node & { requestBody?: Node; responses?: Record<string, Node> };
      parameters(op, (operation as Node).parameters);
      take(childPointer(op, "requestBody", "content", JSON_TYPE, "schema"), json(requestBody)?.schema);
      for (const [status, response] of Object.entries(responses ?? {})) {
        const at = childPointer(op, "responses", status);
        take(childPointer(at, "content", JSON_TYPE, "schema"), json(response)?.schema);
        const retryAfter = (response?.headers as Record<string, Node> | undefined)?.["Retry-After"];
        take(childPointer(at, "headers", "Retry-After", "schema"), retryAfter?.schema);
      }
    }
  }
  return found;
}

const json = (holder: Node | undefined) => (holder?.content as Record<string, Node> | undefined)?.[JSON_TYPE];

/** ajv's runtime helpers that its standalone code may require, and the only modules the module may import. */
const RUNTIME = /^(ajv\/dist\/runtime\/[a-z0-9_]+|ajv-formats\/dist\/formats)$/;

// The options of the checks the mock made at run time: OpenAPI's keywords let through, every error listed,
// formats checked; code only, never compiled here beyond checking that it compiles.
const AJV_OPTIONS: Options = {
  strict: false,
  allErrors: true,
  logger: false,
  code: { source: true, esm: true, lines: true },
};

/** Whether any object within `value`, at any depth (schemas, their values and names alike), passes `test`. */
const anyNode = (value: unknown, test: (node: Node) => boolean): boolean =>
  value !== null &&
  typeof value === "object" &&
  (test(value as Node) || Object.values(value).some((v) => anyNode(v, test)));

/** Keywords whose checks need ajv's tracking of what each function evaluated, or of dynamic anchors. */
const TRACKING = [
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
  "$recursiveRef",
  "$recursiveAnchor",
];

/**
 * An ajv instance (formats added) that writes the code of `schemas` with AJV_OPTIONS and `more`, saving where no
 * check or message changes; each saving is kept from schemas where it would (any such keyword anywhere, a
 * property named like one counted too):
 * - `unicode: false` where every length limit is one that counting UTF-16 units and counting code points agree
 *   on (`minLength` 0 or 1, `maxLength` 0: a string is empty either way or not). The code reads `.length`
 *   instead of calling ajv's ucs2length, a CommonJS module that every browser app with the mock would load.
 * - Ajv2020 tracks what each function evaluated (for `unevaluatedProperties`, `unevaluatedItems`) and passes
 *   `$dynamicRef`'s anchors, whatever its options say: code in every function, and a property assigned to each,
 *   that nothing reads unless a schema has those keywords. Where none does, both are off before anything is
 *   compiled (ajv reads them as it writes code; its options offer no other way).
 */
function ajvFor(schemas: readonly unknown[], more: Options = {}): Ajv2020 {
  const counts = (node: Node) =>
    (typeof node.minLength === "number" && node.minLength > 1) ||
    (typeof node.maxLength === "number" && node.maxLength > 0);
  const lengths = schemas.some((schema) => anyNode(schema, counts)) ? {} : { unicode: false };
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...lengths, ...more });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  const tracked = (node: Node) => TRACKING.some((keyword) => Object.hasOwn(node, keyword));
  if (!schemas.some((schema) => anyNode(schema, tracked))) {
    Object.assign(ajv.opts, { unevaluated: false, dynamicRef: false });
  }
  return ajv;
}

/** Adds and compiles `schema` as `name`, so that a schema ajv cannot compile is refused naming `what`. */
function compile(ajv: Ajv2020, what: string, schema: Node, name: string, label: string): void {
  try {
    ajv.addSchema(schema, name);
    ajv.getSchema(name);
  } catch (error) {
    throw new GenerateError(`${label}: refused: ${what} does not compile: ${(error as Error).message}`);
  }
}

/**
 * The validator name of each distinct schema the mock checks (`v0`, `v1`…, by the schema as JSON without its
 * annotations, withoutAnnotations), of each schema object, and the first pointer of each name. Equal schemas
 * share one: a spec of thousands of paths compiles its few components once. The mock module links its schemas
 * to these names.
 */
export function validatorNames(bundled: unknown): {
  names: Map<string, string>;
  byObject: Map<Node, string>;
  first: Map<string, string>;
} {
  const names = new Map<string, string>();
  const first = new Map<string, string>();
  const byObject = new Map<Node, string>(); // the bundle shares a component's object wherever it is referenced
  for (const [pointer, schema] of validatedSchemas(bundled)) {
    let name = byObject.get(schema);
    if (name === undefined) {
      // Compiled without descriptions and examples: ajv's code quotes the schema's parts that its errors name
      // (an enum's values), and with them would carry every description into a browser bundle.
      const key = JSON.stringify(withoutAnnotations(schema));
      name = names.get(key);
      if (name === undefined) {
        name = `v${names.size}`;
        names.set(key, name);
        first.set(name, pointer);
      }
      byObject.set(schema, name);
    }
  }
  return { names, byObject, first };
}

/**
 * The module: ajv's standalone code of each distinct schema (one function for equal schemas, however many paths
 * share them: a spec of thousands of paths compiles its few components once; a schema that ajv cannot compile,
 * such as a bad pattern, is refused with its pointer), each exported by its name (validatorNames, which the mock
 * module links its schemas to), and `storiesFile`, the stories-file schema of this spec.
 */
export function validatorsModule(
  bundled: unknown,
  header: string,
  label: string,
  { names, first } = validatorNames(bundled),
): string {
  const schemas = [...names].map(([key, name]) => [JSON.parse(key) as Node, name] as const);
  const ajv = ajvFor(schemas.map(([schema]) => schema));
  for (const [schema, name] of schemas) compile(ajv, `the schema at ${first.get(name)}`, schema, name, label);
  const storiesFile = withoutAnnotations(storiesFileSchemaOf(bundled as OpenApiDocument)) as Node;
  const modules = new Map<string, string>();
  const code = importsForRequires(
    standalone.default(ajv, Object.fromEntries([...names.values()].map((name) => [name, name]))),
    label,
    modules,
  );
  // The stories-file check is its own ajv instance's code inside a factory marked pure: ajv's code assigns
  // properties to its functions at the top level, which bundlers must keep, so at the top level it would ship in
  // every browser app with graph-lro/mock, where only readStoriesFile (Node) uses it.
  // An enum of 200 values or more (a range's every status) is checked in a loop that needs ajv's deep-equal
  // helper, whose import, a CommonJS module, would load in every browser app though the factory is dropped:
  // each value is compared in the code instead (the same check and message).
  const own = ajvFor([storiesFile], { loopEnum: Number.POSITIVE_INFINITY });
  compile(own, "the stories-file schema", storiesFile, "storiesFile", label);
  const storiesCode = importsForRequires(
    standalone.default(own, { storiesFile: "storiesFile" }),
    label,
    modules,
  ).replace(/^export const storiesFile = /m, "const storiesFile = ");
  const imports = [...modules].map(([module, name]) => `import * as ${name} from "${module}.js";`);
  const cjs = "const cjs = (namespace) => (namespace.default?.__esModule ? namespace.default : namespace);";
  return [
    header,
    "// @ts-nocheck: ajv's standalone code is untyped; src/mock/schema-validator.ts types what it exports.",
    ...imports,
    ...(modules.size ? [cjs] : []),
    code,
    "",
    "/** The stories-file schema's validator (src/mock/stories-file.ts). */",
    `export const storiesFile = /* @__PURE__ */ (() => {\n${storiesCode}\nreturn storiesFile;\n})();`,
    "",
  ].join("\n");
}

/**
 * ajv's standalone code `require`s its runtime helpers even in ESM output: each becomes a namespace import of that
 * module, read back as its CommonJS exports by `cjs` (Node and Deno give them as the namespace's default, bundlers
 * and Vite may give their properties instead). Only ajv's own runtime modules may be named; any other `require`
 * refuses the module. A schema's strings reach the code escaped by ajv as JSON string literals, where a quote is
 * `\"`, so no value can spell a `require("` of its own.
 */
function importsForRequires(code: string, label: string, modules: Map<string, string>): string {
  const body = code.replace(/^"use strict";/, "").replace(/\brequire\("([^"\\]*)"\)/g, (_, module: string) => {
    if (!RUNTIME.test(module)) throw new GenerateError(`${label}: refused: ajv's code requires ${module}`);
    if (!modules.has(module)) modules.set(module, `runtime${modules.size}`);
    return `cjs(${modules.get(module)})`;
  });
  if (/\brequire\s*\(/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    throw new GenerateError(`${label}: refused: ajv's code calls require in a way not known`);
  }
  return body.trim();
}

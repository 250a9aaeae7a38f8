// The three kinds of spec change that npm run test:evolution rehearses, as edits of the spec's YAML document
// (comments and order kept). Every name they add starts with TEST_PREFIX, which no Graph name can take.
import { type Document, isMap, isSeq, type YAMLMap } from "yaml";
import { childPointer } from "../../src/openapi/json-pointer.ts";
import { pathParameterNames } from "../../src/openapi/paths.ts";
import { ALLOW_KEY } from "./upstream/allow-list.ts";

/**
 * The reserved prefix of every name that tests and the rehearsal inject (paths, properties, enum members,
 * kinds, examples). Graph's names are OData identifiers, which cannot contain `-`: no Graph addition takes it.
 */
export const TEST_PREFIX = "x-graph-lro-test-";

/** The rehearsal's own names, which no test uses (a test's edit of the spec must not collide with them). */
export const REHEARSAL_PREFIX = `${TEST_PREFIX}rehearsal-`;

/**
 * Accepts a departure from Microsoft's file in the spec's own allow-list, as an author must for an addition
 * Microsoft's file does not have yet (npm run spec:upstream names the kind and pointer).
 */
function allowDeparture(doc: Document, entry: { kind: string; pointer: string; name?: string }) {
  const list = doc.get(ALLOW_KEY);
  const reason = "Rehearsal (npm run test:evolution): an addition Microsoft's file does not have.";
  if (isSeq(list)) list.add(doc.createNode({ ...entry, reason }));
}

type Node = Record<string, unknown>;

const refName = (ref: unknown) => String(ref).split("/").pop() as string;
const clone = <T>(value: T): T => structuredClone(value);

/** The `application/json` content of a GET's 200 response. */
const jsonOf = (get: Node): Node => {
  const ok = (get.responses as Record<string, Node> | undefined)?.["200"];
  return ((ok?.content as Record<string, Node> | undefined)?.["application/json"] ?? {}) as Node;
};

/** The spec as plain data, for reading; edits go through the Document so that comments stay. */
const data = (doc: Document) => doc.toJS() as Node & { paths: Record<string, Record<string, Node>> };

/** Each GET of the spec: its path and the names of its 200 examples (components/examples). */
function gets(doc: Document) {
  return Object.entries(data(doc).paths).flatMap(([path, item]) => {
    const get = item.get as Node | undefined;
    if (!get) return [];
    const examples = (jsonOf(get).examples ?? {}) as Record<string, { $ref: string }>;
    return [{ path, get, examples }];
  });
}

/** The enum schema of `status` that carries `x-terminal-values`, and the name of the operation's schema. */
function statusEnum(doc: Document): { name: string; values: string[] } {
  const schemas = data(doc).components as { schemas: Record<string, Node> };
  for (const [name, schema] of Object.entries(schemas.schemas)) {
    if (Array.isArray(schema.enum) && Array.isArray(schema["x-terminal-values"])) {
      return { name, values: schema.enum.map(String) };
    }
  }
  throw new Error("the spec has no enum with x-terminal-values");
}

/**
 * A new GET at a path the project has never used, cloned from the first GET: its own tag, kind, operationId,
 * path parameters (each but the last, which is the operation id's) and one example per status (each with its own
 * id, since the mock serves examples by id).
 */
export function addOperation(
  doc: Document,
  name = `${REHEARSAL_PREFIX}widget`,
  path = `/${name}s/{${name}-id}/operations/{longRunningOperation-id}`,
): string {
  const [first] = gets(doc);
  if (!first) throw new Error("the spec has no GET to model a new one on");
  const examples = (data(doc).components as { examples: Record<string, Node> }).examples;
  const get = clone(first.get);
  get.operationId = `${name}.GetOperations`;
  get["x-graph-lro-kind"] = name;
  get.tags = [name];
  const newExamples: Record<string, { $ref: string }> = {};
  for (const [key, { $ref }] of Object.entries(first.examples)) {
    const example = clone(examples[refName($ref)] as Node & { value: Node });
    example.summary = `${name}, ${key}`;
    example.value.id = `${name}-${key}`;
    delete example.value["@odata.context"];
    const component = `${name}-${key}`;
    doc.setIn(["components", "examples", component], doc.createNode(example));
    newExamples[key] = { $ref: `#/components/examples/${component}` };
  }
  jsonOf(get).examples = newExamples;
  const own = pathParameterNames(path).slice(0, -1);
  const item = {
    description: `A rehearsal operation (${name}).`,
    parameters: [
      ...own.map((p) => ({
        name: p,
        in: "path",
        required: true,
        description: `The ${p}.`,
        schema: { type: "string" },
      })),
      { $ref: "#/components/parameters/longRunningOperation-id" },
    ],
    get,
  };
  doc.setIn(["paths", path], doc.createNode(item));
  allowDeparture(doc, { kind: "operation-missing-upstream", pointer: childPointer("/paths", path, "get") });
  (doc.get("tags") as YAMLMap & { add: (v: unknown) => void }).add(
    doc.createNode({ name, description: `Rehearsal tag (${name}).` }),
  );
  return path;
}

/** A member after `unknownFutureValue`, with an example of it for every operation. */
export function addEnumMember(doc: Document, member = `${REHEARSAL_PREFIX}paused`): string {
  const { name } = statusEnum(doc);
  const members = doc.getIn(["components", "schemas", name, "enum"]);
  if (!isSeq(members)) throw new Error(`components/schemas/${name}/enum is not a list`);
  members.add(doc.createNode(member));
  allowDeparture(doc, {
    kind: "enum-value-extra",
    pointer: childPointer("/components/schemas", name, "enum"),
    name: member,
  });
  const examples = (data(doc).components as { examples: Record<string, Node> }).examples;
  for (const { path, examples: refs } of gets(doc)) {
    const [model] = Object.values(refs);
    if (!model) continue;
    const example = clone(examples[refName(model.$ref)] as Node & { value: Node });
    const component = `${refName(model.$ref)}-${member}`;
    example.summary = `${member} (${path})`;
    example.description = "Rehearsal: a member added after the sentinel.";
    example.value = { ...example.value, id: component, status: member };
    doc.setIn(["components", "examples", component], doc.createNode(example));
    const at = ["paths", path, "get", "responses", "200", "content", "application/json", "examples"];
    const map = doc.getIn(at);
    if (!isMap(map)) throw new Error(`${path}: its 200 has no examples`);
    map.set(member, doc.createNode({ $ref: `#/components/examples/${component}` }));
  }
  return member;
}

/** An optional, nullable property of the operation's schema, with its `selectList` entry. */
export function addProperty(doc: Document, property = `${REHEARSAL_PREFIX}progress`): string {
  const [first] = gets(doc);
  if (!first) throw new Error("the spec has no GET whose schema could gain a property");
  const schema = jsonOf(first.get).schema as { $ref: string };
  doc.setIn(
    ["components", "schemas", refName(schema.$ref), "properties", property],
    doc.createNode({ type: ["integer", "null"], description: "Rehearsal: an optional property added later." }),
  );
  const at = childPointer("/components/schemas", refName(schema.$ref), "properties", property);
  allowDeparture(doc, { kind: "property-extra", pointer: at });
  const select = doc.getIn(["components", "schemas", "selectList", "items", "enum"]);
  if (!isSeq(select)) throw new Error("components/schemas/selectList/items/enum is not a list");
  select.add(doc.createNode(property));
  return property;
}

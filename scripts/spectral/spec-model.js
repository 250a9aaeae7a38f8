// What the house rules read of an unresolved spec: local $refs followed, with the path each node sits at,
// so that a finding points at the line to change. Plain JavaScript: Spectral loads rule functions as .js.

export const SENTINEL = "unknownFutureValue";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const isNode = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** `{ node, path }` after following local `$ref`s from `node` at `path`; `node` is undefined if one dangles. */
export function deref(doc, node, path) {
  let current = { node, path };
  const seen = new Set();
  while (isNode(current.node) && typeof current.node.$ref === "string" && current.node.$ref.startsWith("#/")) {
    const ref = current.node.$ref;
    if (seen.has(ref)) return { node: undefined, path: current.path };
    seen.add(ref);
    const keys = ref
      .slice(2)
      .split("/")
      .map((key) => decodeURIComponent(key).replaceAll("~1", "/").replaceAll("~0", "~"));
    current = { node: keys.reduce((at, key) => (isNode(at) ? at[key] : undefined), doc), path: keys };
  }
  return current;
}

/** Every operation: `{ label, path, method, node, at, item }` where `at` is its path in the document. */
export function operations(doc) {
  const result = [];
  for (const [path, raw] of Object.entries(isNode(doc?.paths) ? doc.paths : {})) {
    const item = deref(doc, raw, ["paths", path]);
    if (!isNode(item.node)) continue;
    for (const method of METHODS) {
      const node = item.node[method];
      if (isNode(node)) {
        result.push({ label: `${method.toUpperCase()} ${path}`, path, method, node, at: [...item.path, method], item });
      }
    }
  }
  return result;
}

/**
 * The operations that report a longRunningOperation, which the poller GETs: every GET. Every other
 * method is a start (see `starts`); the polling house rules read these only.
 */
export const polls = (doc) => operations(doc).filter((op) => op.method === "get");

/** The operations that start one (every method but GET): graph-lro-start's. */
export const starts = (doc) => operations(doc).filter((op) => op.method !== "get");

/** The `application/json` content of an operation's 200 response, and where it is. */
export function okContent(doc, op) {
  const responses = isNode(op.node.responses) ? op.node.responses : {};
  const ok = deref(doc, responses["200"], [...op.at, "responses", "200"]);
  const content = isNode(ok.node) && isNode(ok.node.content) ? ok.node.content["application/json"] : undefined;
  return isNode(content) ? { node: content, path: [...ok.path, "content", "application/json"] } : undefined;
}

/** The enum schema of the 200 schema's `status` (itself, or one of its anyOf/oneOf), if there is one. */
export function statusEnum(doc, op) {
  const content = okContent(doc, op);
  if (!content) return undefined;
  const schema = deref(doc, content.node.schema, [...content.path, "schema"]);
  const properties = isNode(schema.node) && isNode(schema.node.properties) ? schema.node.properties : {};
  const status = deref(doc, properties.status, [...schema.path, "properties", "status"]);
  if (!isNode(status.node)) return undefined;
  const candidates = [status];
  for (const key of ["anyOf", "oneOf"]) {
    const list = status.node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, s] of list.entries()) candidates.push(deref(doc, s, [...status.path, key, i]));
  }
  return candidates.find((c) => isNode(c.node) && Array.isArray(c.node.enum) && c.node["x-terminal-values"]);
}

/** The operation's parameters (path item's, then its own), each followed through `$ref`. */
export function parameters(doc, op) {
  const lists = [
    [op.item.node.parameters, [...op.item.path, "parameters"]],
    [op.node.parameters, [...op.at, "parameters"]],
  ];
  return lists.flatMap(([list, at]) =>
    Array.isArray(list) ? list.map((raw, i) => deref(doc, raw, [...at, i])).filter((p) => isNode(p.node)) : [],
  );
}

export { isNode };

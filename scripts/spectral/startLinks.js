import { deref, isNode, parameters, polls, starts } from "./spec-model.js";

const camelCase = (name) => name.replace(/[-_.]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());

/**
 * graph-lro-start: every operation but a GET starts one that a GET reports. It names its typed start
 * (`x-graph-lro-start`, a distinct camelCase name: the client's start and, kebab-cased, the CLI's command), the
 * GET its `Location` points to (`x-graph-lro-polled-by`, that GET's operationId), and answers `202` with a
 * required `Location` as its only success. Its path parameters (camelCased) and its body's properties are the
 * start's input fields, so they must be distinct names.
 */
export default function startLinks(doc) {
  const results = [];
  const gets = new Set(polls(doc).map((op) => op.node.operationId));
  const names = new Map();
  for (const op of starts(doc)) {
    const name = op.node["x-graph-lro-start"];
    if (typeof name !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(name)) {
      results.push({
        message: `${op.label} needs x-graph-lro-start: a camelCase name (letters and digits) for its typed start`,
        path: name === undefined ? op.at : [...op.at, "x-graph-lro-start"],
      });
    } else if (names.has(name)) {
      results.push({
        message: `${op.label}: x-graph-lro-start "${name}" already names the start ${names.get(name)}; give each its own`,
        path: [...op.at, "x-graph-lro-start"],
      });
    } else names.set(name, op.label);
    const polledBy = op.node["x-graph-lro-polled-by"];
    if (!gets.has(polledBy)) {
      results.push({
        message: `${op.label} needs x-graph-lro-polled-by: the operationId of the GET its 202's Location points to (${[...gets].join(", ")})`,
        path: polledBy === undefined ? op.at : [...op.at, "x-graph-lro-polled-by"],
      });
    }
    const responses = isNode(op.node.responses) ? op.node.responses : {};
    const others = Object.keys(responses).filter((status) => /^2/.test(status) && status !== "202");
    if (others.length > 0) {
      results.push({
        message: `${op.label} answers ${others.join(", ")}: a start's only success is 202 with a Location; remove the others`,
        path: [...op.at, "responses", others[0]],
      });
    }
    const accepted = deref(doc, responses["202"], [...op.at, "responses", "202"]);
    const location = isNode(accepted.node?.headers)
      ? deref(doc, accepted.node.headers.Location, [...accepted.path, "headers", "Location"])
      : undefined;
    if (location?.node?.required !== true) {
      results.push({
        message: `${op.label} needs a 202 response whose Location header is required: true (the URL of the operation to poll)`,
        path: isNode(accepted.node) ? accepted.path : [...op.at, "responses"],
      });
    }
    const fields = parameters(doc, op)
      .filter((p) => p.node.in === "path")
      .map((p) => camelCase(p.node.name));
    const content = deref(doc, op.node.requestBody, [...op.at, "requestBody"]).node?.content?.["application/json"];
    const body = deref(doc, content?.schema, [...op.at, "requestBody"]).node;
    fields.push(...Object.keys(isNode(body?.properties) ? body.properties : {}));
    for (const [i, field] of fields.entries()) {
      if (fields.indexOf(field) !== i || !/^[A-Za-z_$][\w$]*$/.test(field)) {
        results.push({
          message: `${op.label}: input field "${field}" (a path parameter camelCased, or a body property) is no distinct JavaScript name; rename it`,
          path: [...op.at],
        });
      }
    }
  }
  return results;
}

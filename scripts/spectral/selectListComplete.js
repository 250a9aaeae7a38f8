import { deref, isNode, okContent, parameters, polls } from "./spec-model.js";

/**
 * graph-lro-select-list: the `$select` of every operation names exactly the properties of its 200 schema
 * (`@odata.*` annotations aside). The types, the mock and `--select` read the list; a property missing from it
 * can never be selected, a name that is no property is one Graph answers 400 for.
 */
export default function selectListComplete(doc) {
  const results = [];
  for (const op of polls(doc)) {
    const content = okContent(doc, op);
    const select = parameters(doc, op).find((p) => p.node.in === "query" && p.node.name === "$select");
    if (!content || !select) continue;
    const schema = deref(doc, content.node.schema, [...content.path, "schema"]);
    const names = Object.keys(isNode(schema.node?.properties) ? schema.node.properties : {}).filter(
      (name) => !name.startsWith("@"),
    );
    const list = deref(doc, select.node.schema, [...select.path, "schema"]);
    const items = deref(doc, list.node?.items, [...list.path, "items"]);
    const listed = Array.isArray(items.node?.enum) ? items.node.enum : [];
    const where = `${items.path.join("/")}/enum`;
    for (const name of names.filter((n) => !listed.includes(n))) {
      results.push({
        message: `"${name}" is a property of ${schema.path.at(-1)} but not selectable: add it to ${where}`,
        path: [...items.path, "enum"],
      });
    }
    for (const name of listed.filter((n) => !names.includes(n))) {
      results.push({
        message: `"${name}" is selectable but no property of ${schema.path.at(-1)}: remove it from ${where} or add the property`,
        path: [...items.path, "enum"],
      });
    }
  }
  return results;
}

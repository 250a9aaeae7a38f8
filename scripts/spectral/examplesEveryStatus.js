import { deref, isNode, okContent, polls, SENTINEL, statusEnum } from "./spec-model.js";

/**
 * graph-lro-examples-every-status: every operation's 200 has an example of each status member but the
 * sentinel; the mock serves them by id and its stories play them, so a member without one cannot be served.
 */
export default function examplesEveryStatus(doc) {
  const results = [];
  for (const op of polls(doc)) {
    const status = statusEnum(doc, op);
    const content = okContent(doc, op);
    if (!status || !content) continue;
    const examples = isNode(content.node.examples) ? content.node.examples : {};
    const shown = new Set(
      Object.entries(examples).map(
        ([key, raw]) => deref(doc, raw, [...content.path, "examples", key]).node?.value?.status,
      ),
    );
    for (const member of status.node.enum.filter((m) => m !== SENTINEL && !shown.has(m))) {
      results.push({
        message: `${op.label} has no 200 example with status "${member}": add one under its examples (components/examples, then a $ref)`,
        path: [...content.path, isNode(content.node.examples) ? "examples" : "schema"],
      });
    }
  }
  return results;
}

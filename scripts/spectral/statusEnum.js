import { okContent, polls, statusEnum } from "./spec-model.js";

/**
 * graph-lro-status-enum: every operation's 200 schema has a `status` whose enum carries `x-terminal-values`:
 * the poller stops at those members and only at those.
 */
export default function statusEnumRule(doc) {
  return polls(doc)
    .filter((op) => okContent(doc, op) && !statusEnum(doc, op))
    .map((op) => ({
      message: `${op.label}: its 200 schema needs a status property whose enum has x-terminal-values (the members the poller stops at)`,
      path: [...op.at, "responses", "200"],
    }));
}

import { SENTINEL } from "./spec-model.js";

/**
 * graph-lro-terminal-values: an enum's `x-terminal-values` is a non-empty list of its members, the sentinel
 * not among them. graph-lro-enum-sentinel: such an enum lists `unknownFutureValue`, Graph's evolvable-enum
 * sentinel, which members added later are answered as. Options: `{ check: "terminal" | "sentinel" }`.
 */
export default function terminalValues(schema, { check }, context) {
  const values = schema?.["x-terminal-values"];
  const members = Array.isArray(schema?.enum) ? schema.enum : [];
  if (values === undefined) return [];
  const at = context.path;
  if (check === "sentinel") {
    return members.includes(SENTINEL)
      ? []
      : [
          {
            message: `an evolvable enum (it has x-terminal-values) must list ${SENTINEL}: add it to enum`,
            path: [...at, "enum"],
          },
        ];
  }
  const wrong = Array.isArray(values) ? values.filter((v) => !members.includes(v) || v === SENTINEL) : [];
  if (!Array.isArray(values) || values.length === 0) {
    return [
      {
        message: "x-terminal-values must be a non-empty list of the enum's members",
        path: [...at, "x-terminal-values"],
      },
    ];
  }
  return wrong.map((v) => ({
    message: `x-terminal-values names ${JSON.stringify(v)}, which is ${v === SENTINEL ? "the sentinel, never terminal" : "no member of the enum beside it"}: use members of enum`,
    path: [...at, "x-terminal-values"],
  }));
}

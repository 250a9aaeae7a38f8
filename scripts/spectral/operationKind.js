import { polls } from "./spec-model.js";

/**
 * graph-lro-kind: every operation has its own `x-graph-lro-kind`, a name usable as a ref's `kind`
 * (`{ kind, operationId }`), which the client, the CLI and the routes table key operations by.
 */
export default function operationKind(doc) {
  const results = [];
  const seen = new Map();
  for (const op of polls(doc)) {
    const kind = op.node["x-graph-lro-kind"];
    if (typeof kind !== "string" || !/^[A-Za-z][\w-]*$/.test(kind)) {
      results.push({
        message: `${op.label} needs x-graph-lro-kind: a name (letters, digits, - or _) that refs of it use as their kind`,
        path: kind === undefined ? op.at : [...op.at, "x-graph-lro-kind"],
      });
    } else if (seen.has(kind)) {
      results.push({
        message: `${op.label}: x-graph-lro-kind "${kind}" is already the kind of ${seen.get(kind)}; give each operation its own`,
        path: [...op.at, "x-graph-lro-kind"],
      });
    } else seen.set(kind, op.label);
  }
  return results;
}

import { polls } from "./spec-model.js";

/**
 * graph-lro-operation-id-last: the last segment of every path is the operation id's parameter (`/{...}`), and
 * every other path parameter camelCases to a distinct JavaScript name: a ref names the last `operationId` and
 * each other by that name (`user-id` → `userId`), and parseOperationUrl reads the id from the last segment.
 */
export default function operationIdLast(doc) {
  const results = [];
  const seen = new Set();
  for (const op of polls(doc)) {
    if (seen.has(op.path)) continue;
    seen.add(op.path);
    const at = ["paths", op.path];
    if (!/\/\{[^{}/]+\}$/.test(op.path)) {
      results.push({
        message: `${op.path} must end with the operation id's parameter, such as /{longRunningOperation-id}`,
        path: at,
      });
    }
    const names = [...op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]).slice(0, -1);
    const fields = [];
    for (const name of names) {
      const field = name.replace(/[-_.]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
      if (!/^[A-Za-z_$][\w$]*$/.test(field) || field === "kind" || field === "operationId" || fields.includes(field)) {
        results.push({
          message: `${op.path}: path parameter "${name}" gives the ref field "${field}", which is not a distinct JavaScript name other than kind and operationId; rename the parameter`,
          path: at,
        });
      }
      fields.push(field);
    }
  }
  return results;
}

// spec:diff's pure core: two parsed specs in, every change classified from a client's side out.
import { isNode, type Node, type Operation, operationLabel, operations } from "../openapi.ts";
import { type Change, ChangeLog, compareDocs, type Reporter } from "./changes.ts";
import { compareOperation, compareSecurity } from "./operation.ts";

/** Every change between two OpenAPI documents (3.0 or 3.1), breaking ones first. */
export function diffSpecs(oldDoc: Node, newDoc: Node): Change[] {
  const log = new ChangeLog();
  compareTopLevel(log.reporter(), oldDoc, newDoc);

  // Paths match by their shape with parameter names blanked, so a renamed `{user-id}` is seen as a rename.
  const shape = (op: Operation) => `${op.method} ${op.path.replace(/\{[^}]*\}/g, "{}")}`;
  const after = new Map(operations(newDoc).map((op) => [shape(op), op]));
  const newPaths = new Set(Object.keys(isNode(newDoc.paths) ? newDoc.paths : {}));
  for (const o of operations(oldDoc)) {
    const report = log.reporter(operationLabel(o));
    const n = after.get(shape(o));
    after.delete(shape(o));
    if (n) {
      // A context per operation, so a schema that several operations share lists each of them.
      compareOperation({ oldDoc, newDoc, report, seen: new Set() }, o, n);
    } else {
      report.breaking(
        newPaths.has(o.path) ? "operation-removed" : "path-removed",
        o.pointer,
        `${operationLabel(o)} removed`,
      );
    }
  }
  for (const n of after.values())
    log.reporter().nonBreaking("operation-added", n.pointer, `${operationLabel(n)} added`);
  return log.list();
}

/** The server extension that names a national cloud for the client. */
const CLOUD = "x-graph-cloud";

function compareTopLevel(report: Reporter, oldDoc: Node, newDoc: Node) {
  const info = (doc: Node) => (isNode(doc.info) ? doc.info : {});
  const infoKeys = ["title", "summary", "description", "version", "contact", "license", "termsOfService"];
  compareDocs(report, info(oldDoc), info(newDoc), "/info", infoKeys);
  compareDocs(report, oldDoc, newDoc, "", ["externalDocs", "tags", "openapi"]);
  const servers = (doc: Node) => (Array.isArray(doc.servers) ? doc.servers.filter(isNode) : []);
  const before = servers(oldDoc);
  const after = servers(newDoc);
  before.forEach((server, i) => {
    const url = String(server.url);
    const j = after.findIndex((s) => String(s.url) === url);
    const match = after[j];
    if (!match) {
      report.breaking("server-removed", `/servers/${i}`, `server ${url} removed`);
      return;
    }
    // The client names its clouds by x-graph-cloud (src/client/clouds.ts): code that picks one by its old name breaks.
    const [was, is] = [server[CLOUD], match[CLOUD]];
    if (was === is) return;
    const message = `server ${url}: ${CLOUD} ${was ?? "(none)"} → ${is ?? "(none)"}`;
    (was === undefined ? report.nonBreaking : report.breaking)(
      "server-cloud-changed",
      `/servers/${j}/${CLOUD}`,
      message,
    );
  });
  after.forEach((server, i) => {
    const url = String(server.url);
    if (!before.some((s) => String(s.url) === url))
      report.nonBreaking("server-added", `/servers/${i}`, `server ${url} added`);
  });
  compareSecurity(report, oldDoc.security, newDoc.security, "/security");
}

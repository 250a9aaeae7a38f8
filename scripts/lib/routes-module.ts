import { METHODS, type Method } from "../../src/openapi/methods.ts";

interface BundledSpec {
  servers?: Record<string, unknown>[];
  paths?: Record<string, Partial<Record<Method, { operationId?: string }>>>;
}

/**
 * The runtime facts a client needs from a bundled spec: server roots (with their `x-` extensions,
 * such as `x-graph-cloud`) and each operation's method and path template, by operationId.
 * The whole spec as data is about 170 KB; a browser bundle should not pay for it to learn two paths.
 */
export function routesModule(bundled: BundledSpec, header: string, root: string): string {
  const servers = (bundled.servers ?? []).map((server) =>
    Object.fromEntries(Object.entries(server).filter(([key]) => key === "url" || key.startsWith("x-"))),
  );
  const operations: Record<string, { method: string; path: string }> = {};
  for (const [path, item] of Object.entries(bundled.paths ?? {})) {
    for (const method of METHODS) {
      const operationId = item[method]?.operationId;
      if (operationId) operations[operationId] = { method, path };
    }
  }
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    header,
    `/** The server roots of ${root}: \`url\` and the \`x-\` extensions of each. */`,
    `export const servers = ${json(servers)} as const;`,
    "",
    `/** Each operation of ${root} by operationId: its method and path template. */`,
    `export const operations = ${json(operations)} as const;`,
    "",
  ].join("\n");
}

import { describe, expect, it } from "vitest";
import { operations, servers } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { routesModule } from "../../scripts/lib/routes-module.ts";

describe("the routes module", () => {
  it("holds exactly the servers and operation routes of the bundled spec", () => {
    expect(servers).toEqual(spec.servers.map(({ url, "x-graph-cloud": cloud }) => ({ url, "x-graph-cloud": cloud })));
    const fromSpec = Object.entries(spec.paths).map(([path, item]) => [item.get.operationId, { method: "get", path }]);
    expect(operations).toEqual(Object.fromEntries(fromSpec));
  });

  it("keeps only url and x- extensions of servers, and every method's operationId", () => {
    const text = routesModule(
      {
        servers: [{ url: "https://a.test", description: "dropped", "x-graph-cloud": "global" }],
        paths: { "/w/{id}": { get: { operationId: "w.Get" }, delete: { operationId: "w.Delete" } } },
      },
      "// header",
      "api.yaml",
    );
    expect(text).not.toContain("dropped");
    expect(text).toContain('"x-graph-cloud": "global"');
    expect(text).toContain('"w.Delete": {\n    "method": "delete",\n    "path": "/w/{id}"');
  });
});

import { describe, expect, it } from "vitest";
import { operations, servers, statuses, terminalStatuses } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { routesModule } from "../../scripts/lib/routes-module.ts";
import { GET_PATHS } from "../support/spec-urls.ts";

/** A one-operation spec, with `get` as given. */
const oneGet = (path: string, get: Record<string, unknown>) => ({ paths: { [path]: { get } } });

/** A GET and a POST that starts it, with `post` changed. */
const startSpec = (post: Record<string, unknown>) => ({
  paths: {
    "/a/{id}": { get: { operationId: "a" } },
    "/s": {
      post: {
        operationId: "s",
        "x-graph-lro-start": "s",
        "x-graph-lro-polled-by": "a",
        responses: { "202": { headers: { Location: { required: true } } } },
        ...post,
      },
    },
  },
});

describe("the routes module", () => {
  it("holds exactly the servers, operation routes and terminal statuses of the bundled spec", () => {
    // Each server's url and cloud name only: the rest (description, login host) is the mock's, not every app's.
    expect(servers).toEqual(spec.servers.map(({ url, "x-graph-cloud": cloud }) => ({ url, "x-graph-cloud": cloud })));
    const fromSpec = GET_PATHS.map(([path, item]) => [
      item.get.operationId,
      expect.objectContaining({ method: "get", path, kind: item.get["x-graph-lro-kind"] }),
    ]);
    expect(operations).toEqual(Object.fromEntries(fromSpec));
    expect(terminalStatuses).toEqual(
      spec.components.schemas["microsoft.graph.longRunningOperationStatus"]["x-terminal-values"],
    );
  });

  it("names each path parameter's ref field: the last is operationId, the others camelCased", () => {
    for (const route of Object.values(operations)) {
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(Object.keys(route.refFields)).toEqual(names);
      expect(Object.values(route.refFields).at(-1)).toBe("operationId");
    }
    expect(operations["users.authentication.GetOperations"].refFields["user-id"]).toBe("userId");
  });

  it("keeps only url and x- extensions of servers, and every GET's operationId, its kind by default", () => {
    const text = routesModule(
      {
        servers: [{ url: "https://a.test", description: "dropped", "x-graph-cloud": "global" }],
        paths: { "/w/{id}": { get: { operationId: "w.Get" } } },
      },
      "// header",
      "api.yaml",
    );
    expect(text).not.toContain("dropped");
    expect(text).toContain('"x-graph-cloud": "global"');
    expect(text).toContain('"w.Get": {\n    "method": "get",\n    "path": "/w/{id}",\n    "kind": "w.Get"');
    expect(text).toContain("export const terminalStatuses = [] as const;");
    expect(text).toContain("export const starts = {} as const;");
  });

  it("puts every other method in the starts table: its GET's kind, input fields, defaults, body and secrets", () => {
    const accepted = {
      "202": {
        headers: { Location: { required: true } },
        content: { "application/json": { schema: { properties: { pw: { format: "password" } } } } },
      },
    };
    const text = routesModule(
      {
        paths: {
          "/w/{id}": { get: { operationId: "w.Get", "x-graph-lro-kind": "w" } },
          "/v/{v-id}/{m-id}/go": {
            parameters: [{ name: "v-id", in: "path" }],
            post: {
              operationId: "v.Go",
              "x-graph-lro-start": "go",
              "x-graph-lro-polled-by": "w.Get",
              parameters: [{ name: "m-id", in: "path", schema: { default: "m0" } }],
              requestBody: {
                required: true,
                content: { "application/json": { schema: { properties: { a: {}, pw: { format: "password" } } } } },
              },
              responses: accepted,
            },
          },
        },
      } as never,
      "// header",
      "api.yaml",
    );
    const table = JSON.parse(
      text.slice(text.indexOf("export const starts = ") + 22, text.indexOf(" as const;\n\n/** The statuses")),
    );
    expect(table).toEqual({
      go: {
        method: "post",
        path: "/v/{v-id}/{m-id}/go",
        operationId: "v.Go",
        polledBy: "w",
        fields: { "v-id": "vId", "m-id": "mId" },
        defaults: { mId: "m0" },
        body: ["a", "pw"],
        bodyRequired: true,
        secrets: ["pw"],
      },
    });
    expect(text).not.toContain('"v.Go": {\n    "method"');
  });

  it.for([
    [
      "a kind used twice",
      {
        paths: {
          "/a/{id}": { get: { operationId: "a", "x-graph-lro-kind": "k" } },
          "/b/{id}": { get: { operationId: "b", "x-graph-lro-kind": "k" } },
        },
      },
      /kind "k" is also the kind of a/,
    ],
    [
      "an empty kind",
      oneGet("/a/{id}", { operationId: "a", "x-graph-lro-kind": "" }),
      /x-graph-lro-kind must be a name/,
    ],
    ["a path without parameters", oneGet("/a", { operationId: "a" }), /no parameter/],
    ["a parameter named kind", oneGet("/a/{kind}/b/{id}", { operationId: "a" }), /ref field "kind"/],
    [
      "two parameters with one field",
      oneGet("/a/{user-id}/b/{user_id}/c/{id}", { operationId: "a" }),
      /ref field "userId"/,
    ],
    [
      "terminal values outside the enum",
      oneGet("/a/{id}", {
        operationId: "a",
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: { properties: { status: { enum: ["done"], "x-terminal-values": ["finished"] } } },
              },
            },
          },
        },
      }),
      /x-terminal-values must list members/,
    ],
    [
      "a POST without x-graph-lro-start",
      startSpec({ "x-graph-lro-start": undefined }),
      /POST \/s \(s\): x-graph-lro-start must be/,
    ],
    [
      "a POST polled by no GET",
      startSpec({ "x-graph-lro-polled-by": "nope" }),
      /x-graph-lro-polled-by must be the operationId of a GET/,
    ],
    ["a POST whose 202 has no required Location", startSpec({ responses: { "202": {} } }), /required Location header/],
  ] as const)("refuses %s, naming the operation", ([, bundled, message]) => {
    expect(() => routesModule(bundled as never, "", "api.yaml")).toThrow(message);
  });

  it("reads terminal values from the enum among the status's anyOf", () => {
    const status = { anyOf: [{ enum: ["done", "busy"], "x-terminal-values": ["done"] }, { type: "null" }] };
    const text = routesModule(
      oneGet("/a/{id}", {
        operationId: "a",
        responses: { "200": { content: { "application/json": { schema: { properties: { status } } } } } },
      }) as never,
      "",
      "api.yaml",
    );
    expect(text).toContain('export const terminalStatuses = [\n  "done"\n] as const;');
  });

  it("keeps an operationId __proto__ as an operation, not as the table's prototype", async () => {
    const text = routesModule(
      oneGet("/a/{id}", { operationId: "__proto__", "x-graph-lro-kind": "a" }) as never,
      "",
      "x",
    );
    const module = await import(`data:text/javascript,${encodeURIComponent(text.replaceAll(" as const", ""))}`);
    expect(Object.keys(module.operations)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(module.operations)).toBe(Object.prototype);
  });
});

describe("the routes module's statuses", () => {
  it("are the members of the spec's status enum, the only statuses a message quotes", () => {
    expect(statuses).toEqual(spec.components.schemas["microsoft.graph.longRunningOperationStatus"].enum);
  });

  it("come from an enum among a status's anyOf too, and are empty without one", () => {
    const status = { anyOf: [{ enum: ["a", "b"], "x-terminal-values": ["b"] }, { type: "string" }] };
    const ok = { content: { "application/json": { schema: { properties: { status } } } } };
    const text = routesModule(oneGet("/w/{id}", { operationId: "w.Get", responses: { "200": ok } }), "//", "a.yaml");
    expect(text).toContain('export const statuses = [\n  "a",\n  "b"\n] as const;');
    expect(routesModule(oneGet("/w/{id}", { operationId: "w.Get" }), "//", "a.yaml")).toContain(
      "export const statuses = [] as const;",
    );
  });
});

import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroHandlers, createMockFetch, startMockServer } from "../../src/mock/index.ts";
import { operationPath, operationUrl } from "../support/spec-urls.ts";

// A 401's challenge names the login host of the cloud whose root the request was sent to.
const challengeFor = (login: string) =>
  `Bearer realm="", authorization_uri="${login}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;
const alertPath = operationPath("roleManagementAlert", { "longRunningOperation-id": "x" });

describe("the 401 challenge", () => {
  it.each(spec.servers.map((s) => [s["x-graph-cloud"], s] as const))("names %s's login host", async (_, server) => {
    const fetch = createMockFetch(createGraphLroHandlers());
    const response = await fetch(
      operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root: server.url }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe(challengeFor(server["x-graph-lro-login"]));
  });

  it("documents each server's login host as an origin, with no path or trailing slash", () => {
    for (const server of spec.servers)
      expect(new URL(server["x-graph-lro-login"]).origin).toBe(server["x-graph-lro-login"]);
  });

  it("names the global login host on a root of one's own, which no server of the spec has", async () => {
    const fetch = createMockFetch(createGraphLroHandlers({ baseUrls: ["https://graph.test/beta"] }));
    const response = await fetch(`https://graph.test/beta${alertPath}`);
    expect(response.headers.get("WWW-Authenticate")).toBe(challengeFor(spec.servers[0]["x-graph-lro-login"]));
  });

  it("names the global login host for a spec without servers, served on roots of one's own", async () => {
    const { servers: _, ...withoutServers } = structuredClone(spec);
    const handlers = createGraphLroHandlers({ spec: withoutServers as never, baseUrls: ["https://graph.test/beta"] });
    const response = await createMockFetch(handlers)(`https://graph.test/beta${alertPath}`);
    expect(response.headers.get("WWW-Authenticate")).toBe(challengeFor(spec.servers[0]["x-graph-lro-login"]));
  });

  it("over HTTP, follows the cloud root the server answers as", async () => {
    const china = spec.servers.find((s) => s["x-graph-cloud"] === "china");
    if (!china) throw new Error("the spec has no China server");
    const server = await startMockServer({ port: 0, graphRoot: china.url });
    try {
      const response = await fetch(`${server.url}${alertPath}`);
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe(challengeFor(china["x-graph-lro-login"]));
    } finally {
      await server.close();
    }
  });
});

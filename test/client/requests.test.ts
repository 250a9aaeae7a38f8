import { describe, expect, it } from "vitest";
import { servers } from "../../generated/graph-lro.routes.ts";
import { createGraphLroClient } from "../../src/index.ts";
import { json, recordingFetch } from "../support/recording-fetch.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the requests the client sends", () => {
  it("GETs the alert operation with Accept, Authorization and a fresh client-request-id", async () => {
    const { fetch, requests } = recordingFetch(
      json({ id: "op", status: "running" }, { headers: { "request-id": "r1" } }),
    );
    const client = createGraphLroClient({ fetch, token: "t0ken" });
    const result = await client.getRoleManagementAlertOperation("refresh:DirectoryRole_1_StaleSignInAlert");
    expect(requests).toEqual([
      {
        method: "GET",
        url: "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/operations/refresh%3ADirectoryRole_1_StaleSignInAlert",
        headers: {
          accept: "application/json",
          authorization: "Bearer t0ken",
          "client-request-id": expect.stringMatching(UUID),
        },
        redirect: "manual",
      },
    ]);
    expect(result).toEqual({
      operation: { id: "op", status: "running" },
      status: 200,
      retryAfterMs: undefined,
      requestId: "r1",
      clientRequestId: requests[0]?.headers["client-request-id"],
    });
    await client.getRoleManagementAlertOperation("op");
    expect(requests[1]?.headers["client-request-id"]).not.toBe(result.clientRequestId);
  });

  it("GETs the user operation by UPN, and sends $select comma-separated", async () => {
    const { fetch, requests } = recordingFetch(json({ status: "succeeded", resourceLocation: "" }));
    const client = createGraphLroClient({ fetch });
    await client.getUserAuthenticationOperation("alice_contoso.com#EXT#@fabrikam.onmicrosoft.com", "88e7", {
      select: ["status", "resourceLocation"],
    });
    expect(requests[0]?.url).toBe(
      "https://graph.microsoft.com/beta/users/alice_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com/authentication/operations/88e7?$select=status,resourceLocation",
    );
    expect(requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each(servers.map((s) => [s["x-graph-cloud"], s.url] as const))("sends %s calls to %s", async (cloud, url) => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch, cloud }).getRoleManagementAlertOperation("op");
    expect(requests[0]?.url).toBe(`${url}/identityGovernance/roleManagementAlerts/operations/op`);
  });

  it("accepts a baseUrl (a mock's) instead of a cloud, but not both or a bad one", async () => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch, baseUrl: "http://127.0.0.1:8080/beta/" }).getRoleManagementAlertOperation("op");
    expect(requests[0]?.url).toBe("http://127.0.0.1:8080/beta/identityGovernance/roleManagementAlerts/operations/op");
    expect(() => createGraphLroClient({ cloud: "china", baseUrl: "http://x" })).toThrow(/not both/);
    expect(() => createGraphLroClient({ baseUrl: "ftp://x/beta" })).toThrow(/http\(s\) URL/);
    expect(() => createGraphLroClient({ baseUrl: "https://u:p@x/beta" })).toThrow(/credentials/);
    expect(() => createGraphLroClient({ cloud: "mars" as never })).toThrow(
      /unknown cloud "mars": one of global, usGov/,
    );
  });

  it("getOperation follows a 202 Location, keeping its extra query verbatim", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    const location =
      "https://graph.microsoft.com/beta/users/6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0/authentication/operations/77bafe36?aadgdc=DUB02P&aadgsu=ssprprod-a";
    await client.getOperation(location);
    await client.getOperation(new URL(location), { select: ["status"] });
    await client.getOperation({ kind: "userAuthentication", userId: "u 1", operationId: "o/1" });
    expect(requests.map((r) => r.url)).toEqual([
      location,
      "https://graph.microsoft.com/beta/users/6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0/authentication/operations/77bafe36?$select=status&aadgdc=DUB02P&aadgsu=ssprprod-a",
      "https://graph.microsoft.com/beta/users/u%201/authentication/operations/o%2F1",
    ]);
  });

  it("getOperation refuses a Location on another host or cloud before any request", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch, cloud: "usGov", token: "t" });
    await expect(
      client.getOperation("https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/operations/x"),
    ).rejects.toThrow(
      "refusing https://graph.microsoft.com: the configured Graph origin is https://graph.microsoft.us",
    );
    await expect(
      client.getOperation("https://evil.test/beta/identityGovernance/roleManagementAlerts/operations/x"),
    ).rejects.toThrow(/refusing https:\/\/evil\.test/);
    expect(requests).toEqual([]);
  });

  it("looks globalThis.fetch up at call time, so a mock installed after creation applies", async () => {
    const client = createGraphLroClient();
    const original = globalThis.fetch;
    const { fetch, requests } = recordingFetch();
    globalThis.fetch = fetch as typeof globalThis.fetch;
    try {
      await client.getRoleManagementAlertOperation("op");
    } finally {
      globalThis.fetch = original;
    }
    expect(requests).toHaveLength(1);
  });

  it("calls a token function before each attempt, so a refreshed token is used on retry", async () => {
    const { fetch, requests } = recordingFetch(new Response(null, { status: 503 }), json({ status: "running" }));
    let n = 0;
    const client = createGraphLroClient({
      fetch,
      token: async () => `t${++n}`,
      sleep: async () => {},
      random: () => 0,
    });
    await client.getRoleManagementAlertOperation("op");
    expect(requests.map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("raw is the openapi-fetch client, with the same base URL, headers and path checks", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch, token: "t" });
    const { data } = await client.raw.GET(
      "/identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id}",
      {
        params: { path: { "longRunningOperation-id": "op" } },
      },
    );
    expect(data?.status).toBe("running");
    expect(requests[0]?.headers).toMatchObject({ accept: "application/json", authorization: "Bearer t" });
    await expect(
      client.raw.GET("/identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id}", {
        params: { path: { "longRunningOperation-id": "" } },
      }),
    ).rejects.toThrow(/must not be ""/);
    // A per-call baseUrl elsewhere is refused, token or not.
    await expect(
      client.raw.GET("/identityGovernance/roleManagementAlerts/operations/{longRunningOperation-id}", {
        baseUrl: "https://evil.test/beta",
        params: { path: { "longRunningOperation-id": "op" } },
      }),
    ).rejects.toThrow("refusing to send a request to https://evil.test");
    expect(requests).toHaveLength(1);
  });
});

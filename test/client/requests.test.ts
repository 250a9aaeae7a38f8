import { describe, expect, it } from "vitest";
import { operations, servers } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroClient, createGraphLroRawClient, InvalidArgumentError } from "../../src/index.ts";
import { HOSTILE_IDS } from "../support/hostile-ids.ts";
import { GUEST_UPN, GUEST_UPN_ENCODED, USER_ID } from "../support/mock-client.ts";
import { json, recordingClock, recordingFetch } from "../support/recording-fetch.ts";
import { encoded, GRAPH_ROOT, LOCATION_QUERY, operationUrl, ROOTS, template } from "../support/spec-urls.ts";

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
        url: operationUrl("roleManagementAlert", {
          "longRunningOperation-id": encoded("refresh%3ADirectoryRole_1_StaleSignInAlert"),
        }),
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
    await client.getUserAuthenticationOperation(GUEST_UPN, "88e7", { select: ["status", "resourceLocation"] });
    expect(requests[0]?.url).toBe(
      operationUrl(
        "userAuthentication",
        { "user-id": encoded(GUEST_UPN_ENCODED), "longRunningOperation-id": "88e7" },
        { query: "$select=status,resourceLocation" },
      ),
    );
    expect(requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each(servers.map((s) => [s["x-graph-cloud"], s.url] as const))("sends %s calls to %s", async (cloud, url) => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch, cloud }).getRoleManagementAlertOperation("op");
    expect(requests[0]?.url).toBe(
      operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" }, { root: url }),
    );
  });

  it("accepts a baseUrl (a mock's) instead of a cloud, but not both or a bad one", async () => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch, baseUrl: "http://127.0.0.1:8080/beta/" }).getRoleManagementAlertOperation("op");
    expect(requests[0]?.url).toBe(
      operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" }, { root: "http://127.0.0.1:8080/beta" }),
    );
    expect(() => createGraphLroClient({ cloud: "china", baseUrl: "http://x" })).toThrow(/not both/);
    expect(() => createGraphLroClient({ baseUrl: "ftp://x/beta" })).toThrow(/baseUrl must be http: or https:/);
    expect(() => createGraphLroClient({ baseUrl: "x/beta" })).toThrow(/baseUrl must be an absolute URL/);
    expect(() => createGraphLroClient({ baseUrl: "https://x/beta?a=1" })).toThrow(/baseUrl must have no query/);
    // Refused, and not quoted: the password would be in the message.
    expect(() => createGraphLroClient({ baseUrl: "https://u:s3cret@x/beta" })).toThrow(
      /^baseUrl must not carry credentials$/,
    );
    expect(() => createGraphLroClient({ cloud: "mars" as never })).toThrow(
      /cloud must be one of global, usGov, .*, got "mars"/,
    );
  });

  it("getOperation follows a 202 Location, keeping its extra query verbatim", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    const ids = {
      "user-id": USER_ID,
      "longRunningOperation-id": spec.components.examples.passwordResetFailed.value.id,
    };
    const location = operationUrl("userAuthentication", ids, { query: LOCATION_QUERY });
    await client.getOperation(location);
    await client.getOperation(new URL(location), { select: ["status"] });
    await client.getOperation({ kind: "userAuthentication", userId: "u 1", operationId: "o/1" });
    expect(requests.map((r) => r.url)).toEqual([
      location,
      operationUrl("userAuthentication", ids, { query: `$select=status&${LOCATION_QUERY}` }),
      operationUrl("userAuthentication", { "user-id": encoded("u%201"), "longRunningOperation-id": encoded("o%2F1") }),
    ]);
  });

  it("getOperation sends a Location's $select once: the select option replaces it", async () => {
    const { fetch, requests } = recordingFetch(json({ id: "o" }));
    const client = createGraphLroClient({ fetch });
    const ids = { "user-id": "u", "longRunningOperation-id": "o" };
    const location = operationUrl("userAuthentication", ids, { query: `$select=id&${LOCATION_QUERY}` });
    // The URL selects no status, so a body without one is what was asked for, not malformed.
    await expect(client.getOperation(location)).resolves.toMatchObject({ operation: { id: "o" } });
    await client.getOperation(location, { select: ["id", "status"] }).catch(() => {});
    expect(requests.map((r) => r.url)).toEqual([
      operationUrl("userAuthentication", ids, { query: `$select=id&${LOCATION_QUERY}` }),
      operationUrl("userAuthentication", ids, { query: `$select=id,status&${LOCATION_QUERY}` }),
    ]);
  });

  it("getOperation refuses a ref of no known kind before any request", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    await expect(client.getOperation({ kind: "nope", operationId: "x" } as never)).rejects.toThrow(
      `kind must be one of ${Object.values(operations)
        .map((route) => route.kind)
        .join(", ")}, got "nope"`,
    );
    expect(requests).toEqual([]);
  });

  it("getOperation refuses a ref that is null or names no kind, saying what it got", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    const messageFor = async (ref: unknown) => {
      const error = await client.getOperation(ref as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe("kind");
      return (error as Error).message;
    };
    expect(await messageFor(null)).toMatch(/, got undefined$/);
    expect(await messageFor({ kind: 5 })).toMatch(/, got number$/);
    expect(await messageFor({ kind: "x".repeat(100) })).toMatch(new RegExp(`, got "${"x".repeat(40)}"$`));
    expect(requests).toEqual([]);
  });

  it("getOperation refuses a Location on another host or cloud before any request", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch, cloud: "usGov", token: "t" });
    const ids = { "longRunningOperation-id": "x" };
    await expect(client.getOperation(operationUrl("roleManagementAlert", ids, { root: ROOTS.global }))).rejects.toThrow(
      `refusing ${new URL(ROOTS.global).origin}: the Graph origin is ${new URL(ROOTS.usGov).origin}`,
    );
    await expect(
      client.getOperation(operationUrl("roleManagementAlert", ids, { root: "https://evil.test/beta" })),
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
      clock: recordingClock().clock,
      random: () => 0,
    });
    await client.getRoleManagementAlertOperation("op");
    expect(requests.map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
  });

  // The typed methods build their request with openapi-fetch's URL helpers instead of its GET
  // (decision 0008); this keeps them from drifting apart from the raw client.
  it.each(HOSTILE_IDS)("sends the same request as the raw client's GET for the id %j", async (id) => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch, token: "t" });
    const raw = createGraphLroRawClient({ fetch, token: "t" });
    const select = ["status", "resourceLocation"] as const;
    await client.getUserAuthenticationOperation(id, id, { select });
    await raw.GET(template("userAuthentication"), {
      params: { path: { "user-id": id, "longRunningOperation-id": id }, query: { $select: [...select] } },
    });
    await client.getRoleManagementAlertOperation(id);
    await raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": id } } });
    const [typedUser, rawUser, typedAlert, rawAlert] = requests.map(({ headers, ...request }) => ({
      ...request,
      headers: { ...headers, "client-request-id": expect.stringMatching(UUID) },
    }));
    expect(typedUser).toEqual(rawUser);
    expect(typedAlert).toEqual(rawAlert);
  });

  it("makes the raw client an openapi-fetch client, with the same base URL, headers and path checks", async () => {
    const { fetch, requests } = recordingFetch();
    const raw = createGraphLroRawClient({ fetch, token: "t" });
    const { data } = await raw.GET(template("roleManagementAlert"), {
      params: { path: { "longRunningOperation-id": "op" } },
    });
    expect(data?.status).toBe("running");
    expect(requests[0]?.headers).toMatchObject({ accept: "application/json", authorization: "Bearer t" });
    await expect(
      raw.GET(template("roleManagementAlert"), {
        params: { path: { "longRunningOperation-id": "" } },
      }),
    ).rejects.toThrow(/must not be ""/);
    // A per-call baseUrl elsewhere is refused, token or not.
    await expect(
      raw.GET(template("roleManagementAlert"), {
        baseUrl: "https://evil.test/beta",
        params: { path: { "longRunningOperation-id": "op" } },
      }),
    ).rejects.toThrow("refusing https://evil.test: the Graph origin is");
    expect(requests).toHaveLength(1);
  });
});

describe("client-request-id", () => {
  it("is added to a raw call that has none, and a raw call's own is kept", async () => {
    const { fetch, requests } = recordingFetch();
    const raw = createGraphLroRawClient({ fetch });
    const params = { path: { "longRunningOperation-id": "op" } };
    await raw.GET(template("roleManagementAlert"), { params });
    await raw.GET(template("roleManagementAlert"), { params, headers: { "client-request-id": "mine" } });
    expect(requests[0]?.headers["client-request-id"]).toMatch(UUID);
    expect(requests[1]?.headers["client-request-id"]).toBe("mine");
  });
});

describe("options the client refuses", () => {
  it("refuses a number given as a string", () => {
    const options_ = [{ timeoutMs: "5000" }, { retry: { maxRetries: "3" } }, { retry: { maxDelayMs: "100" } }];
    for (const options of [...options_, { maxBodyBytes: "10" }]) {
      expect(() => createGraphLroClient(options as never)).toThrow(InvalidArgumentError);
    }
  });

  it("quotes a bad number option only when it is a number, else names its type", () => {
    const messageOf = (timeoutMs: unknown) => {
      try {
        createGraphLroClient({ timeoutMs: timeoutMs as number });
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.message : error;
      }
    };
    const bounds = "timeoutMs must be a whole number from 1 to 2147483647, got";
    expect(messageOf(0.5)).toBe(`${bounds} 0.5`);
    // A misplaced secret is not quoted, and a Symbol (which no template can quote) is named.
    expect(messageOf("eyJ0eXAi.secret")).toBe(`${bounds} string`);
    expect(messageOf(Symbol("s"))).toBe(`${bounds} symbol`);
    expect(messageOf(null)).toBe(`${bounds} object`);
  });

  it("refuses a cloud that is not one, null included, naming its type or quoting it clipped", () => {
    const messageOf = (cloud: unknown) => {
      try {
        createGraphLroClient({ cloud: cloud as never });
        return "accepted";
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.message.replace(/.*, got /, "") : error;
      }
    };
    expect([null, 10n, Symbol("s"), {}].map(messageOf)).toEqual(["object", "bigint", "symbol", "object"]);
    expect(messageOf("x".repeat(100))).toBe(`"${"x".repeat(40)}"`);
  });

  it("names the option each base URL or cloud problem is about", () => {
    const argumentOf = (options: Parameters<typeof createGraphLroClient>[0]) => {
      try {
        createGraphLroClient(options);
      } catch (error) {
        return (error as InvalidArgumentError).argument;
      }
    };
    expect(argumentOf({ cloud: "global", baseUrl: GRAPH_ROOT })).toBe("cloud");
    expect(argumentOf({ cloud: "moon" as never })).toBe("cloud");
    expect(argumentOf({ baseUrl: "xhttp://graph.test/beta" })).toBe("baseUrl");
    expect(argumentOf({ baseUrl: "https://user@graph.microsoft.com/beta" })).toBe("baseUrl");
  });

  it("sends to a base URL without a path, or with several trailing slashes, as to its root", async () => {
    for (const [baseUrl, root] of [
      ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
      ["http://127.0.0.1:4010/beta///", "http://127.0.0.1:4010/beta"],
    ]) {
      const { fetch, requests } = recordingFetch();
      await createGraphLroClient({ fetch, baseUrl }).getRoleManagementAlertOperation("op");
      expect(requests[0]?.url).toBe(operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" }, { root }));
    }
  });
});

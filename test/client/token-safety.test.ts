import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createGraphLroClient, createGraphLroRawClient, GraphError, InvalidArgumentError } from "../../src/index.ts";
import { json, odataError, recordingClock, recordingFetch } from "../support/recording-fetch.ts";
import { GRAPH_ROOT, operationPath, operationUrl, template } from "../support/spec-urls.ts";

const TOKEN = "eyJ0eXAiOiJKV1Qi.SECRET-TOKEN.sig";

/** Every way an error gets printed or serialized. */
function everyRendering(error: unknown): string[] {
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
  ];
}

function redirect(status: number, location: string): Response {
  return new Response(null, { status, headers: { location } });
}

const alert = (id: string) => ({ "longRunningOperation-id": id });
/** A Location relative to the origin, as a Graph redirect within itself would give it. */
const rootRelative = (id: string) =>
  `${new URL(GRAPH_ROOT).pathname}${operationPath("roleManagementAlert", alert(id))}`;

describe("the token stays with Graph", () => {
  it("follows a redirect within the Graph origin, with the token", async () => {
    const { fetch, requests } = recordingFetch(redirect(307, rootRelative("moved")), json({ status: "running" }));
    await createGraphLroClient({ fetch, token: TOKEN }).getRoleManagementAlertOperation("op");
    expect(requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      [operationUrl("roleManagementAlert", alert("op")), `Bearer ${TOKEN}`],
      [operationUrl("roleManagementAlert", alert("moved")), `Bearer ${TOKEN}`],
    ]);
  });

  it.each([301, 302, 303, 307, 308])(
    "refuses a %i redirect to another origin before sending anything there",
    async (status) => {
      const { fetch, requests } = recordingFetch(redirect(status, "https://evil.test/steal?x=1"));
      const error = await createGraphLroClient({ fetch, token: TOKEN })
        .getRoleManagementAlertOperation("op")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphError);
      expect(error).toMatchObject({ status, code: "refusedRedirect" });
      // The Location is not quoted: a server may have put anything in it.
      expect((error as Error).message).toContain("a redirect to another origin was not followed");
      expect(requests).toHaveLength(1);
      for (const text of everyRendering(error)) expect(text).not.toContain("SECRET-TOKEN");
    },
  );

  it.each([
    ["another scheme", "http://graph.microsoft.com"],
    ["another port", "https://graph.microsoft.com:8443"],
    ["a host that only starts like Graph's", "https://graph.microsoft.com.evil.test"],
  ])("refuses a redirect to the same host on %s", async (_, origin) => {
    const { fetch, requests } = recordingFetch(redirect(302, `${origin}${rootRelative("moved")}`));
    const error = await createGraphLroClient({ fetch, token: TOKEN })
      .getRoleManagementAlertOperation("op")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "GraphError", code: "refusedRedirect" });
    expect(requests).toHaveLength(1);
  });

  it.each([
    ["a host that only starts with the Graph origin", "https://graph.microsoft.com.evil.test/beta"],
    ["another port", "https://graph.microsoft.com:8443/beta"],
    ["another scheme", "http://graph.microsoft.com/beta"],
  ])("refuses a raw call's per-call baseUrl on %s, sending nothing", async (_, baseUrl) => {
    const { fetch, requests } = recordingFetch();
    const call = createGraphLroRawClient({ fetch, token: TOKEN }).GET(template("roleManagementAlert"), {
      baseUrl,
      params: { path: alert("op") },
    });
    await expect(call).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(call).rejects.toMatchObject({ argument: "baseUrl" });
    expect(requests).toEqual([]);
  });

  it("refuses an opaque redirect (browsers hide its target) and endless redirects", async () => {
    const opaque = { type: "opaqueredirect", status: 0, headers: new Headers(), body: null } as unknown as Response;
    const first = recordingFetch(() => opaque);
    await expect(createGraphLroClient({ fetch: first.fetch }).getRoleManagementAlertOperation("op")).rejects.toThrow(
      /a redirect to an unreadable location was not followed/,
    );
    const loop = recordingFetch(redirect(302, rootRelative("op")));
    await expect(createGraphLroClient({ fetch: loop.fetch }).getRoleManagementAlertOperation("op")).rejects.toThrow(
      /more than 5 redirects/,
    );
    expect(loop.requests).toHaveLength(6);
  });

  it.each([
    ["an OData error", odataError(401, "InvalidAuthenticationToken")],
    [
      "an HTML page that echoes the request headers",
      new Response(`<html>Authorization: Bearer ${TOKEN}</html>`, {
        status: 502,
        headers: { "content-type": "text/html" },
      }),
    ],
    ["a malformed 200 that echoes them", new Response(`Authorization: Bearer ${TOKEN}`, { status: 200 })],
    ["a network error", new TypeError("fetch failed")],
  ])("keeps the token out of the GraphError for %s", async (_, reply) => {
    const { fetch } = recordingFetch(reply);
    const client = createGraphLroClient({ fetch, token: () => TOKEN, retry: { maxRetries: 0 } });
    const error = await client.getUserAuthenticationOperation("u", "op").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    for (const text of everyRendering(error)) expect(text).not.toContain("SECRET-TOKEN");
  });

  it("refuses a token no header can carry before sending anything, without quoting it", async () => {
    const bad = `${TOKEN}\r\nx-injected: 1`;
    expect(() => createGraphLroClient({ token: bad })).toThrow(
      new InvalidArgumentError(
        "token",
        `token must be visible ASCII, no spaces or "Bearer ", got a string of ${bad.length} characters`,
      ),
    );
    const { fetch, requests } = recordingFetch();
    const { clock, delays } = recordingClock();
    for (const token of [() => bad, () => "", () => `Bearer ${TOKEN}`, () => undefined as unknown as string]) {
      const error = await createGraphLroClient({ fetch, clock, token })
        .getRoleManagementAlertOperation("op")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      for (const text of everyRendering(error)) expect(text).not.toContain("SECRET-TOKEN");
    }
    expect(requests).toEqual([]);
    expect(delays).toEqual([]);
  });

  it("refuses a token function's answer that is not a string, naming its type only", async () => {
    const { fetch, requests } = recordingFetch(json({ status: "running" }));
    const client = createGraphLroClient({ fetch, clock: recordingClock().clock, token: () => 42 as never });
    expect(await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e)).toEqual(
      new InvalidArgumentError("token", 'token must be visible ASCII, no spaces or "Bearer ", got number'),
    );
    expect(requests).toEqual([]);
  });

  it("drops a token's surrounding whitespace (a token read from a file ends with a newline)", async () => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch, token: async () => `  ${TOKEN}\n` }).getRoleManagementAlertOperation("op");
    await createGraphLroClient({ fetch, token: `${TOKEN}\r\n` }).getRoleManagementAlertOperation("op");
    expect(requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("keeps a raw call that asks to follow redirects from following them off Graph", async () => {
    const { fetch, requests } = recordingFetch(redirect(302, "https://evil.test/x"));
    const call = createGraphLroRawClient({ fetch, token: TOKEN }).GET(template("roleManagementAlert"), {
      params: { path: alert("op") },
      redirect: "follow",
    });
    await expect(call).rejects.toMatchObject({ code: "refusedRedirect" });
    expect(requests.map((r) => r.redirect)).toEqual(["manual"]);
  });

  it("refuses a redirect to a URL with credentials, even on the Graph origin, and never prints them", async () => {
    const target = new URL(operationUrl("roleManagementAlert", alert("moved")));
    target.username = "user";
    target.password = "pw";
    const { fetch, requests } = recordingFetch(redirect(302, target.href));
    const error = await createGraphLroClient({ fetch, token: TOKEN })
      .getRoleManagementAlertOperation("op")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "refusedRedirect",
      message: expect.stringMatching(/with credentials was not followed$/),
    });
    expect(requests).toHaveLength(1);
    for (const text of everyRendering(error)) expect(text).not.toContain("pw@");
  });

  it("refuses a redirect to a URL with only a user name", async () => {
    const target = new URL(operationUrl("roleManagementAlert", alert("moved")));
    target.username = "user";
    const { fetch, requests } = recordingFetch(redirect(302, target.href), json({ status: "running" }));
    const error = await createGraphLroClient({ fetch })
      .getRoleManagementAlertOperation("op")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "refusedRedirect" });
    expect(requests).toHaveLength(1);
  });

  it("keeps the token out of the request-id a successful call returns", async () => {
    const { fetch } = recordingFetch(json({ status: "running" }, { headers: { "request-id": `echo ${TOKEN}` } }));
    const result = await createGraphLroClient({ fetch, token: TOKEN }).getRoleManagementAlertOperation("op");
    expect(result.requestId).toBe("echo [redacted]");
  });

  it("keeps the token out of the client itself when printed", () => {
    const client = createGraphLroClient({ token: TOKEN });
    expect(inspect(client, { depth: 10 })).not.toContain("SECRET-TOKEN");
    expect(JSON.stringify(client)).not.toContain("SECRET-TOKEN");
  });

  it("never prints credentials of a URL", () => {
    const url = operationUrl("roleManagementAlert", alert("x"));
    const withCredentials = new URL(url);
    withCredentials.username = "user";
    withCredentials.password = "pw";
    const error = new GraphError({ status: 500, code: "x", message: "m", method: "GET", url: withCredentials.href });
    expect(error.url).toBe(url);
    for (const text of everyRendering(error)) expect(text).not.toContain("pw@");
  });
});

describe("what the client takes as a redirect", () => {
  const located = (status: number) =>
    new Response("{}", { status, headers: { location: operationUrl("roleManagementAlert", alert("elsewhere")) } });

  it("returns a 2xx or 4xx answer that carries a Location as it is", async () => {
    for (const status of [200, 400]) {
      const { fetch, requests } = recordingFetch(located(status));
      const { response } = await createGraphLroRawClient({ fetch }).GET(template("roleManagementAlert"), {
        params: { path: alert("op") },
      });
      expect([response.status, requests.length]).toEqual([status, 1]);
    }
  });

  it("follows a 300 with a Location", async () => {
    const { fetch, requests } = recordingFetch(located(300), json({ status: "running" }));
    await createGraphLroClient({ fetch }).getRoleManagementAlertOperation("op");
    expect(requests.map((r) => r.url)).toEqual([
      operationUrl("roleManagementAlert", alert("op")),
      operationUrl("roleManagementAlert", alert("elsewhere")),
    ]);
  });

  it("returns a 3xx without Location as an answer, not as a refused redirect", async () => {
    const { fetch } = recordingFetch(new Response(null, { status: 304 }));
    const error = await createGraphLroClient({ fetch })
      .getRoleManagementAlertOperation("op")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 304, code: "httpError" });
  });
});

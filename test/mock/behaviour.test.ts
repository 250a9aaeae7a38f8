import { inspect } from "node:util";
import { http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  builtInStories,
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  type OpenApiDocument,
  UnhandledRequestError,
} from "../../src/mock/index.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";

type Body = Record<string, unknown>;
const succeeded = (operation: SpecOperation) =>
  operation.examples.map((e) => e.value as Body).find((v) => v.status === "succeeded") as Body;

describe.each(Object.keys(routes))("%s", (operationId) => {
  const client = (options: Parameters<typeof createGraphLroHandlers>[0] = {}, token?: string) =>
    bareClient(createMockFetch(createGraphLroHandlers(options)), token);
  // Read per test, so that what the mock does to read the spec is part of each test (decision 0023b).
  let operation: SpecOperation;
  let example: Body;
  beforeEach(() => {
    operation = specOperations(spec as unknown as OpenApiDocument).find(
      (o) => o.operationId === operationId,
    ) as SpecOperation;
    example = succeeded(operation);
  });

  describe("$select", () => {
    it.each(["$select", "select"])(
      "%s returns only the selected properties and the OData annotations",
      async (name) => {
        const { data } = await getOperation(client(), operation, example.id as string, {
          query: { [name]: ["status", "resourceLocation"] },
        });
        const annotations = Object.keys(example).filter((k) => k.startsWith("@odata."));
        expect(Object.keys(data as Body).sort()).toEqual([...annotations, "resourceLocation", "status"].sort());
        expect(data).toMatchObject({ status: example.status, resourceLocation: example.resourceLocation });
      },
    );

    it("answers an unknown property with Graph's 400 BadRequest message", async () => {
      const { error, response } = await getOperation(client(), operation, example.id as string, {
        query: { $select: ["status", "x-graph-lro-test-percent"] },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({
        error: {
          code: "BadRequest",
          message:
            "Parsing OData Select and Expand failed: Could not find a property named 'x-graph-lro-test-percent' on type 'microsoft.graph.longRunningOperation'.",
        },
      });
    });

    it("answers $select given twice with 400", async () => {
      const { response } = await getOperation(client(), operation, example.id as string, {
        query: { $select: ["status"], select: ["id"] },
      });
      expect(response.status).toBe(400);
    });
  });

  describe("stories", () => {
    const play = async (
      story: Parameters<typeof createGraphLroHandlers>[0],
      id: string,
      count: number,
      headers = {},
    ) => {
      const c = client(story);
      const seen: string[] = [];
      for (let i = 0; i < count; i++) {
        const { data, error, response } = await getOperation(c, operation, id, { headers });
        const retryAfter = response.headers.get("Retry-After");
        const what = response.ok ? (data as Body).status : (error as { error: { code: string } }).error.code;
        seen.push(`${response.status} ${what}${retryAfter ? ` RA=${retryAfter}` : ""}`);
        if (response.ok) expect((data as Body).id).toBe(id);
      }
      return seen;
    };

    it("plays progress: notStarted, running with Retry-After 2, running, succeeded with a resourceLocation", async () => {
      const seen = await play({ stories: { "op-1": "progress" } }, "op-1", 5);
      expect(seen).toEqual(["200 notStarted", "200 running RA=2", "200 running", "200 succeeded", "200 succeeded"]);
    });

    it("plays failed, ending with the spec's statusDetail", async () => {
      const c = client({ stories: { f: "failed" } });
      for (let i = 0; i < 2; i++) await getOperation(c, operation, "f");
      const { data } = await getOperation(c, operation, "f");
      const failedExample = operation.examples.map((e) => e.value as Body).find((v) => v.status === "failed");
      expect(data).toMatchObject({ status: "failed", statusDetail: failedExample?.statusDetail });
    });

    it("plays throttled, unavailable, unknownFutureValue, chosen per request with Prefer", async () => {
      expect(await play({}, "t", 2, { Prefer: "story=throttled" })).toEqual([
        "429 TooManyRequests RA=1",
        "200 succeeded",
      ]);
      expect(await play({}, "u", 2, { Prefer: "story=unavailable" })).toEqual([
        "503 serviceNotAvailable RA=1",
        "200 succeeded",
      ]);
      expect(await play({}, "n", 4, { Prefer: 'respond-async, story="unknownFutureValue"' })).toEqual([
        "200 running",
        "200 unknownFutureValue",
        "200 unknownFutureValue",
        "200 succeeded",
      ]);
    });

    it("keeps separate progress per operation id, and starts over on reset()", async () => {
      const handlers = createGraphLroHandlers({ stories: { a: "progress", b: "progress" } });
      const c = bareClient(createMockFetch(handlers));
      const status = async (id: string) => ((await getOperation(c, operation, id)).data as Body).status;
      expect([await status("a"), await status("a"), await status("b")]).toEqual([
        "notStarted",
        "running",
        "notStarted",
      ]);
      handlers.reset();
      expect(await status("a")).toBe("notStarted");
    });

    it("plays a story of one's own from the typed builder", async () => {
      const story = defineStory()
        .operation("running", { retryAfter: 7, set: { statusDetail: "half way" } })
        .error(404)
        .operation("succeeded")
        .build();
      expect(await play({ stories: { mine: story } }, "mine", 3)).toEqual([
        "200 running RA=7",
        "404 itemNotFound",
        "200 succeeded",
      ]);
    });

    it.each(["nope", "toString", "__proto__"])(
      "answers Prefer: story=%s, which is no story, with a 400 naming the built-in ones",
      async (name) => {
        const c = bareClient(createMockFetch(createGraphLroHandlers()));
        const { response, error } = await getOperation(c, operation, "x", { headers: { Prefer: `story=${name}` } });
        expect(response.status).toBe(400);
        expect(error).toMatchObject({
          error: {
            message: `graph-lro mock: unknown story "${name}"; built-in stories: ${Object.keys(builtInStories).join(", ")}`,
          },
        });
      },
    );

    it("refuses an unknown story name in the stories option when the handlers are made", () => {
      expect(() => createGraphLroHandlers({ stories: { x: "nope" as never } })).toThrow('unknown story "nope"');
    });

    it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
      "treats the id %s as an id, not as a key of the stories option",
      async (id) => {
        const c = bareClient(createMockFetch(createGraphLroHandlers({ stories: {} })));
        expect((await getOperation(c, operation, id)).response.status).toBe(404);
      },
    );
  });

  describe("auth", () => {
    let id: string;
    beforeEach(() => {
      id = example.id as string;
    });
    it("answers 401 to a token that is not Bearer", async () => {
      const fetch = createMockFetch(createGraphLroHandlers());
      const c = bareClient(fetch);
      const { response, error } = await getOperation(c, operation, id, { headers: { Authorization: "Basic dTpw" } });
      expect(response.status).toBe(401);
      expect(error).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
    });

    it("answers 403 to a token marked as lacking the operation's scope, 200 to one that has it", async () => {
      const [leastPrivileged] = operation.scopes;
      const lacking = await getOperation(client({}, "scopes=User.Read"), operation, id);
      expect(lacking.response.status).toBe(403);
      expect(lacking.error).toMatchObject({ error: { code: "Authorization_RequestDenied" } });
      for (const scope of operation.scopes) {
        expect((await getOperation(client({}, `scopes=User.Read,${scope}`), operation, id)).response.status).toBe(200);
      }
      expect(leastPrivileged).toBeDefined();
    });
  });
});

describe("a request no handler matches", () => {
  const root = spec.servers[0].url;
  const auth = { headers: { Authorization: "Bearer t", "client-request-id": "c-1" } };

  it("gets Graph's 400 naming the unknown segment under a Graph root, with ids that agree", async () => {
    const fetch = createMockFetch(createGraphLroHandlers({ now: () => Date.UTC(2024, 0, 2, 3, 4, 5) }));
    // The spec's first path with its last fixed segment mistyped: `.../operationz/x`.
    const segments = (Object.keys(spec.paths)[0] as string).split("/");
    const mistyped = `${segments.at(-2)}z`;
    const response = await fetch(`${root}${[...segments.slice(0, -2), mistyped, "x"].join("/")}`, auth);
    const body = (await response.json()) as { error: { code: string; message: string; innerError: object } };
    expect(response.status).toBe(400);
    expect(body.error).toEqual({
      code: "BadRequest",
      message: `Resource not found for the segment '${mistyped}'.`,
      innerError: {
        date: "2024-01-02T03:04:05",
        "request-id": response.headers.get("request-id"),
        "client-request-id": "c-1",
      },
    });
  });

  it("reads the path in any case, as its handlers match one: the unknown segment named, under a root in capitals too", async () => {
    const fetch = createMockFetch(createGraphLroHandlers());
    const segments = (Object.keys(spec.paths)[0] as string).split("/");
    const mistyped = `${segments.at(-2)}z`.toUpperCase();
    const path = [...segments.slice(0, -2), mistyped, "x"].join("/").toUpperCase();
    const { origin, pathname } = new URL(root);
    // Its handlers answer the spec's paths in capitals (msw's matching): the paths beside them are Graph's too.
    const served = `${origin}${pathname.toUpperCase()}${segments
      .join("/")
      .toUpperCase()
      .replace(/\{[^}]+\}/g, "x")}`;
    expect((await fetch(served, auth)).status).toBe(404);
    for (const url of [`${root}${path}`, `${origin}${pathname.toUpperCase()}${path}`]) {
      const response = await fetch(url, auth);
      const body = (await response.json()) as { error: { message: string } };
      expect([url, response.status, body.error.message]).toEqual([
        url,
        400,
        `Resource not found for the segment '${mistyped}'.`,
      ]);
    }
  });

  it("answers a spec path's beginning, such as an operations collection, with the mock's 404 naming the spec's paths", async () => {
    const fetch = createMockFetch(createGraphLroHandlers());
    for (const operation of Object.values(routes)) {
      // The operation's path without its last (id) segment: Graph lists the operations there; the spec has no such operation.
      const collection = operation.path.replace(/\/[^/]+$/, "").replace(/\{[^}]+\}/g, "a");
      const response = await fetch(`${root}${collection}`, auth);
      const { code, message } = ((await response.json()) as { error: { code: string; message: string } }).error;
      expect([response.status, code], collection).toEqual([404, "NotFound"]);
      expect(message).toContain(operation.path);
    }
  });

  it("answers so on every root of the handlers, also when they are spread into a list with handlers of one's own", async () => {
    const handlers = createGraphLroHandlers({ baseUrls: ["https://graph.microsoft.us/beta"] });
    const mine = http.get("https://example.test/me", () => new Response("mine"));
    const fetch = createMockFetch([mine, ...handlers]);
    expect(await (await fetch("https://example.test/me")).text()).toBe("mine");
    expect((await fetch("https://graph.microsoft.us/beta/nowhere", auth)).status).toBe(400);
    // The spec's other roots are not this set's: no Graph answers there.
    await expect(fetch(`${root}/nowhere`, auth)).rejects.toBeInstanceOf(UnhandledRequestError);
  });

  it("rejects with UnhandledRequestError, naming it, outside every Graph root or when the test asked to be told", async () => {
    const handlers = createGraphLroHandlers();
    for (const [fetch, url] of [
      [createMockFetch(handlers), "https://example.test/beta/nowhere"],
      [createMockFetch(handlers), `${new URL(root).origin}/v1.0/nowhere`],
      [createMockFetch(handlers, { onViolation: "throw" }), `${root}/nowhere`],
    ] as const) {
      const error = await fetch(url, auth).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnhandledRequestError);
      expect((error as Error).message).toBe(`graph-lro mock: no handler for GET ${url}`);
      // Not a network error (a TypeError), which the client would retry: it is a bug to report at once.
      expect(error).not.toBeInstanceOf(TypeError);
    }
  });
});

it("keeps only the method and the URL on UnhandledRequestError, never the request with its token", async () => {
  const fetch = createMockFetch(createGraphLroHandlers(), { onViolation: "throw" });
  const secret = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret";
  const url = `${spec.servers[0].url}/nowhere?x=1`;
  const error = (await fetch(url, { headers: { Authorization: `Bearer ${secret}` } }).catch((e: unknown) => e)) as
    | UnhandledRequestError
    | undefined;
  expect(error).toBeInstanceOf(UnhandledRequestError);
  expect({ method: error?.method, url: error?.url }).toEqual({ method: "GET", url });
  expect(Object.values(error ?? {}).some((value) => value instanceof Request)).toBe(false);
  const shown = `${inspect(error, { depth: 5, showHidden: true })} ${JSON.stringify(error)} ${error?.stack}`;
  expect(shown).not.toContain(secret);
  // A URL given to the error directly loses its credentials too.
  expect(new UnhandledRequestError("GET", "https://user:password@x.test/a").url).toBe("https://x.test/a");
});

describe("the spec's security decides what auth the mock asks for", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the test edits the spec data freely.
  const edited = (edit: (doc: any, operation: any) => void) => {
    const doc = structuredClone(spec) as unknown as OpenApiDocument;
    for (const item of Object.values(doc.paths)) if (item.get) edit(doc, item.get);
    return createMockFetch(createGraphLroHandlers({ spec: doc }));
  };
  const [route] = Object.values(routes);
  const url = `${spec.servers[0].url}${route?.path.replace(/\{[^}]+\}/g, "x")}`;

  it("needs no Authorization for an operation whose security is empty", async () => {
    const fetch = edited((_, get) => {
      get.security = [];
    });
    expect((await fetch(url)).status).toBe(404);
  });

  it("takes the document's security for an operation that declares none", async () => {
    const fetch = edited((doc, get) => {
      doc.security = [{ oauth: ["Custom.Read"] }];
      delete get.security;
      delete get["x-ms-permissions"];
    });
    const status = async (token: string) =>
      (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status;
    expect(await status("scopes=Custom.Read")).toBe(404);
    expect(await status("scopes=Other.Read")).toBe(403);
    expect((await fetch(url)).status).toBe(401);
  });
});

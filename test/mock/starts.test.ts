// The starts in the mock: each POST of the spec answers 202 with a Location on the mock's origin for a fresh
// operation, whose GETs play a story; bodies are checked against the spec (bounded), and auth is as for a GET.
import { describe, expect, it } from "vitest";
import { starts } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroClient,
  OperationFailedError,
  OutcomeUnknownError,
  type StartName,
  startOperation,
  waitForOperation,
} from "../../src/index.ts";
import { MAX_START_BODY_BYTES } from "../../src/mock/answer-start.ts";
import {
  builtInStories,
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  type MockCall,
  type MockExchange,
  type OpenApiDocument,
  startMockServer,
} from "../../src/mock/index.ts";
import { recordingClock } from "../support/recording-fetch.ts";
import { GRAPH_ROOT, LOCATION_QUERY, template } from "../support/spec-urls.ts";

type Json = Record<string, unknown>;
const NAMES = Object.keys(starts) as StartName[];
const PASSWORD = "x-graph-lro-test-Pa55word!";
const TOKEN = "scopes=RoleManagementAlert.ReadWrite.Directory,UserAuthenticationMethod.ReadWrite.All";
const postOf = (name: StartName) =>
  (spec.paths as unknown as Record<string, Record<string, Json>>)[starts[name].path]?.post as Json;

/** A start's input: an id for each path field, and its request body's first example from the spec. */
function inputOf(name: StartName): Json {
  const ids = Object.fromEntries(Object.values(starts[name].fields).map((field) => [field, `${field}-1`]));
  const content = (postOf(name).requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const example = Object.values((content?.["application/json"]?.examples ?? {}) as Record<string, Json>)[0];
  return { ...ids, ...(example?.value as Json | undefined) };
}

/** The start's URL on the mock, for raw requests. */
const urlOf = (name: StartName) =>
  `${GRAPH_ROOT}${Object.entries(starts[name].fields).reduce(
    (path, [param, field]) => path.replace(`{${param}}`, `${field}-1`),
    starts[name].path as string,
  )}`;

function setup(options: Parameters<typeof createGraphLroHandlers>[0] = {}) {
  const handlers = createGraphLroHandlers(options);
  const fetch = createMockFetch(handlers);
  const { clock, delays } = recordingClock();
  const client = createGraphLroClient({ fetch, clock, token: TOKEN });
  const post = (name: StartName, body?: BodyInit | null, headers: Record<string, string> = {}) =>
    fetch(urlOf(name), {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
      body: body ?? null,
      // A stream body needs it (Node's fetch).
      ...(body instanceof ReadableStream && { duplex: "half" }),
    } as RequestInit);
  return { handlers, fetch, client, delays, post };
}

describe.each(NAMES)("the mock's %s", (name) => {
  it("answers 202 with a fresh operation on the mock's origin, whose GETs play progress to succeeded", async () => {
    const { client, handlers } = setup();
    const first = await startOperation(client, name, inputOf(name) as never);
    const second = await startOperation(client, name, inputOf(name) as never);
    expect(first.status).toBe(202);
    expect(first.location.startsWith(`${GRAPH_ROOT}/`)).toBe(true);
    expect(first.ref.kind).toBe(starts[name].polledBy);
    expect((first.ref as { operationId: string }).operationId).not.toBe(
      (second.ref as { operationId: string }).operationId,
    );
    const states: string[] = [];
    const done = await waitForOperation(client, first, { onProgress: (op) => op && states.push(op.status) });
    expect(done.status).toBe("succeeded");
    expect(states).toEqual(["notStarted", "running", "running", "succeeded"]);
    expect(handlers.violations).toEqual([]);
    const row = handlers
      .coverage()
      .responses.find((r) => r.operationId === starts[name].operationId && r.status === "202");
    expect(row?.served).toBe(2);
  });

  it("plays the story a POST asks for with Prefer: story=, else the starts option's", async () => {
    const { client } = setup({ starts: { [name]: defineStory().operation("failed").build() } });
    await expect(waitForOperation(client, await startOperation(client, name, inputOf(name) as never))).rejects.toThrow(
      OperationFailedError,
    );
    // A story's steps before its first operation step are the POST's own; its GETs play the rest.
    const firstPoll = defineStory().operation("notStarted").error(429, { retryAfter: 3 }).operation("running").build();
    const { post, fetch } = setup({ starts: { [name]: "failed" }, stories: { firstPoll } });
    const asked = await post(name, JSON.stringify(inputBody(name)), { prefer: "story=firstPoll" });
    expect(asked.status).toBe(202);
    const location = asked.headers.get("location") as string;
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const polls = [];
    for (let i = 0; i < 4; i++) {
      const answer = await fetch(location, auth);
      polls.push([
        answer.status,
        answer.headers.get("retry-after"),
        answer.ok && ((await answer.json()) as Json).status,
      ]);
    }
    expect(polls).toEqual([
      [200, null, "notStarted"],
      [429, "3", false],
      [200, null, "running"],
      [200, null, "running"],
    ]);
    // Another handler set does not know the operation: a story belongs to the handlers that started it.
    expect((await setup().fetch(location, auth)).status).toBe(404);
  });

  it("answers the POST itself with a story's leading errors: a 429, then the 202 of an operation playing the rest", async () => {
    const { client, handlers, delays } = setup({ starts: { [name]: "throttled" } });
    const retries: number[] = [];
    const started = await startOperation(client, name, inputOf(name) as never, {
      onRetry: (retry) => retries.push(retry.status ?? 0),
    });
    expect(started.status).toBe(202);
    expect(retries).toEqual([429]);
    expect(delays).toEqual([1000]);
    expect((await waitForOperation(client, started)).status).toBe("succeeded");
    expect(handlers.violations).toEqual([]);
    const served = (status: string) =>
      handlers.coverage().responses.find((r) => r.operationId === starts[name].operationId && r.status === status)
        ?.served;
    expect([served("429"), served("202")]).toEqual([1, 1]);
    expect(handlers.coverage().stories.find((s) => s.name === "throttled")?.served).toBe(2);
    // Once past its errors, the story starts a fresh operation for every POST of the same ids.
    expect((await startOperation(client, name, inputOf(name) as never)).status).toBe(202);
  });

  it("a 503 on the POST: OutcomeUnknownError naming the request id, sent once, and coverage counts the 503", async () => {
    const { handlers, fetch } = setup({ starts: { [name]: "unavailable" } });
    const ids: string[] = [];
    const counting = createGraphLroClient({
      token: TOKEN,
      fetch: async (request: Request) => {
        const answer = await fetch(request);
        ids.push(answer.headers.get("request-id") ?? "");
        return answer;
      },
    });
    const error = await startOperation(counting, name, inputOf(name) as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(ids).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, requestId: ids[0] });
    expect((error as Error).message).toContain(ids[0]);
    const row = handlers
      .coverage()
      .responses.find((r) => r.operationId === starts[name].operationId && r.status === "503");
    expect(row?.served).toBe(1);
    expect(handlers.violations).toEqual([]);
  });

  it("a story of errors only answers every POST with them and starts nothing: 401 with Graph's challenge, 403", async () => {
    const { post, handlers } = setup();
    for (const [story, status] of [
      ["unauthorized", 401],
      ["forbidden", 403],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const answer = await post(name, JSON.stringify(inputBody(name)), { prefer: `story=${story}` });
        expect([answer.status, answer.headers.get("location")]).toEqual([status, null]);
        if (status === 401) expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer /);
      }
    }
    // Answers the spec declares, as Graph sends them: no violation (the token was there).
    expect(handlers.violations).toEqual([]);
  });

  it("answers a POST asking for an unknown story with 400 naming the stories it has, its own key's story it plays", async () => {
    const unknown = "x-graph-lro-test-nope";
    const messageOf = async (answer: Response) => {
      expect(answer.status).toBe(400);
      return ((await answer.json()) as { error: { message: string } }).error.message;
    };
    const plain = await messageOf(
      await setup().post(name, JSON.stringify(inputBody(name)), { prefer: `story=${unknown}` }),
    );
    expect(plain).toContain(`unknown story "${unknown}"; built-in stories: ${Object.keys(builtInStories).join(", ")}`);
    expect(plain).not.toContain("a key of the mock's stories");
    const own = setup({ stories: { mine: defineStory().operation("failed").build() } });
    const ownMessage = await messageOf(
      await own.post(name, JSON.stringify(inputBody(name)), { prefer: `story=${unknown}` }),
    );
    expect(ownMessage).toContain(", or a key of the mock's stories");
    const mine = await own.post(name, JSON.stringify(inputBody(name)), { prefer: "story=mine" });
    expect(mine.status).toBe(202);
    const polled = await own.fetch(mine.headers.get("location") as string, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(((await polled.json()) as { status: string }).status).toBe("failed");
  });

  it("tells onRequest of each POST: the start's operationId and its path ids", async () => {
    const calls: MockCall[] = [];
    const { post } = setup({ onRequest: (call) => calls.push(call) });
    await post(name, JSON.stringify(inputBody(name)));
    const ids = Object.fromEntries(Object.entries(starts[name].fields).map(([param, field]) => [param, `${field}-1`]));
    expect(calls.map((c) => [c.operationId, c.parameters])).toEqual([[starts[name].operationId, ids]]);
  });

  it("names the body itself (`/`) when a JSON body is not an object", async () => {
    const { post, handlers } = setup();
    const answer = await post(name, "[]");
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
      /^The request body is invalid: \/ /,
    );
    expect(handlers.violations.map((v) => [v.subject, v.pointer])).toEqual([["request body", "/"]]);
  });

  it("forgets the operations it started on reset(), as it starts every story over", async () => {
    const { post, fetch, handlers } = setup();
    const location = (await post(name, JSON.stringify(inputBody(name)))).headers.get("location") as string;
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    expect((await fetch(location, auth)).status).toBe(200);
    handlers.reset();
    expect((await fetch(location, auth)).status).toBe(404);
  });

  it("answers Graph's 401 without a token and 403 without the scope, as for a GET", async () => {
    const { fetch, handlers } = setup();
    const body = JSON.stringify(inputBody(name));
    const init = { method: "POST", body, headers: { "content-type": "application/json" } };
    const missing = await fetch(urlOf(name), init);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const forbidden = await fetch(urlOf(name), {
      ...init,
      headers: { ...init.headers, authorization: "Bearer scopes=Other.Read" },
    });
    expect(forbidden.status).toBe(403);
    const get = await fetch(urlOf(name), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(
      handlers
        .coverage()
        .responses.filter((r) => r.operationId === starts[name].operationId && r.served > 0)
        .map((r) => r.status),
    ).toEqual(expect.arrayContaining(["401", "403"]));
  });

  it("records nothing when not strict, as for a GET: a POST without a token gets its 401 and no violation", async () => {
    const { fetch, handlers } = setup({ strict: false });
    const init = {
      method: "POST",
      body: JSON.stringify(inputBody(name)),
      headers: { "content-type": "application/json" },
    };
    expect((await fetch(urlOf(name), init)).status).toBe(401);
    expect(handlers.violations).toEqual([]);
  });

  it("refuses a body that is no JSON object with Graph's 400, and strict mode records it", async () => {
    const { post, handlers } = setup();
    const answer = await post(name, "[1,");
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BadRequest");
    expect(handlers.violations.map((v) => v.subject)).toEqual(["request body"]);
  });

  it("reads no more than MAX_START_BODY_BYTES of an endless body", async () => {
    const { post } = setup();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16_384).fill(32));
      },
    });
    const answer = await post(name, endless);
    expect(answer.status).toBe(400);
    expect(pulled * 16_384).toBeLessThanOrEqual(MAX_START_BODY_BYTES + 4 * 16_384);
  });
});

/** The body the start sends for inputOf(name). */
const inputBody = (name: StartName) =>
  Object.fromEntries(starts[name].body.flatMap((key) => (key in inputOf(name) ? [[key, inputOf(name)[key]]] : [])));

describe("bodies against the spec", () => {
  const required = NAMES.find((name) => starts[name].bodyRequired) as StartName;
  const secret = NAMES.find((name) => starts[name].secrets.length > 0) as StartName;

  it("refuses a body without a required property, and one with a parameter the action lacks", async () => {
    const { post, handlers } = setup();
    expect((await post(required, "{}")).status).toBe(400);
    expect((await post(required, JSON.stringify({ ...inputBody(required), "x-graph-lro-test-extra": 1 }))).status).toBe(
      400,
    );
    expect((await post(required, null)).status).toBe(400);
    expect(handlers.violations).toHaveLength(3);
    // Not strict: the same answers on the wire, nothing recorded.
    const lax = setup({ strict: false });
    expect((await lax.post(required, "{}")).status).toBe(400);
    expect(lax.handlers.violations).toEqual([]);
  });

  it("points at an unknown parameter with a JSON Pointer escaped as RFC 6901 says", async () => {
    const { post, handlers } = setup();
    expect((await post(required, JSON.stringify({ ...inputBody(required), "x-graph-lro-test/a~b": 1 }))).status).toBe(
      400,
    );
    expect(handlers.violations.map((v) => v.pointer)).toEqual(["/x-graph-lro-test~1a~0b"]);
  });

  it("never quotes a secret property's value in a violation", async () => {
    const { post, handlers } = setup();
    const field = starts[secret].secrets[0] as string;
    expect((await post(secret, JSON.stringify({ [field]: [PASSWORD] }))).status).toBe(400);
    expect(handlers.violations).toHaveLength(1);
    expect(JSON.stringify(handlers.violations.map((v) => [v.message, v.value]))).not.toContain(PASSWORD);
  });

  it("returns a generated secret only when the request gave none, and Graph's routing query in the Location", async () => {
    const { client } = setup();
    const field = starts[secret].secrets[0] as string;
    const given = await startOperation(client, secret, { ...inputOf(secret), [field]: PASSWORD } as never);
    const generated = await startOperation(client, secret, { ...inputOf(secret), [field]: undefined } as never);
    expect(given.body?.[field as never]).toBeUndefined();
    expect(typeof generated.body?.[field as never]).toBe("string");
    if (starts[secret].polledBy === "userAuthentication") expect(given.location).toContain(`?${LOCATION_QUERY}`);
  });
});

it("over HTTP too: a POST asking for story=throttled gets its 429, logged as the story's step, then a 202", async () => {
  const name = NAMES[0] as StartName;
  const exchanges: MockExchange[] = [];
  const server = await startMockServer({ port: 0, onExchange: (exchange) => exchanges.push(exchange) });
  try {
    const url = urlOf(name).replace(GRAPH_ROOT, server.url);
    const init = {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", prefer: "story=throttled" },
      body: JSON.stringify(inputBody(name)),
    };
    const throttled = await fetch(url, init);
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "1"]);
    const accepted = await fetch(url, init);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get("location")?.startsWith(`${server.url}/`)).toBe(true);
    expect(exchanges.map((e) => [e.status, e.story])).toEqual([
      [429, { name: "throttled", step: 1, steps: 2 }],
      [202, undefined],
    ]);
  } finally {
    await server.close();
  }
});

it("finds the operation a start set going whatever order its GET's path parameters are listed in", async () => {
  // A spec may list `{longRunningOperation-id}` before `{user-id}` (a path-level parameter, say, before the
  // operation's own): the GET's ids, named in the template's order, must still find the started operation.
  const polled = NAMES.filter((name) => (template(starts[name].polledBy).match(/\{/g) ?? []).length > 1);
  expect(polled.length).toBeGreaterThan(0);
  for (const name of polled) {
    const doc = structuredClone(spec) as unknown as { paths: Record<string, { parameters?: unknown[] }> };
    const item = doc.paths[template(starts[name].polledBy)] as { parameters?: unknown[] };
    item.parameters = [...(item.parameters ?? [])].reverse();
    const { client, handlers } = setup({ spec: doc as unknown as OpenApiDocument });
    const started = await startOperation(client, name, inputOf(name) as never);
    await expect(waitForOperation(client, started)).resolves.toMatchObject({ status: "succeeded" });
    expect(handlers.violations).toEqual([]);
  }
});

it("refuses a starts option that names no start, or an unknown story", () => {
  expect(() => createGraphLroHandlers({ starts: { "x-graph-lro-test-start": "progress" } })).toThrow(
    /no start of the spec/,
  );
  expect(() => createGraphLroHandlers({ starts: { [NAMES[0] as string]: "x-graph-lro-test-story" as never } })).toThrow(
    /unknown story/,
  );
  void (spec as unknown as OpenApiDocument);
});

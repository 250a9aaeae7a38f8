// Graph's evolvable enums end to end: a status member after unknownFutureValue reaches only a request with
// `Prefer: include-unknown-enum-members`; others get unknownFutureValue. The spec gains such a member here
// (a reserved name), in a copy of the bundled spec given to the mock, so the test holds whatever the spec lists.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import { createGraphLroClient, waitForOperation } from "../../src/index.ts";
import { checkResponse } from "../../src/mock/check-response.ts";
import {
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  type MockServer,
  type OpenApiDocument,
  startMockServer,
} from "../../src/mock/index.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { ENUM_SENTINEL, INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../src/openapi/evolvable-enum.ts";
import { graphLro } from "../cli/in-process.ts";

const MEMBER = `${TEST_PREFIX}paused`;
type Json = Record<string, unknown>;

/** The bundled spec with MEMBER after the sentinel of every evolvable enum, and an example of it per operation. */
function withMember(): OpenApiDocument {
  const doc = structuredClone(spec) as unknown as Json;
  const visit = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    const record = node as Json;
    if (Array.isArray(record.enum) && record.enum.includes(ENUM_SENTINEL)) record.enum.push(MEMBER);
    for (const child of Object.values(record)) visit(child);
  };
  visit(doc);
  // The GETs: the POSTs start operations and have no 200.
  for (const item of Object.values(doc.paths as Record<string, Json>).filter((item) => item.get)) {
    const media = ((item.get as Json).responses as Json)["200"] as { content: Record<string, Json> };
    const examples = media.content["application/json"]?.examples as Record<string, { value: Json }>;
    const [first] = Object.values(examples);
    examples[MEMBER] = { value: { ...first?.value, id: `${MEMBER}-${Object.keys(examples).length}`, status: MEMBER } };
  }
  return doc as unknown as OpenApiDocument;
}

const doc = withMember();
// The mock's view of the spec is read inside each test, so that what it does is part of the test (decision 0023b).
const operationOf = (operationId: string) =>
  specOperations(doc).find((o) => o.operationId === operationId) as SpecOperation;
const ASK = { Prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
const memberExampleId = (operation: SpecOperation) =>
  String((operation.examples.find((e) => (e.value as Json).status === MEMBER)?.value as Json | undefined)?.id);
const [firstOperationId] = Object.keys(routes) as (keyof typeof routes)[];

describe.each(Object.keys(routes) as (keyof typeof routes)[])("%s", (operationId) => {
  const route = routes[operationId];
  const url = (id: string) =>
    `https://graph.microsoft.com/beta${route.path.replace(/\{[^{}]+\}$/, id).replace(/\{[^{}]+\}/g, "u")}`;

  it("answers the member as unknownFutureValue unless the request asks for it, by example and by story", async () => {
    const exampleId = memberExampleId(operationOf(operationId));
    const handlers = createGraphLroHandlers({
      spec: doc,
      stories: { s: defineStory().operation(MEMBER, { unlisted: true }).build() },
    });
    const fetch = createMockFetch(handlers);
    const get = async (id: string, headers: Record<string, string> = {}) =>
      (await (await fetch(new Request(url(id), { headers: { Authorization: "Bearer t", ...headers } }))).json()).status;
    expect(await get(exampleId)).toBe(ENUM_SENTINEL);
    expect(await get(exampleId, ASK)).toBe(MEMBER);
    expect(await get("s")).toBe(ENUM_SENTINEL);
    // Among other preferences, in any case.
    expect(await get("s", { Prefer: `respond-async, ${INCLUDE_UNKNOWN_ENUM_MEMBERS.toUpperCase()}` })).toBe(MEMBER);
    expect(handlers.violations).toEqual([]);
  });

  it("strict mode flags the member in an answer to a request that did not ask", () => {
    const operation = operationOf(operationId);
    const validate = createSchemaValidator();
    const response = { status: 200, body: { id: "x", status: MEMBER } };
    const found = checkResponse(operation, response, validate, false);
    expect(found.map((v) => [v.pointer, v.problem])).toEqual([
      ["/status", `is sent only to a request with Prefer: ${INCLUDE_UNKNOWN_ENUM_MEMBERS}`],
    ]);
    expect(checkResponse(operation, response, validate, true)).toEqual([]);
    expect(checkResponse(operation, { status: 200, body: { status: ENUM_SENTINEL } }, validate, false)).toEqual([]);
  });
});

describe("the client's includeUnknownEnumMembers", () => {
  const route = routes[firstOperationId as keyof typeof routes];
  const ref = { kind: route.kind, operationId: "s", userId: "u" } as never;
  const handlers = () =>
    createGraphLroHandlers({
      spec: doc,
      stories: { s: defineStory().operation(MEMBER, { unlisted: true }).operation("succeeded").build() },
    });

  it("sends Prefer: include-unknown-enum-members only when true, and receives the member only then", async () => {
    for (const [option, expected] of [
      [undefined, ENUM_SENTINEL],
      [false, ENUM_SENTINEL],
      [true, MEMBER],
    ] as const) {
      const prefer: (string | null)[] = [];
      const mock = createMockFetch(handlers());
      const fetch = (request: Request) => {
        prefer.push(request.headers.get("prefer"));
        return mock(request);
      };
      const client = createGraphLroClient({ fetch, token: "t", includeUnknownEnumMembers: option });
      expect((await client.getOperation(ref)).operation.status, String(option)).toBe(expected);
      expect(prefer).toEqual([option ? INCLUDE_UNKNOWN_ENUM_MEMBERS : null]);
    }
  });

  it("refuses a value that is not a boolean, naming the option", () => {
    expect(() => createGraphLroClient({ includeUnknownEnumMembers: "yes" as never })).toThrow(
      expect.objectContaining({ name: "InvalidArgumentError", argument: "includeUnknownEnumMembers" }),
    );
  });

  it("the poller waits past the member (not in x-terminal-values) to a terminal status", async () => {
    const client = createGraphLroClient({
      fetch: createMockFetch(handlers()),
      token: "t",
      includeUnknownEnumMembers: true,
    });
    const seen: string[] = [];
    const done = await waitForOperation(client, ref, {
      clock: { now: Date.now, sleep: async () => {} },
      onProgress: (operation) => operation && seen.push(String(operation.status)),
    });
    expect(seen).toEqual([MEMBER, "succeeded"]);
    expect(done.status).toBe("succeeded");
  });
});

describe("the mock over HTTP", () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer({ port: 0, handlers: createGraphLroHandlers({ spec: doc }) });
  });
  afterEach(() => server.close());

  it("answers as the library does, by the request's Prefer", async () => {
    const route = routes[firstOperationId as keyof typeof routes];
    const id = memberExampleId(operationOf(firstOperationId as string));
    const url = `${server.url}${route.path.replace(/\{[^{}]+\}$/, id).replace(/\{[^{}]+\}/g, "u")}`;
    const get = async (headers: Record<string, string>) =>
      (await (await fetch(url, { headers: { Authorization: "Bearer t", ...headers } })).json()).status;
    expect(await get({})).toBe(ENUM_SENTINEL);
    expect(await get(ASK)).toBe(MEMBER);
  });
});

describe("graph-lro --include-unknown-enum-members", () => {
  it("sends the preference, beside a story's", async () => {
    const url = `https://graph.microsoft.com/beta${Object.values(routes)[0]?.path.replace(/\{[^{}]+\}/g, "x")}`;
    const sent: (string | null)[] = [];
    const fetch = async (request: Request) => {
      sent.push(request.headers.get("prefer"));
      return Response.json({ id: "x", status: "succeeded" });
    };
    const plain = await graphLro(["get", url], { fetch, env: { GRAPH_TOKEN: "t" } });
    const asked = await graphLro(["get", url, "--include-unknown-enum-members", "--header", "Prefer: story=failed"], {
      fetch,
      env: { GRAPH_TOKEN: "t" },
    });
    expect([plain.code, asked.code]).toEqual([0, 0]);
    expect(sent).toEqual([null, `story=failed, ${INCLUDE_UNKNOWN_ENUM_MEMBERS}`]);
  });
});

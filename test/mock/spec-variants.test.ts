import { beforeEach, describe, expect, it } from "vitest";
import { authorize } from "../../src/mock/authorize.ts";
import { checkRequest } from "../../src/mock/check-request.ts";
import { checkResponse } from "../../src/mock/check-response.ts";
import { chooseResponse } from "../../src/mock/choose-response.ts";
import {
  builtInStories,
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  type OpenApiDocument,
} from "../../src/mock/index.ts";
import { errorResponse } from "../../src/mock/mock-response.ts";
import type { Operation, Parameter } from "../../src/mock/openapi-document.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { specStarts } from "../../src/mock/spec-starts.ts";
import { StoryProgress } from "../../src/mock/story-progress.ts";

// Small documents of one operation, each bending one rule the generated spec never exercises.
const idParameter: Parameter = { name: "id", in: "path", required: true, schema: { type: "string", maxLength: 3 } };
const notFound = { content: { "application/json": { examples: { e: { value: { error: { code: "NotFound" } } } } } } };
const badRequest = {
  content: { "application/json": { examples: { e: { value: { error: { code: "BadRequest" } } } } } },
};
const clientError = {
  content: { "application/json": { examples: { e: { value: { error: { code: "Forbidden" } } } } } },
};
const retryAfter = (required: boolean) => ({ required, schema: { type: "integer", minimum: 0 } });

function document(operation: Partial<Operation> = {}, path = "/items/{id}"): OpenApiDocument {
  return {
    servers: [{ url: "https://x.test/v1" }],
    paths: {
      [path]: {
        parameters: path.includes("{id}") ? [idParameter] : [],
        get: {
          operationId: "items.get",
          security: [{ oauth: ["Items.Read"] }],
          responses: {
            "200": { headers: { "Retry-After": retryAfter(true) }, content: { "application/json": {} } },
            "204": {},
            "400": badRequest,
            "404": notFound,
            "4XX": clientError,
          },
          ...operation,
        },
      },
    },
  };
}
const only = (doc: OpenApiDocument): SpecOperation => {
  const [operation] = specOperations(doc);
  if (!operation) throw new Error("no operation");
  return operation;
};

describe("specStarts", () => {
  it("refuses an operation other than a GET without x-graph-lro-start and the GET it is polled by, naming it", () => {
    const doc = document();
    const item = doc.paths["/items/{id}"] as Record<string, unknown>;
    const starts = (post: object) => {
      item.post = { operationId: "items.start", responses: { "202": {} }, ...post };
      return () => specStarts(doc, specOperations(doc));
    };
    const needs = "graph-lro mock: POST /items/{id} needs x-graph-lro-start and x-graph-lro-polled-by";
    expect(starts({})).toThrow(needs);
    expect(starts({ "x-graph-lro-start": "start" })).toThrow(needs);
    expect(starts({ "x-graph-lro-polled-by": "items.get" })).toThrow(needs);
    expect(starts({ "x-graph-lro-start": "start", "x-graph-lro-polled-by": "items.other" })).toThrow(needs);
    expect(starts({ "x-graph-lro-start": "start", "x-graph-lro-polled-by": "items.get" })()).toMatchObject([
      { operationId: "items.start", method: "post", path: "/items/{id}" },
    ]);
  });
});

describe("specOperations", () => {
  it("lets an operation's parameter replace the path item's of the same name and place", () => {
    const own: Parameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
    const query: Parameter = { name: "id", in: "query" };
    const operation = only(document({ parameters: [own, query] }));
    expect(operation.pathParameters).toEqual([own]);
    expect([...operation.queryParameters.values()]).toEqual([query]);
  });

  it("takes the template's last parameter for the id, in whatever order the parameters are listed", () => {
    const owner: Parameter = { name: "owner", in: "path", required: true, schema: { type: "string" } };
    const doc = document({ parameters: [idParameter, owner] }, "/owners/{owner}/items/{id}");
    // The generator reads the template the same way (refFields: the last names the operation).
    expect(only(doc).idParameter).toBe("id");
  });

  it("names an operation without operationId by its method and path", () => {
    expect(only(document({ operationId: undefined })).operationId).toBe("get /items/{id}");
  });

  it("refuses an operation without a path parameter, naming it", () => {
    expect(() => specOperations(document({}, "/items"))).toThrow("graph-lro mock: GET /items has no path parameter");
  });

  it("needs no token when neither the operation nor the document asks for one", () => {
    expect(only(document({ security: undefined })).authRequired).toBe(false);
  });

  it("needs no token when one of the security requirements is empty", () => {
    const requirements: Operation["security"][] = [[{}], [{}, { oauth: ["Items.Read"] }]];
    for (const security of requirements) {
      expect(only(document({ security })).authRequired).toBe(false);
    }
  });

  it("grants the higher-privileged scopes too", () => {
    const operation = only(document({ "x-ms-permissions": { higherPrivileged: ["Items.ReadWrite"] } }));
    expect(operation.scopes).toEqual(["Items.Read", "Items.ReadWrite"]);
  });

  it("keeps path parameters out of the query parameters", () => {
    expect([...only(document()).queryParameters.keys()]).toEqual([]);
  });

  it("leaves out a TRACE operation, which MSW cannot mock", () => {
    const doc = document();
    const item = doc.paths["/items/{id}"] as Record<string, unknown>;
    item.trace = { operationId: "items.trace", responses: {} };
    expect(specOperations(doc).map((o) => o.operationId)).toEqual(["items.get"]);
    expect(() => createGraphLroHandlers({ spec: doc })).not.toThrow();
  });

  it("has no examples for a success response without JSON content", () => {
    expect(only(document({ responses: { "200": {} } })).examples).toEqual([]);
  });
});

describe("createGraphLroHandlers on a small document", () => {
  it("answers on a base URL given with a trailing slash", async () => {
    const fetch = createMockFetch(createGraphLroHandlers({ spec: document(), baseUrls: ["https://y.test/v2/"] }));
    const response = await fetch("https://y.test/v2/items/abc", { headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(404);
  });

  it("answers on a base URL as a URL reads it: a default port, a non-ASCII host, a space in the path", async () => {
    // The client takes each of these as its baseUrl and sends to the URL as read (port dropped, host in punycode,
    // path percent-encoded): the mock given the same string must answer there, not deny the spec has the path.
    const stories = { abc: defineStory().operation("running").build() };
    for (const baseUrl of ["https://y.test:443/v2", "https://bücher.test/v2", "https://y.test/my v2"]) {
      const fetch = createMockFetch(createGraphLroHandlers({ spec: document(), baseUrls: [baseUrl], stories }));
      const response = await fetch(`${baseUrl}/items/abc`, { headers: { Authorization: "Bearer t" } });
      expect([baseUrl, response.status]).toEqual([baseUrl, 200]);
    }
  });

  it("answers 404 to an unknown id when an example has no value", async () => {
    const doc = document();
    const get = doc.paths["/items/{id}"]?.get as { responses: Record<string, unknown> };
    get.responses["200"] = { content: { "application/json": { examples: { linked: { summary: "elsewhere" } } } } };
    const fetch = createMockFetch(createGraphLroHandlers({ spec: doc }));
    const response = await fetch("https://x.test/v1/items/abc", { headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(404);
  });

  it("answers nowhere when the document has no servers and no baseUrls are given", () => {
    expect(createGraphLroHandlers({ spec: { ...document(), servers: undefined } })).toHaveLength(0);
  });

  it("lists only stories of one's own under stories[...] in coverage, next to the built-in ones", () => {
    const mine = defineStory().operation("running").build();
    const handlers = createGraphLroHandlers({ stories: { a: "progress", b: mine } });
    expect(handlers.coverage().stories.map((s) => s.name)).toEqual([...Object.keys(builtInStories), 'stories["b"]']);
  });

  it("stamps a 400's innerError with the answer's own request-id", async () => {
    const fetch = createMockFetch(createGraphLroHandlers({ spec: document() }));
    const response = await fetch("https://x.test/v1/items/abc?$select=a&select=b", {
      headers: { Authorization: "Bearer t" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { innerError: Record<string, string> } };
    expect(body.error.innerError["request-id"]).toBe(response.headers.get("request-id"));
  });
});

describe("checkRequest", () => {
  let validate: ReturnType<typeof createSchemaValidator>;
  beforeEach(() => {
    validate = createSchemaValidator();
  });

  it("checks each path parameter against its schema, and skips one without a schema", () => {
    const operation = only(document());
    const [violation, ...others] = checkRequest(operation, new URLSearchParams(), { id: "toolong" }, validate);
    expect(others).toEqual([]);
    expect(violation).toMatchObject({
      subject: "request path parameter",
      pointer: "/id",
      value: "toolong",
      problem: "must NOT have more than 3 characters",
    });
    const bare = only(document({ parameters: [{ name: "id", in: "path" }] }));
    expect(checkRequest(bare, new URLSearchParams(), { id: "toolong" }, validate)).toEqual([]);
  });
});

describe("checkResponse", () => {
  let validate: ReturnType<typeof createSchemaValidator>;
  let operation: SpecOperation;
  beforeEach(() => {
    validate = createSchemaValidator();
    operation = only(document());
  });
  const problems = (status: number, body: unknown, retryAfter?: number) =>
    checkResponse(operation, { status, body, retryAfter }, validate).map((v) => [v.subject, v.pointer, v.problem]);

  it("reports a status the spec does not declare", () => {
    expect(problems(500, {})).toEqual([["response 500", "/", "is not a status the spec declares"]]);
  });

  it("takes a `default` response for any status the spec does not list", () => {
    const doc = document();
    const get = doc.paths["/items/{id}"]?.get as { responses: Record<string, unknown> };
    get.responses.default = {};
    expect(checkResponse(only(doc), { status: 500, body: {} }, validate)).toEqual([]);
  });

  it("accepts any answer for a declared response with neither content nor headers", () => {
    expect(problems(204, "anything")).toEqual([]);
  });

  it("reports a required Retry-After that is missing, and accepts it present", () => {
    expect(problems(200, {})).toEqual([["response 200 header", "/Retry-After", "is required"]]);
    expect(problems(200, {}, 2)).toEqual([]);
  });

  it("reports a Retry-After against its schema", () => {
    expect(problems(200, {}, -1)).toEqual([["response 200 header", "/Retry-After", "must be >= 0"]]);
  });

  it("reports a Retry-After on a response that declares none", () => {
    expect(problems(404, { error: { code: "NotFound" } }, 5)).toEqual([
      ["response 404 header", "/Retry-After", "is not a header the spec declares"],
    ]);
  });

  it("needs no Retry-After where the spec declares it optional", () => {
    const optional = document();
    const get = optional.paths["/items/{id}"]?.get as { responses: Record<string, unknown> };
    get.responses["200"] = { headers: { "Retry-After": retryAfter(false) }, content: { "application/json": {} } };
    expect(checkResponse(only(optional), { status: 200, body: {} }, validate)).toEqual([]);
  });
});

describe("authorize", () => {
  let operation: SpecOperation;
  beforeEach(() => {
    operation = only(document());
  });
  const request = (authorization?: string) =>
    new Request("https://x.test/", { headers: authorization ? { Authorization: authorization } : {} });

  it("asks nothing of an operation that needs no token", () => {
    expect(authorize(only(document({ security: [] })), request())).toEqual({ violations: [] });
  });

  it("says whether the token is missing or not a Bearer token", () => {
    expect(authorize(operation, request()).violations.map((v) => v.problem)).toEqual([
      "is required by the operation's security",
    ]);
    expect(authorize(operation, request("Basic dTpw")).violations.map((v) => v.problem)).toEqual([
      "is not a Bearer token",
    ]);
  });

  it("answers 403 to a token without the operation's scope, which breaks no contract", () => {
    const result = authorize(operation, request("Bearer scopes=Other.Read"));
    expect([result.response?.status, result.violations]).toEqual([403, []]);
  });
});

describe("chooseResponse", () => {
  it("names the entity type `entity` when the success response has no schema title", () => {
    const select: Parameter = { name: "$select", in: "query", schema: { type: "array", items: { enum: ["id"] } } };
    const operation = only(document({ parameters: [select] }));
    const query = new URLSearchParams("$select=name");
    const context = { stories: {}, progress: new StoryProgress(10) };
    const choice = chooseResponse(context, operation, new Request("https://x.test/"), query, { id: "abc" });
    expect(choice.response.body).toMatchObject({
      error: {
        message:
          "Parsing OData Select and Expand failed: Could not find a property named 'name' on type 'microsoft.graph.entity'.",
      },
    });
  });
});

describe("errorResponse", () => {
  it("names the status and the operation when the spec has no example for it", () => {
    expect(() => errorResponse(only(document()), 500)).toThrow(
      new Error("graph-lro mock: the spec has no example for 500 of items.get"),
    );
  });
});

describe("createSchemaValidator", () => {
  it("says in one problem what each branch of a choice wanted, in words that read", () => {
    const validate = createSchemaValidator();
    const problem = (schema: Record<string, unknown>, value: unknown) => validate(schema, value).map((p) => p.message);
    expect(problem({ anyOf: [{ enum: ["a", "b"] }, { type: "null" }] }, "c")).toEqual(["must be one of a, b, or null"]);
    expect(problem({ oneOf: [{ const: "x" }, { type: "integer", minimum: 3 }] }, 1)).toEqual(["must be x, or >= 3"]);
    // A branch whose keyword is no "must be" (a pattern) keeps its own verb.
    expect(problem({ anyOf: [{ type: "string", pattern: "^a" }, { type: "null" }] }, "b")).toEqual([
      'must match pattern "^a", or be null',
    ]);
    expect(problem({ anyOf: [{ type: "null" }, { type: "string", pattern: "^a" }] }, "b")).toEqual([
      'must be null, or match pattern "^a"',
    ]);
  });

  it("lets OpenAPI's own keywords through instead of refusing the schema", () => {
    const validate = createSchemaValidator();
    expect(validate({ type: "string", example: "a", "x-ms-enum": { name: "e" } }, "a")).toEqual([]);
  });

  it("lists every problem of a value, not only the first", () => {
    const schema = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } };
    expect(createSchemaValidator()(schema, { a: 1, b: 2 }).map((p) => p.pointer)).toEqual(["/a", "/b"]);
  });
});

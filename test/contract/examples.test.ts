import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroHandlers, createMockFetch, type OpenApiDocument } from "../../src/mock/index.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { specOperations } from "../../src/mock/spec-operations.ts";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../src/openapi/evolvable-enum.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";

// Every example of every operation, through an openapi-fetch client, by both ways of serving MSW handlers.
const operations = specOperations(spec as unknown as OpenApiDocument);
const cases = operations.flatMap((operation) =>
  operation.examples.map((example) => ({ operation, example, id: (example.value as { id: string }).id })),
);
const validate = createSchemaValidator();

const handlers = createGraphLroHandlers();
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const transports = {
  createMockFetch: () => bareClient(createMockFetch(createGraphLroHandlers())),
  // Looked up at call time, so that MSW's patched global fetch answers.
  setupServer: () => bareClient((request) => globalThis.fetch(request)),
};

describe.each(Object.entries(transports))("contract, through %s", (_, makeClient) => {
  const client = makeClient();

  it("has cases for every operation of the spec", () => {
    expect(new Set(cases.map((c) => c.operation.operationId))).toEqual(new Set(operations.map((o) => o.operationId)));
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases.map((c) => [`${c.operation.operationId} ${c.example.name}`, c] as const))(
    "%s: answers the example, which validates against the schema",
    async (_, { operation, example, id }) => {
      // Asking for every status member, as the example may hold one after unknownFutureValue.
      const headers = { Prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
      const { data, response } = await getOperation(client, operation, id, { headers });
      expect(response.status).toBe(200);
      expect(data).toEqual(example.value);
      const schema = operation.responses["200"]?.content?.["application/json"]?.schema ?? {};
      expect(validate(schema, data)).toEqual([]);
    },
  );

  it.each(cases.map((c) => [`${c.operation.operationId} ${c.example.name}`, c] as const))(
    "%s: answers 404 to an id that only starts or ends like the example's",
    async (_, { operation, id }) => {
      for (const near of [
        `${id}x`,
        id.slice(0, -1),
        `x${id}`,
        id.toUpperCase() === id ? id.toLowerCase() : id.toUpperCase(),
      ]) {
        expect((await getOperation(client, operation, near)).response.status, near).toBe(404);
      }
    },
  );

  it.each(operations.map((o) => [o.operationId, o] as const))(
    "%s: answers an unknown id with Graph's 404 error body",
    async (_, operation) => {
      const { error, response } = await getOperation(client, operation, "no-such-operation");
      expect(response.status).toBe(404);
      const schema = operation.responses["404"]?.content?.["application/json"]?.schema ?? {};
      expect(validate(schema, error)).toEqual([]);
      expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});

it("saw no contract violation in the cases above", () => {
  expect(handlers.violations).toEqual([]);
});

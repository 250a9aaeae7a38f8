import { setupServer } from "msw/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroHandlers, createMockFetch, type OpenApiDocument } from "../../src/mock/index.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../src/openapi/evolvable-enum.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";

// Every example of every operation, through an openapi-fetch client, by both ways of serving MSW handlers.
// What the mock builds is built inside a test or a beforeEach (decision 0023b); the table is the generated routes'.
const operationIds = Object.keys(routes);
const operationOf = (operationId: string) =>
  specOperations(spec as unknown as OpenApiDocument).find((o) => o.operationId === operationId) as SpecOperation;
const casesOf = (operation: SpecOperation) =>
  operation.examples.map((example) => ({ example, id: (example.value as { id: string }).id }));

let handlers: ReturnType<typeof createGraphLroHandlers>;
let server: ReturnType<typeof setupServer>;
beforeEach(() => {
  handlers = createGraphLroHandlers();
  server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.close();
  // No contract violation in any case.
  expect(handlers.violations).toEqual([]);
});

const transports = {
  createMockFetch: () => bareClient(createMockFetch(createGraphLroHandlers())),
  // Looked up at call time, so that MSW's patched global fetch answers.
  setupServer: () => bareClient((request) => globalThis.fetch(request)),
};

describe.each(Object.entries(transports))("contract, through %s", (_, makeClient) => {
  it("has cases for every operation of the spec", () => {
    const operations = specOperations(spec as unknown as OpenApiDocument);
    expect(operations.map((o) => o.operationId).sort()).toEqual([...operationIds].sort());
    expect(operations.flatMap(casesOf).length).toBeGreaterThanOrEqual(8);
  });

  it.each(operationIds)("%s: answers each example, which validates against the schema", async (operationId) => {
    const operation = operationOf(operationId);
    const client = makeClient();
    const validate = createSchemaValidator();
    for (const { example, id } of casesOf(operation)) {
      // Asking for every status member, as the example may hold one after unknownFutureValue.
      const headers = { Prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
      const { data, response } = await getOperation(client, operation, id, { headers });
      expect(response.status, example.name).toBe(200);
      expect(data, example.name).toEqual(example.value);
      const schema = operation.responses["200"]?.content?.["application/json"]?.schema ?? {};
      expect(validate(schema, data), example.name).toEqual([]);
    }
  });

  it.each(operationIds)("%s: answers 404 to an id that only starts or ends like an example's", async (operationId) => {
    const operation = operationOf(operationId);
    const client = makeClient();
    for (const { id } of casesOf(operation)) {
      for (const near of [
        `${id}x`,
        id.slice(0, -1),
        `x${id}`,
        id.toUpperCase() === id ? id.toLowerCase() : id.toUpperCase(),
      ]) {
        expect((await getOperation(client, operation, near)).response.status, near).toBe(404);
      }
    }
  });

  it.each(operationIds)("%s: answers an unknown id with Graph's 404 error body", async (operationId) => {
    const operation = operationOf(operationId);
    const { error, response } = await getOperation(makeClient(), operation, "no-such-operation");
    expect(response.status).toBe(404);
    const schema = operation.responses["404"]?.content?.["application/json"]?.schema ?? {};
    expect(createSchemaValidator()(schema, error)).toEqual([]);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

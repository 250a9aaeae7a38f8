import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroClient, GraphError, type OperationRef } from "../../src/index.ts";
import { createGraphLroHandlers, createMockFetch, type MockCall, type OpenApiDocument } from "../../src/mock/index.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { HOSTILE_IDS } from "../support/hostile-ids.ts";
import { GUEST_UPN, USER_ID } from "../support/mock-client.ts";
import { LOCATION_QUERY, operationUrl } from "../support/spec-urls.ts";

// The typed client against the spec-derived handlers: every example, errors, throttling and hostile ids.
// Everything the mock and client build is built inside a test or a beforeEach (decision 0023b).
const kinds = Object.values(routes).map((route) => route.kind);
/** The spec's operation for a kind, the name the client's methods are for. */
const operationOf = (kind: string) =>
  specOperations(spec as unknown as OpenApiDocument).find(
    (o) => routes[o.operationId as keyof typeof routes]?.kind === kind,
  ) as SpecOperation;
/** A ref of a kind as the routes table shapes it: `id` for the operation, a guest's UPN for any owner (a user). */
function refFor(kind: string, id: string): OperationRef {
  const route = Object.values(routes).find((r) => r.kind === kind);
  const fields = Object.values(route?.refFields ?? {}) as string[];
  return Object.fromEntries([
    ["kind", kind],
    ...fields.map((field) => [field, field === "operationId" ? id : GUEST_UPN]),
  ]) as OperationRef;
}

let setupHandlers: ReturnType<typeof createGraphLroHandlers>;
let server: ReturnType<typeof setupServer>;
let clientOnGlobalFetch: ReturnType<typeof createGraphLroClient>;
beforeEach(() => {
  setupHandlers = createGraphLroHandlers();
  server = setupServer(...setupHandlers);
  // Made before server.listen(): the client must look fetch up at call time.
  // Both ask for every status member, so that each example comes back verbatim (test/mock/evolvable-members.test.ts
  // covers the answer to a client that does not ask).
  clientOnGlobalFetch = createGraphLroClient({ token: "t", includeUnknownEnumMembers: true });
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.close();
  // No contract violation through setupServer, whatever the test asked.
  expect(setupHandlers.violations).toEqual([]);
});

describe.each([
  [
    "createMockFetch",
    () =>
      createGraphLroClient({
        token: "t",
        fetch: createMockFetch(createGraphLroHandlers()),
        includeUnknownEnumMembers: true,
      }),
  ],
  ["setupServer", () => clientOnGlobalFetch],
])("client contract, through %s", (_, makeClient) => {
  it.each(kinds)("%s: returns each example, valid against the schema", async (kind) => {
    const operation = operationOf(kind);
    const validate = createSchemaValidator();
    expect(operation.examples.length).toBeGreaterThan(0);
    for (const example of operation.examples) {
      const {
        operation: result,
        status,
        requestId,
      } = await makeClient().getOperation(refFor(kind, (example.value as { id: string }).id));
      expect(status, example.name).toBe(200);
      expect(result, example.name).toEqual(example.value);
      const schema = operation.responses["200"]?.content?.["application/json"]?.schema ?? {};
      expect(validate(schema, result), example.name).toEqual([]);
      expect(requestId, example.name).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("throws GraphError with Graph's code for an unknown id", async () => {
    const error = await makeClient()
      .getRoleManagementAlertOperation("no-such-operation")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 404, code: "itemNotFound" });
  });
});

describe("client and mock together", () => {
  const recorder = (options: Parameters<typeof createGraphLroHandlers>[0] = {}) => {
    const calls: MockCall[] = [];
    const waits: number[] = [];
    const handlers = createGraphLroHandlers({ ...options, onRequest: (call) => calls.push(call) });
    const client = createGraphLroClient({
      token: "t",
      fetch: createMockFetch(handlers),
      clock: {
        now: Date.now,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    });
    return { calls, waits, client, handlers };
  };

  it("narrows $select on the wire and in the body", async () => {
    const { calls, client } = recorder();
    const example = spec.components.examples.passwordResetSucceeded.value;
    const { operation } = await client.getUserAuthenticationOperation(GUEST_UPN, example.id, {
      select: ["status", "resourceLocation"],
    });
    expect(new URL(calls[0]?.request.url ?? "").searchParams.get("$select")).toBe("status,resourceLocation");
    expect(operation).toEqual({
      "@odata.context": example["@odata.context"],
      status: example.status,
      resourceLocation: example.resourceLocation,
    });
  });

  it("retries the throttled story after its Retry-After, with one client-request-id", async () => {
    const { calls, waits, client } = recorder({ stories: { t: "throttled" } });
    const { operation } = await client.getRoleManagementAlertOperation("t");
    expect(operation.status).toBe("succeeded");
    expect(waits).toEqual([1000]);
    const ids = calls.map((c) => c.request.headers.get("client-request-id"));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("retries the unavailable story (503 without Retry-After) after a backoff", async () => {
    const { calls, waits, client } = recorder({ stories: { u: "unavailable" } });
    await client.getRoleManagementAlertOperation("u");
    expect(calls).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it("never retries 401 and 403", async () => {
    for (const story of ["unauthorized", "forbidden"] as const) {
      const { calls, client } = recorder({ stories: { x: story } });
      await expect(client.getRoleManagementAlertOperation("x")).rejects.toMatchObject({
        status: story === "unauthorized" ? 401 : 403,
      });
      expect(calls).toHaveLength(1);
    }
  });

  it("keeps the aadgdc/aadgsu query of a Location URL, which the strict mock accepts", async () => {
    const { calls, client, handlers } = recorder();
    const example = spec.components.examples.passwordResetSucceeded.value;
    const location = operationUrl(
      "userAuthentication",
      { "user-id": USER_ID, "longRunningOperation-id": example.id },
      { query: LOCATION_QUERY },
    );
    const { operation } = await client.getOperation(location);
    expect(operation).toEqual(example);
    expect(calls[0]?.request.url).toBe(location);
    expect(handlers.violations).toEqual([]);
  });

  it.each(HOSTILE_IDS)("sends %j so that the mock sees it unchanged", async (id) => {
    const { calls, client } = recorder();
    await expect(client.getUserAuthenticationOperation(id, id)).rejects.toMatchObject({ status: 404 });
    expect(calls[0]?.parameters).toEqual({ "user-id": id, "longRunningOperation-id": id });
  });

  // The one round trip of ids on the wire (Location URLs have theirs in test/client/path-ids.test.ts): any id
  // the client accepts is encoded exactly once, as openapi-fetch and Graph's SDKs do, and the mock decodes it back.
  it("round-trips any id through the client, encoded once on the wire, to the mock unchanged", async () => {
    const { calls, client } = recorder();
    const id = fc
      .oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom(...HOSTILE_IDS))
      .filter((s) => s !== "" && s !== "." && s !== ".." && wellFormed(s));
    await fc.assert(
      fc.asyncProperty(id, id, async (userId, operationId) => {
        calls.length = 0;
        await expect(client.getUserAuthenticationOperation(userId, operationId)).rejects.toMatchObject({ status: 404 });
        const path = { "user-id": userId, "longRunningOperation-id": operationId };
        expect(calls[0]?.request.url).toBe(operationUrl("userAuthentication", path));
        expect(calls[0]?.parameters).toEqual(path);
      }),
      { numRuns: 200 },
    );
    // 200 round trips through the MSW handlers: about 0.5 s alone, several seconds in a loaded full run.
  }, 30_000);
});

/** No lone surrogate (String#isWellFormed is ES2024, past this project's lib). */
function wellFormed(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

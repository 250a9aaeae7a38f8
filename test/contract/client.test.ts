import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const operations = specOperations(spec as unknown as OpenApiDocument);
const validate = createSchemaValidator();
/** An operation of the spec by its x-graph-lro-kind, the name the client's methods are for. */
const ofKind = (kind: string) =>
  operations.find((o) => routes[o.operationId as keyof typeof routes]?.kind === kind) as SpecOperation;
const byKind = { roleManagementAlert: ofKind("roleManagementAlert"), userAuthentication: ofKind("userAuthentication") };
const refFor = (operation: SpecOperation, id: string): OperationRef =>
  operation === byKind.userAuthentication
    ? { kind: "userAuthentication", userId: GUEST_UPN, operationId: id }
    : { kind: "roleManagementAlert", operationId: id };

const setupHandlers = createGraphLroHandlers();
const server = setupServer(...setupHandlers);
// Made before server.listen(): the client must look fetch up at call time.
// Both ask for every status member, so that each example comes back verbatim (test/mock/evolvable-members.test.ts
// covers the answer to a client that does not ask).
const clientOnGlobalFetch = createGraphLroClient({ token: "t", includeUnknownEnumMembers: true });
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const cases = Object.values(byKind).flatMap((operation) =>
  operation.examples.map((example) => [`${operation.operationId} ${example.name}`, operation, example.value] as const),
);

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
  it.each(cases)("%s: returns the example, valid against the schema", async (_, operation, example) => {
    const {
      operation: result,
      status,
      requestId,
    } = await makeClient().getOperation(refFor(operation, (example as { id: string }).id));
    expect(status).toBe(200);
    expect(result).toEqual(example);
    expect(validate(operation.responses["200"]?.content?.["application/json"]?.schema ?? {}, result)).toEqual([]);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("throws GraphError with Graph's code for an unknown id", async () => {
    const error = await makeClient()
      .getRoleManagementAlertOperation("no-such-operation")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 404, code: "itemNotFound" });
  });
});

it("saw no contract violation through setupServer", () => {
  expect(setupHandlers.violations).toEqual([]);
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

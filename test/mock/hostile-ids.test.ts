import { beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroHandlers, createMockFetch, type MockCall, type OpenApiDocument } from "../../src/mock/index.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { HOSTILE_IDS } from "../support/hostile-ids.ts";
import { bareClient, GUEST_UPN, GUEST_UPN_ENCODED, getOperation } from "../support/mock-client.ts";
import { encoded, operationUrl } from "../support/spec-urls.ts";

// Read in a beforeEach, which Stryker counts as part of each test: read as the file loaded, every mutant it
// reached was static (decision 0023b).
let user: SpecOperation;
beforeEach(() => {
  const found = specOperations(spec as unknown as OpenApiDocument).find((o) => o.pathParameters.length === 2);
  if (!found) throw new Error("the spec has no operation with two path parameters");
  user = found;
});

function recorder() {
  const calls: MockCall[] = [];
  const handlers = createGraphLroHandlers({ onRequest: (call) => calls.push(call) });
  return { calls, client: bareClient(createMockFetch(handlers)), handlers };
}

describe("hostile ids", () => {
  it.each(HOSTILE_IDS)("%s reaches the handler decoded, after one encoding on the wire", async (id) => {
    const { calls, client, handlers } = recorder();
    const { response } = await getOperation(client, user, id);
    expect(response.status).toBe(404);
    const [call] = calls;
    expect(call?.parameters).toEqual({ "user-id": GUEST_UPN, "longRunningOperation-id": id });
    // The guest UPN's encoding is a golden value; the id's is checked against a whole URL too.
    expect(call?.request.url).toBe(
      operationUrl(user.operationId as "users.authentication.GetOperations", {
        "user-id": encoded(GUEST_UPN_ENCODED),
        "longRunningOperation-id": id,
      }),
    );
    expect(handlers.violations).toEqual([]);
  });

  it("matches Graph's hyphenated parameter names whatever the id ends with", async () => {
    const { calls, client } = recorder();
    for (const id of ["x-id", "x", "-id", "id"]) await getOperation(client, user, id);
    expect(calls.map((c) => c.parameters["longRunningOperation-id"])).toEqual(["x-id", "x", "-id", "id"]);
  });
});

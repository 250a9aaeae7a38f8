import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGraphLroClient } from "../../src/index.ts";
import { HOSTILE_IDS } from "../support/hostile-ids.ts";
import { GUEST_UPN, GUEST_UPN_ENCODED } from "../support/mock-client.ts";
import { recordingFetch } from "../support/recording-fetch.ts";
import { encoded, GRAPH_ROOT, operationUrl, template } from "../support/spec-urls.ts";

/** The decoded path segments of a wire URL, after the root. */
function segments(url: string | undefined): string[] {
  return (
    (url ?? "")
      .slice(GRAPH_ROOT.length + 1)
      .split("?")[0]
      ?.split("/")
      .map(decodeURIComponent) ?? []
  );
}

/** The segments of an operation's template with each parameter replaced by its value, unencoded. */
function expectedSegments(
  kind: "roleManagementAlert" | "userAuthentication",
  params: Record<string, string>,
): string[] {
  return template(kind)
    .slice(1)
    .split("/")
    .map((part) => (part.startsWith("{") ? (params[part.slice(1, -1)] as string) : part));
}
const userSegments = (user: string, operation: string) =>
  expectedSegments("userAuthentication", { "user-id": user, "longRunningOperation-id": operation });

describe("path ids", () => {
  it.each(HOSTILE_IDS)("sends %j as exactly one segment, encoded once", async (id) => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    await client.getUserAuthenticationOperation(id, id);
    expect(segments(requests[0]?.url)).toEqual(userSegments(id, id));
  });

  it("encodes a B2B guest UPN as Graph expects (#EXT# as %23EXT%23)", async () => {
    const { fetch, requests } = recordingFetch();
    await createGraphLroClient({ fetch }).getUserAuthenticationOperation(GUEST_UPN, "o");
    expect(requests[0]?.url).toBe(
      operationUrl("userAuthentication", { "user-id": encoded(GUEST_UPN_ENCODED), "longRunningOperation-id": "o" }),
    );
  });

  it.each([
    ["", /must not be ""/],
    [".", /must not be "\."/],
    ["..", /must not be "\.\."/],
    [undefined, /must be a string, got undefined/],
    [null, /must be a string, got null/],
    [42, /must be a string, got number/],
    [{ toString: () => "x" }, /must be a string, got object/],
    ["\uD800", /lone surrogate/],
  ])("refuses %j before any request", async (bad, message) => {
    const { fetch, requests } = recordingFetch();
    const client = createGraphLroClient({ fetch });
    await expect(client.getRoleManagementAlertOperation(bad as string)).rejects.toThrow(message);
    // Named by the ref's own fields, which the caller wrote, not by the spec's path parameters.
    await expect(client.getUserAuthenticationOperation(bad as string, "op")).rejects.toThrow(/^userId /);
    await expect(
      client.getOperation({ kind: "userAuthentication", userId: "u", operationId: bad as string }),
    ).rejects.toThrow(/^operationId /);
    expect(requests).toEqual([]);
  });

  it("property: a parsed Location URL gives back the ids it was built from", async () => {
    const { parseOperationUrl } = await import("../../src/index.ts");
    const id = fc.string({ unit: "grapheme" }).filter((s) => s !== "" && s !== "." && s !== "..");
    fc.assert(
      fc.property(id, id, (userId, operationId) => {
        const url = operationUrl(
          "userAuthentication",
          { "user-id": userId, "longRunningOperation-id": operationId },
          { query: "aadgdc=X" },
        );
        expect(parseOperationUrl(url)).toEqual({
          ref: { kind: "userAuthentication", userId, operationId },
          query: "aadgdc=X",
        });
      }),
    );
  });
});

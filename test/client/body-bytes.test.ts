import { describe, expect, it } from "vitest";
import { createGraphLroClient, createGraphLroRawClient } from "../../src/index.ts";
import { template } from "../support/spec-urls.ts";

// A body of multi-byte characters: fewer characters than the cap, more bytes. The cap is in bytes.
const text = JSON.stringify({ status: "running", statusDetail: "€".repeat(210) });
const bytes = new TextEncoder().encode(text);
const MAX = 400;

/** Sent as a stream without Content-Length, so that only counting what is read can find it too long. */
const fetch = async () =>
  new Response(new Blob([bytes]).stream(), { status: 200, headers: { "content-type": "application/json" } });

describe("maxBodyBytes counts bytes, not characters", () => {
  it("holds a body under the cap in characters but over it in bytes", () => {
    expect([text.length < MAX, bytes.byteLength > MAX]).toEqual([true, true]);
  });

  it("refuses it from a typed call", async () => {
    const client = createGraphLroClient({ fetch, token: "t", maxBodyBytes: MAX, retry: { maxRetries: 0 } });
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ code: "responseTooLarge" });
    const roomy = createGraphLroClient({ fetch, token: "t", maxBodyBytes: bytes.byteLength });
    await expect(roomy.getRoleManagementAlertOperation("op")).resolves.toMatchObject({
      operation: { status: "running" },
    });
  });

  it("refuses it from a raw call, whose body openapi-fetch reads", async () => {
    const raw = createGraphLroRawClient({ fetch, token: "t", maxBodyBytes: MAX, retry: { maxRetries: 0 } });
    const call = raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "op" } } });
    await expect(call).rejects.toMatchObject({ code: "responseTooLarge" });
  });
});

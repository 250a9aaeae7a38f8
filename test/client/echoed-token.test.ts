import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { statuses } from "../../generated/graph-lro.routes.ts";
import { createGraphLroClient, type GraphError, OperationTimeoutError, waitForOperation } from "../../src/index.ts";
import { MIN_SECRET_LENGTH } from "../../src/text/redact.ts";
import { json, recordingClock } from "../support/recording-fetch.ts";
import { operationUrl } from "../support/spec-urls.ts";

// A server that echoes the token where the library keeps what it answered: an error body's property
// names, and the last status of a wait that timed out.
const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.echoed-token";

describe("a token echoed back by the server", () => {
  it("is replaced in the property names of an error body, however the error is printed", async () => {
    const body = { error: { code: "Echo", message: "m", innerError: { [TOKEN]: { [`Bearer ${TOKEN}`]: 1 } } } };
    const client = createGraphLroClient({ fetch: async () => json(body, { status: 400 }), token: TOKEN });
    const error = (await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e)) as GraphError;
    for (const printed of [JSON.stringify(error), inspect(error, { depth: null }), JSON.stringify(error.body)])
      expect(printed).not.toContain(TOKEN);
    expect(error.body?.error.innerError).toEqual({ "[redacted]": { "Bearer [redacted]": 1 } });
  });

  it("is replaced from the shortest length the CLI replaces it at, one rule for both", async () => {
    const short = "s".repeat(MIN_SECRET_LENGTH);
    const body = { error: { code: "Echo", message: `Bearer ${short}` } };
    const client = createGraphLroClient({ fetch: async () => json(body, { status: 400 }), token: short });
    const error = (await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e)) as GraphError;
    expect(error.body?.error.message).toBe("Bearer [redacted]");
  });

  it("keeps a body's `__proto__` key its own when rebuilding it, setting no prototype", async () => {
    const text = `{"error":{"code":"Echo","message":"m","innerError":{"__proto__":{"polluted":1},"${TOKEN}":1}}}`;
    const client = createGraphLroClient({ fetch: async () => new Response(text, { status: 400 }), token: TOKEN });
    const error = (await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e)) as GraphError;
    const inner = error.body?.error.innerError as Record<string, unknown>;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(Object.hasOwn(inner, "__proto__")).toBe(true);
    expect((inner as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.for([
    ["the token itself", TOKEN.slice(0, 40)],
    ["a word of 64 characters", `a${"b".repeat(63)}`],
  ])("is not quoted as the last status of a timeout (%s)", async ([, status]) => {
    const fetch = async () => json({ id: "op", status });
    const client = createGraphLroClient({ fetch, token: TOKEN, clock: recordingClock(0).clock });
    const target = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" });
    const error = await waitForOperation(client, target, { timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toContain("; last status unlisted;");
    expect((error as Error).message).not.toContain(status);
  });

  it("is replaced in the request-id of a retry, as told to onRetry and kept by the timeout that follows", async () => {
    const fetch = async () =>
      json(
        { error: { code: "Busy", message: "m" } },
        { status: 503, headers: { "request-id": `r ${TOKEN}`, "retry-after": "1" } },
      );
    const retries: unknown[] = [];
    const client = createGraphLroClient({
      fetch,
      token: TOKEN,
      clock: recordingClock(0).clock,
      onRetry: (retry) => retries.push(retry),
    });
    const target = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" });
    const error = await waitForOperation(client, target, { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(retries.length).toBeGreaterThan(0);
    for (const printed of [JSON.stringify(error), inspect(error, { depth: null }), inspect(retries, { depth: null })])
      expect(printed).not.toContain(TOKEN);
    expect((error as OperationTimeoutError).requestId).toBe("r [redacted]");
  });

  it("quotes each status the spec declares", () => {
    for (const status of statuses) {
      const error = new OperationTimeoutError(1, { status }, { nextPollAt: 0 } as never);
      expect(error.message).toContain(`; last status ${status};`);
    }
  });
});

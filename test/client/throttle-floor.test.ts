import { describe, expect, it } from "vitest";
import { MIN_WAIT_MS } from "../../src/client/defaults.ts";
import { createGraphLroClient, OperationTimeoutError, waitForOperation } from "../../src/index.ts";
import { odataError, recordingClock, recordingFetch } from "../support/recording-fetch.ts";
import { operationUrl } from "../support/spec-urls.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");

/** A throttling service that asks for no wait at all, and the client and poller waiting on it in virtual time. */
function throttledFor(retryAfter: string) {
  let t = NOW;
  const now = () => t;
  const sleep = async (ms: number, signal: AbortSignal) => {
    signal.throwIfAborted();
    t += ms;
  };
  const sentAt: number[] = [];
  const { fetch } = recordingFetch(() => {
    sentAt.push(t);
    return odataError(429, "TooManyRequests", { "retry-after": retryAfter });
  });
  // The poller waits on the client's clock: one injection times retries and polls.
  const client = createGraphLroClient({ fetch, token: "t", clock: { now, sleep }, random: () => 0 });
  return { client, sentAt };
}

describe("a throttled service that answers Retry-After: 0, or a date in the past (clock skew)", () => {
  it.for([
    ["0", "Retry-After: 0"],
    ["Mon, 02 Mar 2026 09:59:00 GMT", "a Retry-After date a minute in the past"],
  ])("gets requests at least the floor apart from waitForOperation (%s: %s)", async ([retryAfter]) => {
    const { client, sentAt } = throttledFor(retryAfter as string);
    const target = operationUrl("roleManagementAlert", { "longRunningOperation-id": "op" });
    await expect(waitForOperation(client, target, { timeoutMs: 10_000 })).rejects.toThrow(OperationTimeoutError);
    const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] as number));
    // The client's retries wait as the poller does: never less than the floor, so at most 10 a second.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_WAIT_MS);
    expect(sentAt.length).toBeGreaterThan(10);
  });

  it("waits the floor before each retry of a single call, whatever the server or the jitter asks", async () => {
    const { fetch } = recordingFetch(() => odataError(503, "ServiceUnavailable", { "retry-after": "0" }));
    const { clock, delays } = recordingClock(NOW);
    const client = createGraphLroClient({ fetch, token: "t", clock, random: () => 0, retry: { maxRetries: 3 } });
    await expect(client.getRoleManagementAlertOperation("op")).rejects.toMatchObject({ status: 503 });
    expect(delays).toEqual([MIN_WAIT_MS, MIN_WAIT_MS, MIN_WAIT_MS]);
  });
});

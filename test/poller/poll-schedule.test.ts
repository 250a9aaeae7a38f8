import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { MAX_RETRY_AFTER_MS, MIN_WAIT_MS } from "../../src/client/defaults.ts";
import { isTerminal, nextPollDelay, TERMINAL_STATUSES } from "../../src/poller/poll-schedule.ts";

const backoff = { intervalMs: 1000, maxIntervalMs: 30_000, factor: 2 };

describe("nextPollDelay", () => {
  it("follows Retry-After exactly, without taking a backoff step", () => {
    expect(nextPollDelay(2000, 3, backoff)).toEqual({ delayMs: 2000, backoffStep: 3 });
  });

  it("keeps every wait within MIN_WAIT_MS and MAX_RETRY_AFTER_MS, so nothing can make it spin or overflow", () => {
    expect(nextPollDelay(0, 0, backoff)).toEqual({ delayMs: MIN_WAIT_MS, backoffStep: 0 });
    expect(nextPollDelay(undefined, 0, { ...backoff, intervalMs: 0 }).delayMs).toBe(MIN_WAIT_MS);
    const huge = { intervalMs: 25 * 86_400_000, maxIntervalMs: 30 * 86_400_000, factor: 2 };
    expect(nextPollDelay(undefined, 3, huge).delayMs).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBeLessThan(2 ** 31 - 1);
  });

  it("backs off from intervalMs to maxIntervalMs without it", () => {
    const delays: number[] = [];
    let step = 0;
    for (let i = 0; i < 8; i++) {
      const next = nextPollDelay(undefined, step, backoff);
      delays.push(next.delayMs);
      step = next.backoffStep;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("never waits less than intervalMs nor more than maxIntervalMs", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ min: 1, max: 10, noNaN: true }), (step, factor) => {
        const { delayMs } = nextPollDelay(undefined, step, { ...backoff, factor });
        return delayMs >= backoff.intervalMs && delayMs <= backoff.maxIntervalMs;
      }),
    );
  });
});

describe("isTerminal", () => {
  it("knows the terminal values the spec names in x-terminal-values", () => {
    const schema = spec.components.schemas["microsoft.graph.longRunningOperationStatus"];
    expect([...TERMINAL_STATUSES]).toEqual(schema["x-terminal-values"]);
  });

  it("holds for the spec's x-terminal-values only, among the spec's values and others", () => {
    const values = spec.components.schemas["microsoft.graph.longRunningOperationStatus"].enum;
    const terminal = spec.components.schemas["microsoft.graph.longRunningOperationStatus"]["x-terminal-values"];
    expect(values.filter(isTerminal).sort()).toEqual([...terminal].sort());
    expect(values.filter((v) => !isTerminal(v))).toContain("unknownFutureValue");
    for (const other of ["x-graph-lro-test-unknown", "", undefined, null, 2]) expect(isTerminal(other)).toBe(false);
  });
});

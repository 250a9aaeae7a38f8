import { describe, expect, it } from "vitest";
import { MIN_WAIT_MS } from "../../src/client/defaults.ts";
import { nextState } from "../../src/poller/next-state.ts";
import type { PollState } from "../../src/types/poll-state.ts";

const backoff = { intervalMs: 1000, maxIntervalMs: 30_000, factor: 2 };
const NOW = 5_000_000;
const state: PollState = { target: "https://x.test/op", startedAt: 0, nextPollAt: 0, attempt: 2, backoffStep: 1 };

describe("nextState, apart from any I/O", () => {
  it("waits a status without Retry-After by the next backoff step", () => {
    expect(nextState(state, { status: "running", retryAfterMs: undefined }, NOW, backoff)).toEqual({
      state: { ...state, attempt: 3, lastStatus: "running", backoffStep: 2, nextPollAt: NOW + 2000 },
      nextPollInMs: 2000,
    });
  });

  it("follows Retry-After exactly, taking no backoff step", () => {
    expect(nextState(state, { status: "notStarted", retryAfterMs: 7000 }, NOW, backoff)).toEqual({
      state: { ...state, attempt: 3, lastStatus: "notStarted", nextPollAt: NOW + 7000 },
      nextPollInMs: 7000,
    });
  });

  it("ends on a terminal status, keeping the schedule as it was", () => {
    expect(nextState(state, { status: "failed", retryAfterMs: 7000 }, NOW, backoff)).toEqual({
      state: { ...state, attempt: 3, lastStatus: "failed" },
      nextPollInMs: undefined,
    });
  });

  it("waits a throttled poll out as asked, keeping the last status seen", () => {
    const seen = { ...state, lastStatus: "running" };
    expect(nextState(seen, { throttled: true, retryAfterMs: 120_000 }, NOW, backoff)).toEqual({
      state: { ...seen, attempt: 3, nextPollAt: NOW + 120_000 },
      nextPollInMs: 120_000,
    });
    // Retry-After: 0 on every answer must not make polling spin.
    expect(nextState(seen, { throttled: true, retryAfterMs: 0 }, NOW, backoff).nextPollInMs).toBe(MIN_WAIT_MS);
  });

  it("keeps a status that is not a string out of the state", () => {
    const next = nextState({ ...state, lastStatus: "running" }, { status: 7, retryAfterMs: undefined }, NOW, backoff);
    expect(next.state.lastStatus).toBeUndefined();
  });

  it("leaves the state it was given unchanged", () => {
    const before = structuredClone(state);
    nextState(state, { status: "running", retryAfterMs: undefined }, NOW, backoff);
    expect(state).toEqual(before);
  });
});

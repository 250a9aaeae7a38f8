import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  BASE_DELAY_MS,
  DEFAULT_RETRY,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  MIN_WAIT_MS,
} from "../../src/client/defaults.ts";
import { MOCK_HOST, MOCK_PORT } from "../../src/mock/defaults.ts";
import { MIN_POLL_BUDGET_MS, POLL_DEFAULTS } from "../../src/poller/defaults.ts";

// Each default the docs state, read from its one home (src/<layer>/defaults.ts): a changed default
// fails here until the prose says the new value.
const read = (file: string) => readFile(new URL(`../../${file}`, import.meta.url), "utf8");
const s = (ms: number) => `${ms / 1_000} s`;

describe("the defaults the docs state", () => {
  it("README: the client's retry floor, the poller's backoff and timeout, the mock's address", async () => {
    const readme = (await read("README.md")).replace(/\s+/g, " ");
    expect(readme).toContain(`at least ${MIN_WAIT_MS} ms`);
    expect(readme).toContain(
      `backing off from ${s(POLL_DEFAULTS.intervalMs)} to ${s(POLL_DEFAULTS.maxIntervalMs)}, within \`timeoutMs\` (${POLL_DEFAULTS.timeoutMs / 60_000} minutes by default)`,
    );
    expect(readme).toContain(`--port ${MOCK_PORT}`);
    expect(readme).toContain(`http://${MOCK_HOST}:${MOCK_PORT}/`);
  });

  it("decision 0005: every default of the poller and of the client's retries", async () => {
    const decision = (await read("docs/decisions/0005-poll-defaults.md")).replace(/\s+/g, " ");
    const { intervalMs, backoffFactor, maxIntervalMs, timeoutMs } = POLL_DEFAULTS;
    expect(decision).toContain(
      `\`intervalMs\` ${s(intervalMs)}, factor ${backoffFactor}, \`maxIntervalMs\` ${s(maxIntervalMs)}`,
    );
    expect(decision).toContain(`\`timeoutMs\` ${timeoutMs / 60_000} min`);
    expect(decision).toContain(`at least ${MIN_WAIT_MS} ms`);
    expect(MAX_RETRY_AFTER_MS).toBe(86_400_000);
    expect(decision).toContain("at most a day");
    expect(decision).toContain(`at least ${s(MIN_POLL_BUDGET_MS)}`);
    expect(decision).toContain(`${DEFAULT_RETRY.maxRetries} retries within a minute`);
    expect(DEFAULT_RETRY.maxDelayMs).toBe(60_000);
    expect(decision).toContain(`under ${s(BASE_DELAY_MS)} · 2^attempt, capped at ${s(MAX_BACKOFF_MS)}`);
  });
});

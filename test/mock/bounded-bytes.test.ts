import { describe, expect, it } from "vitest";
import { MAX_QUERY_VIOLATIONS, MAX_STORY_PROGRESS_CHARS } from "../../src/mock/defaults.ts";
import { formatExchange } from "../../src/mock/format-exchange.ts";
import { createGraphLroHandlers, createMockFetch } from "../../src/mock/index.ts";
import { operationUrl } from "../support/spec-urls.ts";

// What a request can make the mock keep or log, bounded by size as well as by count.
const auth = { headers: { Authorization: "Bearer t" } };

describe("story progress bounded by the size of its keys", () => {
  it("the handlers answer a new long id 503 with a violation once its keys fill the store; none starts over", async () => {
    const handlers = createGraphLroHandlers();
    const fetch = createMockFetch(handlers);
    const story = { headers: { ...auth.headers, Prefer: "story=progress" } };
    const url = (id: string) => operationUrl("roleManagementAlert", { "longRunningOperation-id": id });
    const answer = async (id: string) => {
      const response = await fetch(url(id), story);
      return { status: response.status, body: (await response.json()) as { status?: string; error?: unknown } };
    };
    const first = (await answer("first")).body.status;
    expect((await answer("first")).body.status).not.toBe(first); // the story moved on
    const long = 16_000; // as much as Node's HTTP server lets a request line carry
    let i = 0;
    for (; i * long <= MAX_STORY_PROGRESS_CHARS; i++) {
      const { status } = await answer(`${i}-${"x".repeat(long)}`);
      if (status === 503) break;
    }
    // Refused only at the bound: each key is the id and about a hundred characters more.
    expect(i).toBeGreaterThanOrEqual(Math.floor(MAX_STORY_PROGRESS_CHARS / (long + 200)));
    expect(i * long).toBeLessThanOrEqual(MAX_STORY_PROGRESS_CHARS);
    expect(handlers.violations.at(-1)?.message).toMatch(/mock story progress is past the mock's story store/);
    const more = `more-${"x".repeat(long)}`;
    const refused = await answer(more);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ message: expect.stringContaining("call reset() between tests") });
    const third = await answer("first"); // not forgotten: its story goes on
    expect(third.status).toBe(200);
    expect(third.body.status).not.toBe(first);
    handlers.reset();
    expect((await answer(more)).status).toBe(200);
  }, 120_000);
});

describe("unknown query names", () => {
  it("are reported one by one up to MAX_QUERY_VIOLATIONS, the rest in one, so that a log stays short", async () => {
    const handlers = createGraphLroHandlers();
    const fetch = createMockFetch(handlers);
    const names = Array.from({ length: 1_800 }, (_, i) => `n${i}=1`).join("&");
    const response = await fetch(
      `${operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" })}?${names}`,
      auth,
    );
    expect(response.status).toBe(404); // answered as Graph would, which ignores them
    const found = handlers.violations;
    expect(found).toHaveLength(MAX_QUERY_VIOLATIONS + 1);
    expect(found.at(-1)?.message).toMatch(
      /request query {2}has 1790 more names that are not parameters of this operation/,
    );
    const log = formatExchange({ method: "GET", path: "/", status: 404, ms: 1, violations: found } as never);
    expect(log.split("\n")).toHaveLength(MAX_QUERY_VIOLATIONS + 2);
  });
});

import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../src/mock/bounded-map.ts";
import { MAX_QUERY_VIOLATIONS } from "../../src/mock/check-request.ts";
import { formatExchange } from "../../src/mock/format-exchange.ts";
import { MAX_STORY_PROGRESS_CHARS } from "../../src/mock/handlers.ts";
import { createGraphLroHandlers, createMockFetch } from "../../src/mock/index.ts";
import { operationUrl } from "../support/spec-urls.ts";

// What a request can make the mock keep or log, bounded by size as well as by count.
const auth = { headers: { Authorization: "Bearer t" } };

describe("story progress bounded by the size of its keys", () => {
  it("BoundedMap forgets the least recently used entries once its keys pass maxKeyChars, keeping the newest", () => {
    const map = new BoundedMap<string, number>(100, 10);
    map.set("aaaa", 1);
    map.set("bbbb", 2);
    expect(map.get("aaaa")).toBe(1);
    map.set("cccc", 3); // 12 characters: bbbb, the least recently used, goes
    expect([map.get("aaaa"), map.get("bbbb"), map.get("cccc"), map.size]).toEqual([1, undefined, 3, 2]);
    map.set("x".repeat(50), 4); // alone over the budget: kept, the others go
    expect(map.size).toBe(1);
    map.set("y", 5);
    map.clear();
    map.set("z".repeat(10), 6);
    expect(map.size).toBe(1);
  });

  it("counts a key set again once", () => {
    const map = new BoundedMap<string, number>(100, 10);
    for (let i = 0; i < 5; i++) map.set("aaaa", i);
    map.set("bbbb", 9);
    expect([map.get("aaaa"), map.get("bbbb")]).toEqual([4, 9]);
  });

  it("the handlers start a story over for an id pushed out by long ids, not by ten thousand of them", async () => {
    const fetch = createMockFetch(createGraphLroHandlers());
    const story = { headers: { ...auth.headers, Prefer: "story=progress" } };
    const url = (id: string) => operationUrl("roleManagementAlert", { "longRunningOperation-id": id });
    const step = async (id: string) => ((await (await fetch(url(id), story)).json()) as { status: string }).status;
    const first = await step("first");
    expect(await step("first")).not.toBe(first); // the story moved on
    const long = 16_000; // as much as Node's HTTP server lets a request line carry
    for (let i = 0; i * long <= MAX_STORY_PROGRESS_CHARS; i++) await step(`${i}-${"x".repeat(long)}`);
    expect(await step("first")).toBe(first); // forgotten: the story starts over
  }, 60_000);
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

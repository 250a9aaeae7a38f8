import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { BoundedMap } from "../../src/mock/bounded-map.ts";
import { chooseResponse } from "../../src/mock/choose-response.ts";
import { ContractViolationError } from "../../src/mock/contract-violation-error.ts";
import { createGraphLroHandlers, createMockFetch, MAX_VIOLATIONS, type OpenApiDocument } from "../../src/mock/index.ts";
import { specOperations } from "../../src/mock/spec-operations.ts";
import { createViolationLog } from "../../src/mock/violation-log.ts";
import { operationUrl } from "../support/spec-urls.ts";

describe("BoundedMap", () => {
  it("keeps at most its capacity, forgetting the least recently used entry first", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1); // a is now the most recently used
    map.set("c", 3);
    expect([map.get("a"), map.get("b"), map.get("c"), map.size]).toEqual([1, undefined, 3, 2]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) {
      expect(() => new BoundedMap(capacity)).toThrow(new RangeError("capacity must be a positive integer"));
    }
  });

  it("works with a capacity of one", () => {
    const map = new BoundedMap<string, number>(1);
    map.set("a", 1);
    map.set("b", 2);
    expect([map.get("a"), map.get("b"), map.size]).toEqual([undefined, 2, 1]);
  });
});

describe("story progress", () => {
  const [operation] = specOperations(spec as unknown as OpenApiDocument);
  if (!operation) throw new Error("no operation");
  const step = (progress: BoundedMap<string, number>, id: string) => {
    const request = new Request("https://x.test/", { headers: { Prefer: "story=progress" } });
    const ids = { [operation.idParameter]: id };
    return chooseResponse({ stories: {}, progress }, operation, request, new URLSearchParams(), ids).story?.step;
  };

  it("starts another story on the same id from its first step, and reports the last step past the end", () => {
    const progress = new BoundedMap<string, number>(10);
    const stepOf = (story: string) => {
      const request = new Request("https://x.test/", { headers: { Prefer: `story=${story}` } });
      const ids = { [operation.idParameter]: "same" };
      return chooseResponse({ stories: {}, progress }, operation, request, new URLSearchParams(), ids).story;
    };
    expect([stepOf("progress"), stepOf("progress"), stepOf("failed")]).toEqual([
      { name: "progress", step: 1, steps: 4 },
      { name: "progress", step: 2, steps: 4 },
      { name: "failed", step: 1, steps: 3 },
    ]);
    for (let i = 0; i < 3; i++) stepOf("failed");
    expect(stepOf("failed")).toEqual({ name: "failed", step: 3, steps: 3 });
  });

  it("lives in a bounded map: an id pushed out by others starts its story over", () => {
    const progress = new BoundedMap<string, number>(2);
    expect([step(progress, "a"), step(progress, "a"), step(progress, "b"), step(progress, "c")]).toEqual([1, 2, 1, 1]);
    expect([step(progress, "a"), progress.size]).toEqual([1, 2]);
  });
});

describe("the violation log", () => {
  it("keeps the most recent violations up to its capacity, in one array", () => {
    const log = createViolationLog(3);
    const list = log.list;
    for (let i = 0; i < 5; i++) log.add(new ContractViolationError("op", "request query", `/q${i}`, i, "is unknown"));
    expect(list.map((v) => v.pointer)).toEqual(["/q2", "/q3", "/q4"]);
    log.clear();
    expect(log.list).toBe(list);
    expect(list).toEqual([]);
  });

  it("bounds handlers.violations to MAX_VIOLATIONS", async () => {
    const handlers = createGraphLroHandlers();
    const fetch = createMockFetch(handlers);
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" });
    for (let i = 0; i < MAX_VIOLATIONS + 5; i++)
      await fetch(`${url}?unknown${i}=1`, { headers: { Authorization: "Bearer t" } });
    expect(handlers.violations).toHaveLength(MAX_VIOLATIONS);
    expect(handlers.violations.at(-1)?.pointer).toBe(`/unknown${MAX_VIOLATIONS + 4}`);
  });
});

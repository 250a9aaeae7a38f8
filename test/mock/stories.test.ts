import { describe, expect, it } from "vitest";
import { builtInStories, defineStory } from "../../src/mock/index.ts";

describe("builtInStories", () => {
  it("asks for Retry-After: 2 while running, in progress and failed alike", () => {
    for (const story of [builtInStories.progress, builtInStories.failed]) {
      expect(story.find((step) => step.status === "running")).toEqual({
        kind: "operation",
        status: "running",
        retryAfter: 2,
      });
    }
  });
});

describe("defineStory", () => {
  it("refuses a story without steps", () => {
    expect(() => defineStory().build()).toThrow(new Error("graph-lro mock: a story needs at least one step"));
  });

  it("makes a new builder at each step, leaving the one it came from as it was", () => {
    const running = defineStory().operation("running", { retryAfter: 2 });
    const failed = running.operation("failed");
    const throttled = running.error(429, { retryAfter: 1 });
    expect(running.build()).toEqual([{ kind: "operation", status: "running", retryAfter: 2 }]);
    expect(failed.build()).toEqual([
      { kind: "operation", status: "running", retryAfter: 2 },
      { kind: "operation", status: "failed" },
    ]);
    expect(throttled.build()).toEqual([
      { kind: "operation", status: "running", retryAfter: 2 },
      { kind: "error", status: 429, retryAfter: 1 },
    ]);
  });
});

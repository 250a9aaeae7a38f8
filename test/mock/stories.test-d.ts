import { describe, expectTypeOf, it } from "vitest";
import { defineStory, type StoryBuilder, type StoryErrorStatus } from "../../src/mock/index.ts";

describe("defineStory", () => {
  it("takes the error statuses the spec declares", () => {
    expectTypeOf(defineStory().error(429, { retryAfter: 1 })).toEqualTypeOf<StoryBuilder>();
    expectTypeOf<429>().toExtend<StoryErrorStatus>();
    expectTypeOf<200>().not.toExtend<StoryErrorStatus>();
  });

  it("rejects a status the spec does not declare", () => {
    // @ts-expect-error 418 is no response of the spec's operations.
    defineStory().error(418);
    expectTypeOf<418>().not.toExtend<StoryErrorStatus>();
  });

  it("takes any status string for an operation step, as an evolvable enum allows", () => {
    expectTypeOf(
      defineStory().operation("running").operation("x-graph-lro-test-unknown"),
    ).toEqualTypeOf<StoryBuilder>();
  });
});

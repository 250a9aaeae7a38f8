import { describe, expectTypeOf, it } from "vitest";
import { defineStory, type StoryBuilder, type StoryErrorStatus } from "../../src/mock/index.ts";

// The spec declares 4XX and 5XX for every operation: a story can answer any code in them.
describe("defineStory and the spec's ranges", () => {
  it("takes any code of a declared range", () => {
    expectTypeOf(defineStory().error(504).error(500).error(409).error(405)).toEqualTypeOf<StoryBuilder>();
    expectTypeOf<599 | 400 | 499>().toExtend<StoryErrorStatus>();
  });

  it("takes no code outside them, and no typo for an operation's status", () => {
    // @ts-expect-error 399 is in no declared range
    defineStory().error(399);
    // @ts-expect-error the status is "running"
    defineStory().operation("runing");
  });
});

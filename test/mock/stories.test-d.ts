import { describe, expectTypeOf, it } from "vitest";
import { defineStory, type StoryBuilder, type StoryErrorStatus, type StoryStep } from "../../src/mock/index.ts";

describe("defineStory", () => {
  it("takes the error statuses the spec declares", () => {
    expectTypeOf(defineStory().error(429, { retryAfter: 1 })).toEqualTypeOf<StoryBuilder>();
    expectTypeOf<429>().toExtend<StoryErrorStatus>();
    expectTypeOf<200>().not.toExtend<StoryErrorStatus>();
  });

  it("rejects a status the spec does not declare", () => {
    // @ts-expect-error 302 is no response of the spec's operations, nor in a declared range.
    defineStory().error(302);
    expectTypeOf<302>().not.toExtend<StoryErrorStatus>();
    expectTypeOf<600>().not.toExtend<StoryErrorStatus>();
  });

  it("takes a status string the spec does not list only when it says so, as an evolvable enum allows", () => {
    expectTypeOf(
      defineStory().operation("running").operation("x-graph-lro-test-unknown", { unlisted: true }),
    ).toEqualTypeOf<StoryBuilder>();
    // @ts-expect-error a typo of "running" is no status of the spec
    defineStory().operation("runing");
  });
});

describe("a story step", () => {
  type Options<K extends StoryStep["kind"]> = Omit<Extract<StoryStep, { kind: K }>, "kind" | "status">;

  it("is what the builder takes: its fields but kind and status are the options", () => {
    expectTypeOf<NonNullable<Parameters<StoryBuilder["error"]>[1]>>().toEqualTypeOf<Options<"error">>();
    // The overload for an unlisted status: the last one, which Parameters sees.
    expectTypeOf<Parameters<StoryBuilder["operation"]>[1]>().toEqualTypeOf<Options<"operation"> & { unlisted: true }>();
  });
});

import type { components, operations } from "../../generated/graph-lro.ts";

type Status = components["schemas"]["microsoft.graph.longRunningOperationStatus"];
type LongRunningOperation = components["schemas"]["microsoft.graph.longRunningOperation"];
/** The error statuses the spec declares for the operations. */
export type StoryErrorStatus = Extract<Exclude<keyof operations[keyof operations]["responses"], 200>, number>;

/** One response of a story: an operation in some state, or an error from the spec. */
export type StoryStep =
  | {
      readonly kind: "operation";
      /** A status of the spec, or any other string, as an evolvable enum allows (served only with `strict: false`). */
      readonly status: Status | (string & {});
      /** Retry-After, in seconds. */
      readonly retryAfter?: number;
      /** Properties to set on the body after it is taken from the spec's example. */
      readonly set?: Partial<LongRunningOperation>;
    }
  | { readonly kind: "error"; readonly status: StoryErrorStatus; readonly retryAfter?: number };

/** Responses served in order, one per request; the last one repeats. */
export type Story = readonly StoryStep[];

/** A typed builder for a story of one's own. */
export interface StoryBuilder {
  operation(
    status: Status | (string & {}),
    options?: { retryAfter?: number; set?: Partial<LongRunningOperation> },
  ): StoryBuilder;
  error(status: StoryErrorStatus, options?: { retryAfter?: number }): StoryBuilder;
  build(): Story;
}

/** Starts a story: `defineStory().operation("running", { retryAfter: 2 }).operation("succeeded").build()`. */
export function defineStory(steps: Story = []): StoryBuilder {
  return {
    operation: (status, options = {}) => defineStory([...steps, { kind: "operation", status, ...options }]),
    error: (status, options = {}) => defineStory([...steps, { kind: "error", status, ...options }]),
    build: () => {
      if (steps.length === 0) throw new Error("graph-lro mock: a story needs at least one step");
      return steps;
    },
  };
}

/**
 * The built-in stories, chosen per operation id (handler option `stories`) or per request
 * (`Prefer: story=<name>`). Bodies come from the spec's examples; only the order is scripted here.
 */
export const builtInStories: Readonly<Record<BuiltInStoryName, Story>> = {
  progress: defineStory()
    .operation("notStarted")
    .operation("running", { retryAfter: 2 })
    .operation("running")
    .operation("succeeded")
    .build(),
  failed: defineStory().operation("notStarted").operation("running", { retryAfter: 2 }).operation("failed").build(),
  throttled: defineStory().error(429, { retryAfter: 1 }).operation("succeeded").build(),
  unavailable: defineStory().error(503).operation("succeeded").build(),
  unknownFutureValue: defineStory()
    .operation("running")
    .operation("unknownFutureValue")
    .operation("unknownFutureValue")
    .operation("succeeded")
    .build(),
  unauthorized: defineStory().error(401).build(),
  forbidden: defineStory().error(403).build(),
};

/** Spelled out, not inferred, so that the public API has explicit types (JSR's "no slow types"). */
export type BuiltInStoryName =
  | "progress"
  | "failed"
  | "throttled"
  | "unavailable"
  | "unknownFutureValue"
  | "unauthorized"
  | "forbidden";

import type { components, operations } from "../../generated/graph-lro.ts";

type Status = components["schemas"]["microsoft.graph.longRunningOperationStatus"];
type LongRunningOperation = components["schemas"]["microsoft.graph.longRunningOperation"];
/** The response keys every operation of the spec declares: 200, 404, "4XX"… */
type Declared = keyof operations[keyof operations]["responses"];
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** The codes of a declared error range: "5XX" gives 500 to 599. */
type RangeCodes<K> = K extends `${infer D extends 4 | 5}XX`
  ? `${D}${Digit}${Digit}` extends infer C
    ? C extends `${infer N extends number}`
      ? N
      : never
    : never
  : never;

/**
 * The error statuses a story can answer: each one the spec declares for every operation, and each
 * code of a declared range (`4XX`: 400 to 499; `5XX`: 500 to 599), answered with the spec's body for it.
 */
export type StoryErrorStatus = Exclude<Extract<Declared, number> | RangeCodes<Declared>, 200>;

/**
 * One response of a story: an operation in some state, or an error from the spec. The one declaration of a
 * step's shape: the builder's options are its fields, and the stories file's JSON Schema is keyed by them.
 */
export type StoryStep =
  | {
      readonly kind: "operation";
      /**
       * A status of the spec; another string (an evolvable enum's future member) only with `unlisted: true`,
       * and then each answer is one contract violation unless `strict: false`.
       */
      readonly status: Status | (string & {});
      /** Set to serve a status the spec does not list (yet): a typo must not pass for one. */
      readonly unlisted?: true;
      /** Retry-After, in seconds. */
      readonly retryAfter?: number;
      /** Properties to set on the body after it is taken from the spec's example. */
      readonly set?: Partial<LongRunningOperation>;
    }
  | { readonly kind: "error"; readonly status: StoryErrorStatus; readonly retryAfter?: number };

/** A step of one kind. */
export type StepOf<K extends StoryStep["kind"]> = Extract<StoryStep, { kind: K }>;

/** What a builder method takes besides the status: the step's other fields. */
type StepOptions<K extends StoryStep["kind"]> = Omit<StepOf<K>, "kind" | "status">;

/** Responses served in order, one per request; the last one repeats. */
export type Story = readonly StoryStep[];

/** A typed builder for a story of one's own. */
export interface StoryBuilder {
  /** A state of the operation, with the spec's example for it. */
  operation(status: Status, options?: Omit<StepOptions<"operation">, "unlisted">): StoryBuilder;
  /** A status the spec does not list (yet), as an evolvable enum allows: say so with `unlisted: true`. */
  operation(status: string, options: StepOptions<"operation"> & { unlisted: true }): StoryBuilder;
  error(status: StoryErrorStatus, options?: StepOptions<"error">): StoryBuilder;
  build(): Story;
}

/** Starts a story: `defineStory().operation("running", { retryAfter: 2 }).operation("succeeded").build()`. */
export function defineStory(steps: Story = []): StoryBuilder {
  return {
    operation: (status: string, options = {}) => defineStory([...steps, { kind: "operation", status, ...options }]),
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
  // Graph may send a 503 without Retry-After; the built-in one sends it, as its body asks the caller to honour it.
  unavailable: defineStory().error(503, { retryAfter: 1 }).operation("succeeded").build(),
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

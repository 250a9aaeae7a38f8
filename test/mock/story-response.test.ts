import { beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { builtInStories, defineStory, type OpenApiDocument } from "../../src/mock/index.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { storyResponse } from "../../src/mock/story-response.ts";

type Body = { status?: string; createdDateTime?: string; lastActionDateTime?: string; id?: string };
const stories = Object.entries(builtInStories).filter(([, story]) => story.some((step) => step.kind === "operation"));

describe.each(Object.keys(routes))("storyResponse on %s", (operationId) => {
  // Read per test, so that what the mock does to read the spec is part of each test (decision 0023b).
  let operation: SpecOperation;
  beforeEach(() => {
    operation = specOperations(spec as unknown as OpenApiDocument).find(
      (o) => o.operationId === operationId,
    ) as SpecOperation;
  });
  const example = (status: string) => operation.examples.map((e) => e.value as Body).find((v) => v.status === status);

  it.each(stories)(
    "moves %s forward in time: createdDateTime stays, lastActionDateTime never goes back",
    (_, story) => {
      const bodies = Array.from({ length: story.length + 1 }, (_, i) => storyResponse(operation, story, i, "x"))
        .filter((response) => response.status === 200)
        .map((response) => response.body as Body);
      expect(new Set(bodies.map((b) => b.createdDateTime)).size).toBe(1);
      const created = Date.parse(bodies[0]?.createdDateTime as string);
      const times = bodies.map((b) => Date.parse(b.lastActionDateTime as string));
      for (const [i, time] of times.entries())
        expect(time).toBeGreaterThanOrEqual(i === 0 ? created : (times[i - 1] as number));
    },
  );

  it("starts with the first step's example times, verbatim", () => {
    const body = storyResponse(operation, builtInStories.progress, 0, "x").body as Body;
    const notStarted = example("notStarted");
    expect(body).toMatchObject({ id: "x", status: "notStarted" });
    expect([body.createdDateTime, body.lastActionDateTime]).toEqual([
      notStarted?.createdDateTime,
      notStarted?.lastActionDateTime,
    ]);
  });

  it("adds each state's elapsed time from its example to the story's start", () => {
    const [notStarted, succeeded] = [example("notStarted"), example("succeeded")];
    const elapsed =
      Date.parse(succeeded?.lastActionDateTime as string) - Date.parse(succeeded?.createdDateTime as string);
    const body = storyResponse(operation, builtInStories.progress, 3, "x").body as Body;
    expect(body.status).toBe("succeeded");
    expect(Date.parse(body.lastActionDateTime as string)).toBe(
      Date.parse(notStarted?.createdDateTime as string) + elapsed,
    );
  });

  it("takes no times from a story's error steps", () => {
    const succeeded = example("succeeded");
    const body = storyResponse(operation, builtInStories.throttled, 1, "x").body as Body;
    expect(body.status).toBe("succeeded");
    expect(Date.parse(body.createdDateTime as string)).toBe(Date.parse(succeeded?.createdDateTime as string));
    expect(Date.parse(body.lastActionDateTime as string)).toBe(Date.parse(succeeded?.lastActionDateTime as string));
  });

  it("keeps an example's times as they are when its createdDateTime is not a date-time string", () => {
    const story = defineStory().operation("running").build();
    for (const createdDateTime of [undefined, 0]) {
      const value = { id: "e", status: "running", createdDateTime, lastActionDateTime: "2024-01-01T00:00:00Z" };
      const odd = { ...operation, examples: [{ name: "odd", value }] };
      expect(storyResponse(odd, story, 0, "x").body).toEqual({ ...value, id: "x" });
    }
  });

  it("skips an example without lastActionDateTime when it moves time on", () => {
    const created = "2024-01-01T00:00:00Z";
    const examples = [
      {
        name: "running",
        value: { status: "running", createdDateTime: created, lastActionDateTime: "2024-01-01T00:00:05Z" },
      },
      { name: "succeeded", value: { status: "succeeded", createdDateTime: created } },
    ];
    const story = defineStory().operation("running").operation("succeeded").build();
    const body = storyResponse({ ...operation, examples }, story, 1, "x").body as Body;
    expect([body.createdDateTime, body.lastActionDateTime]).toEqual([created, "2024-01-01T00:00:05.000Z"]);
  });

  it("lets a step's `set` override the times", () => {
    const story = defineStory()
      .operation("running", { set: { lastActionDateTime: "2030-01-01T00:00:00Z" } })
      .build();
    expect(storyResponse(operation, story, 0, "x").body).toMatchObject({ lastActionDateTime: "2030-01-01T00:00:00Z" });
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { ContractViolationError } from "../../src/errors/contract-violation-error.ts";
import { answerStart } from "../../src/mock/answer-start.ts";
import type { StartedStory } from "../../src/mock/choose-response.ts";
import { chooseResponse } from "../../src/mock/choose-response.ts";
import { MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS } from "../../src/mock/defaults.ts";
import { createGraphLroHandlers, createMockFetch, MAX_VIOLATIONS, type OpenApiDocument } from "../../src/mock/index.ts";
import { errorResponse } from "../../src/mock/mock-response.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { specStarts } from "../../src/mock/spec-starts.ts";
import { builtInStories } from "../../src/mock/stories.ts";
import { BoundedStore, StoryProgress } from "../../src/mock/story-progress.ts";

import { createViolationLog } from "../../src/mock/violation-log.ts";
import { operationUrl } from "../support/spec-urls.ts";

describe("StoryProgress", () => {
  it("counts each key's steps from 0, and refuses a new key past its capacity, never forgetting one", () => {
    const progress = new StoryProgress(2);
    expect([progress.advance("a"), progress.advance("a"), progress.advance("b")]).toEqual([0, 1, 0]);
    expect(progress.advance("c")).toBeUndefined();
    expect([progress.advance("a"), progress.advance("b"), progress.size]).toEqual([2, 1, 2]);
    progress.clear();
    expect([progress.advance("c"), progress.size]).toEqual([0, 1]);
  });

  it("refuses a new key past maxKeyChars, counting a key once however often it advances", () => {
    const progress = new StoryProgress(100, 10);
    for (let i = 0; i < 5; i++) progress.advance("aaaa");
    expect(progress.advance("bbbbbb")).toBe(0); // 10 characters: at the bound, not past it
    expect(progress.advance("c")).toBeUndefined();
    expect(progress.advance("aaaa")).toBe(5);
  });

  it("refuses a capacity that is not a positive integer", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) {
      expect(() => new StoryProgress(capacity)).toThrow(new RangeError("capacity must be a positive integer"));
    }
  });
});

describe("story progress", () => {
  let operation: SpecOperation;
  beforeEach(() => {
    const [first] = specOperations(spec as unknown as OpenApiDocument);
    if (!first) throw new Error("no operation");
    operation = first;
  });
  const step = (progress: StoryProgress, id: string) => {
    const request = new Request("https://x.test/", { headers: { Prefer: "story=progress" } });
    const ids = { [operation.idParameter]: id };
    return chooseResponse({ stories: {}, progress }, operation, request, new URLSearchParams(), ids).story?.step;
  };

  it("starts another story on the same id from its first step, and reports the last step past the end", () => {
    const progress = new StoryProgress(10);
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

  it("takes 20,000 ids at once, each polled in turn, each to its story's end (the old 10,000-key cliff)", () => {
    const progress = new StoryProgress(MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS);
    const ids = Array.from({ length: 20_000 }, (_, i) => `operation-${i}`);
    const steps = builtInStories.progress.length;
    let last: (number | undefined)[] = [];
    for (let poll = 0; poll < steps; poll++) last = ids.map((id) => step(progress, id));
    expect(new Set(last)).toEqual(new Set([steps]));
    expect(progress.size).toBe(20_000);
  }, 60_000);

  it("at its bound, answers a new id Graph's 503 saying why, with a violation; stories under way go on", () => {
    const progress = new StoryProgress(MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS);
    expect(step(progress, "operation-0")).toBe(1);
    // The rest of the store filled directly: a request each would take seconds.
    for (let i = 1; i < MAX_STORY_PROGRESS; i++) progress.advance(`filler-${i}`);
    const request = new Request("https://x.test/", { headers: { Prefer: "story=progress" } });
    const ids = { [operation.idParameter]: "one-too-many" };
    const choice = chooseResponse({ stories: {}, progress }, operation, request, new URLSearchParams(), ids);
    expect(choice.response.status).toBe(503);
    const body = choice.response.body as { error: { code: string; message: string } };
    // Graph's error body for a 503, as the spec has it, saying why.
    const graphs = errorResponse(operation, 503).body as { error: { code: string } };
    expect(body.error.code).toBe(graphs.error.code);
    expect(body.error.message).toBe(
      "graph-lro mock: story progress is past the mock's story store (100,000 story progressions, 16,000,000 characters of ids): call reset() between tests, or use fewer ids",
    );
    expect(choice.violations?.map((v) => v.message)).toEqual([
      `${operation.operationId}: mock story progress is past the mock's story store (100,000 story progressions, 16,000,000 characters of ids): call reset() between tests, or use fewer ids (got "one-too-many")`,
    ]);
    expect(choice.story).toBeUndefined();
    // Never a restart: the first id goes on to its second step, and the refused id stays refused.
    expect(step(progress, "operation-0")).toBe(2);
    expect(step(progress, "one-too-many")).toBeUndefined();
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

describe("BoundedStore", () => {
  it("keeps each key's story, refusing a new key past its capacity or maxKeyChars, never forgetting one", () => {
    const started = new BoundedStore<string>(2, 10);
    expect([started.add("a", "1"), started.add("b", "2"), started.add("c", "3")]).toEqual([true, true, false]);
    // A key already there is updated, whatever the bound; nothing was forgotten to make room.
    expect([started.get("a"), started.get("c"), started.add("a", "4"), started.get("a")]).toEqual([
      "1",
      undefined,
      true,
      "4",
    ]);
    started.clear();
    expect([started.add("x".repeat(11), "long"), started.add("x".repeat(10), "at the bound")]).toEqual([false, true]);
  });

  it("refuses a capacity that is not a positive integer, as StoryProgress does", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) {
      expect(() => new BoundedStore(capacity)).toThrow(new RangeError("capacity must be a positive integer"));
    }
  });

  it("at its bound, answers a start Graph's 503 saying why, with a violation, and keeps the started ones", async () => {
    const { start, post: postFor } = startPoster({ progress: 10, started: 1 });
    const post = () => postFor((name) => `${name}-1`);
    const first = await post();
    expect(first.response.status).toBe(202);
    const second = await post();
    expect(second.response.status).toBe(503);
    const body = second.response.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe((errorResponse(start, 503).body as { error: { code: string } }).error.code);
    expect(body.error.message).toContain("past the mock's store of started operations (1,");
    expect(second.violations.map((v) => v.message)).toEqual([expect.stringContaining("call reset() between tests")]);
    expect(second.location).toBeUndefined();
  });

  it("at the story store's bound, answers a start whose story begins with errors Graph's 503, with a violation", async () => {
    const { post: postFor } = startPoster({ progress: 1, started: 10, story: "throttled" });
    const post = (id: string) => postFor(() => id);
    // The first ids take the one place: their 429, then their 202; other ids find the store full.
    expect([(await post("a")).response.status, (await post("a")).response.status]).toEqual([429, 202]);
    const full = await post("b");
    expect(full.response.status).toBe(503);
    expect(full.violations.map((v) => v.message)).toEqual([expect.stringContaining("past the mock's story store (1")]);
  });
});

/**
 * A start of the spec without a required body and with a path id, answered by answerStart with stores of the
 * given sizes (and its story, if given): `post` sends it with a token of its scopes, its ids made by `idOf`.
 */
function startPoster({ progress, started, story }: { progress: number; started: number; story?: "throttled" }) {
  const doc = spec as unknown as OpenApiDocument;
  const start = specStarts(doc, specOperations(doc)).find((s) => !s.bodyRequired && s.pathParameters.length > 0);
  if (!start) throw new Error("no start without a required body, with a path id");
  const context = {
    stories: {},
    progress: new StoryProgress(progress),
    started: new BoundedStore<StartedStory>(started),
    starts: story ? { [start.start]: story } : {},
    validate: createSchemaValidator(),
    strict: true,
  };
  const post = (idOf: (name: string) => string) =>
    answerStart(
      context,
      start,
      new Request("https://x.test/", {
        method: "POST",
        headers: { authorization: `Bearer scopes=${start.scopes.join(",")}` },
      }),
      Object.fromEntries(start.pathParameters.map(({ name }) => [name, idOf(name)])),
      "https://x.test",
    );
  return { start, post };
}

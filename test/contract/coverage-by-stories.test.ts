import { describe, expect, it } from "vitest";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroClient,
  type LongRunningOperationStatus,
  type OperationRef,
  type StartName,
  startOperation,
} from "../../src/index.ts";
import {
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  formatCoverage,
  type Story,
  type StoryErrorStatus,
} from "../../src/mock/index.ts";

// A contract test that reaches every response the spec declares for every operation, and every
// example, through stories alone: the statuses, ranges and examples are read from the spec.

type SpecResponse = {
  headers?: Record<string, unknown>;
  content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
};
type SpecGet = { operationId: string; responses: Record<string, SpecResponse> };
const paths = spec.paths as unknown as Record<string, { get: SpecGet }>;

/** A status that a response key stands for: itself, or for a range (`5XX`) its first code declared nowhere else. */
function statusFor(key: string, declared: readonly string[]): number {
  if (!/^[45]XX$/.test(key)) return Number(key);
  const first = Number(key[0]) * 100;
  const free = Array.from({ length: 100 }, (_, i) => first + i).find((code) => !declared.includes(String(code)));
  return free as number;
}

/** One story that answers each declared response of `get` once, its success once per named example. */
function storyReachingAll(get: SpecGet): { story: Story; statuses: number[] } {
  const declared = Object.keys(get.responses);
  let builder = defineStory();
  const statuses: number[] = [];
  for (const key of declared) {
    const response = get.responses[key] as SpecResponse;
    const status = statusFor(key, declared);
    if (status === 200) {
      const examples = Object.values(response.content?.["application/json"]?.examples ?? {});
      for (const { value } of examples) {
        builder = builder.operation((value as { status: LongRunningOperationStatus }).status);
        statuses.push(200);
      }
      continue;
    }
    // A Retry-After where the spec declares one for the response, as Graph would send it.
    const retryAfter = response.headers?.["Retry-After"] ? 1 : undefined;
    builder = builder.error(status as StoryErrorStatus, { retryAfter });
    statuses.push(status);
  }
  return { story: builder.build(), statuses };
}

const routes = Object.values(operations);
const ids = routes.map((route) => `reach-all-${route.kind}`);

/**
 * Handlers playing, on each GET, one story that reaches all its responses, a client on them with no retries (each
 * call is one answer, one step of the story), and `play(i)`, which plays route i's story through. Built inside each
 * test, so that what the mock does while building is part of the test that checks it.
 */
function reachingAll() {
  const plans = routes.map((route) => storyReachingAll(paths[route.path]?.get as SpecGet));
  const handlers = createGraphLroHandlers({
    stories: Object.fromEntries(ids.map((id, i) => [id, (plans[i] as { story: Story }).story])),
  });
  const graph = createGraphLroClient({
    fetch: createMockFetch(handlers),
    token: "mock-token",
    retry: { maxRetries: 0 },
  });
  const play = async (i: number) => {
    const route = routes[i] as (typeof routes)[number];
    const answered: number[] = [];
    for (const _ of (plans[i] as { statuses: number[] }).statuses) {
      const status = await graph.getOperation(refOf(route, ids[i] as string)).then(
        (result) => result.status,
        (error: { status: number }) => error.status,
      );
      answered.push(status);
    }
    return answered;
  };
  return { plans, handlers, play };
}

/** A ref of `route` for `operationId`, its other fields (a user) filled in. */
function refOf(route: (typeof routes)[number], operationId: string): OperationRef {
  const fields = Object.values(route.refFields).map((field) => [
    field,
    field === "operationId" ? operationId : "a-user",
  ]);
  return { kind: route.kind, ...Object.fromEntries(fields) } as OperationRef;
}

describe("a contract test reaching every declared response through stories alone", () => {
  it.for(routes.map((route, i) => [route.kind, i] as const))("plays one story through on %s", async ([, i]) => {
    const { plans, play } = reachingAll();
    expect(await play(i)).toEqual((plans[i] as { statuses: number[] }).statuses);
  });

  it("has served 100% of the declared responses and examples of every GET, with no violation", async () => {
    const { handlers, play } = reachingAll();
    for (const i of routes.keys()) await play(i);
    const coverage = handlers.coverage();
    const table = formatCoverage(coverage);
    // The closing note of the change shows this table.
    console.log(table);
    expect(handlers.violations.map((v) => v.message)).toEqual([]);
    const declared = routes.flatMap((route) => Object.keys(paths[route.path]?.get.responses ?? {}));
    // These stories play on the GETs; the POSTs that start operations have their own below.
    const polled = coverage.responses.filter((r) => Object.hasOwn(operations, r.operationId));
    expect(polled).toHaveLength(declared.length);
    expect(polled.filter((r) => r.served === 0)).toEqual([]);
    expect(coverage.examples.filter((e) => e.served === 0 && Object.hasOwn(operations, e.operationId))).toEqual([]);
    expect(table).toContain(
      `contract coverage: ${declared.length} of ${coverage.responses.length} declared responses served`,
    );
    const examples = coverage.examples.filter((e) => Object.hasOwn(operations, e.operationId)).length;
    expect(table).toContain(`examples: ${examples} of ${coverage.examples.length} served`);
  });
});

describe("a contract test reaching every declared response of every start through its story alone", () => {
  type SpecPost = {
    responses: Record<string, SpecResponse>;
    requestBody?: { content: Record<string, { examples?: Record<string, { value: object }> }> };
  };
  const names = Object.keys(starts) as StartName[];
  const postOf = (name: StartName) =>
    (spec.paths as unknown as Record<string, { post: SpecPost }>)[starts[name].path]?.post as SpecPost;

  /** A story whose errors (the POST's own) answer each declared error response of the start once. */
  function startStory(post: SpecPost): { story: Story; statuses: number[] } {
    const declared = Object.keys(post.responses);
    let builder = defineStory();
    const statuses: number[] = [];
    for (const key of declared.filter((k) => !k.startsWith("2"))) {
      const status = statusFor(key, declared);
      builder = builder.error(status as StoryErrorStatus, {
        retryAfter: post.responses[key]?.headers?.["Retry-After"] ? 1 : undefined,
      });
      statuses.push(status);
    }
    return { story: builder.operation("succeeded").build(), statuses };
  }

  it.for(names)("plays one story through on %s, then starts once per example body", async (name) => {
    const post = postOf(name);
    const { story, statuses } = startStory(post);
    const startHandlers = createGraphLroHandlers({ starts: { [name]: story } });
    const client = createGraphLroClient({
      fetch: createMockFetch(startHandlers),
      token: "mock-token",
      retry: { maxRetries: 0 },
    });
    const ids = Object.fromEntries(Object.values(starts[name].fields).map((field) => [field, `reach-all-${field}`]));
    const bodies = Object.values(post.requestBody?.content["application/json"]?.examples ?? { none: { value: {} } });
    const start = (body: object) =>
      startOperation(client, name, { ...ids, ...body } as never).then(
        (started) => started.status,
        (error: { status: number }) => error.status,
      );
    const answered: number[] = [];
    for (const _ of statuses) answered.push(await start(bodies[0]?.value ?? {}));
    for (const { value } of bodies) answered.push(await start(value));
    expect(answered).toEqual([...statuses, ...bodies.map(() => 202)]);
    const coverage = startHandlers.coverage();
    const rows = coverage.responses.filter((r) => r.operationId === starts[name].operationId);
    expect(rows.map((r) => r.status)).toEqual(Object.keys(post.responses));
    expect(rows.filter((r) => r.served === 0)).toEqual([]);
    expect(coverage.examples.filter((e) => e.operationId === starts[name].operationId && e.served === 0)).toEqual([]);
    expect(startHandlers.violations.map((v) => v.message)).toEqual([]);
  });
});

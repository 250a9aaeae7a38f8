import { beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  formatCoverage,
  type OpenApiDocument,
  type Story,
} from "../../src/mock/index.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { specStarts } from "../../src/mock/spec-starts.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";

// Read in a beforeEach, which Stryker counts as part of each test: read as the file loaded, every mutant it
// reached was static (decision 0023b).
let operations: SpecOperation[];
beforeEach(() => {
  operations = specOperations(spec as unknown as OpenApiDocument);
});
const exampleId = (operation: SpecOperation, index = 0) =>
  (operation.examples[index]?.value as { id?: string } | undefined)?.id ?? "";

describe("handlers.coverage()", () => {
  it("has one row per operation and declared response status, all unserved at first", () => {
    const { responses } = createGraphLroHandlers().coverage();
    // The GETs, then the POSTs that start their operations.
    const all = [...operations, ...specStarts(spec as unknown as OpenApiDocument, operations)];
    const declared = all.flatMap((o) => Object.keys(o.responses).map((status) => [o.operationId, status]));
    expect(responses.map((r) => [r.operationId, r.status])).toEqual(declared);
    expect(responses.every((r) => r.served === 0)).toBe(true);
  });

  it("shows served: 0 for a 429 that a suite of examples and unknown ids never provokes", async () => {
    const handlers = createGraphLroHandlers();
    const client = bareClient(createMockFetch(handlers));
    for (const operation of operations) {
      await getOperation(client, operation, exampleId(operation));
      await getOperation(client, operation, exampleId(operation, 1));
      await getOperation(client, operation, "no-such-operation");
    }
    const { responses, examples } = handlers.coverage();
    const row = (operationId: string, status: string) =>
      responses.find((r) => r.operationId === operationId && r.status === status)?.served;
    for (const { operationId } of operations) {
      expect([row(operationId, "200"), row(operationId, "404"), row(operationId, "429")]).toEqual([2, 1, 0]);
    }
    expect(examples.filter((e) => e.served > 0)).toHaveLength(operations.length * 2);
  });

  it("counts the stories played, built-in and one's own, and the range a status falls in", async () => {
    const mine = defineStory().operation("running").error(404).build();
    const handlers = createGraphLroHandlers({ stories: { mine } });
    const fetch = createMockFetch(handlers);
    const client = bareClient(fetch);
    const [operation] = operations;
    if (!operation) throw new Error("no operation");
    await getOperation(client, operation, "mine");
    await getOperation(client, operation, "t", { headers: { Prefer: "story=throttled" } });
    await getOperation(client, operation, "t", { headers: { Prefer: "story=throttled" } });
    const { stories, responses } = handlers.coverage();
    expect(stories.filter((s) => s.served > 0)).toEqual([
      { name: "throttled", served: 2 },
      { name: 'stories["mine"]', served: 1 },
    ]);
    const served = responses.filter((r) => r.operationId === operation.operationId && r.served > 0);
    expect(served.map((r) => [r.status, r.served])).toEqual([
      ["200", 2],
      ["429", 1],
    ]);
  });

  it("keeps counting across reset(), which starts stories over", async () => {
    const handlers = createGraphLroHandlers();
    const [operation] = operations;
    if (!operation) throw new Error("no operation");
    await getOperation(bareClient(createMockFetch(handlers)), operation, exampleId(operation));
    handlers.reset();
    expect(handlers.coverage().responses.find((r) => r.status === "200")?.served).toBe(1);
  });

  it("is a copy: changing it changes nothing in the handlers", () => {
    const handlers = createGraphLroHandlers();
    (handlers.coverage().responses[0] as { served: number }).served = 9;
    expect(handlers.coverage().responses[0]?.served).toBe(0);
  });
});

describe("formatCoverage", () => {
  it("prints a short table: the total, a column per status, a line per operation, stories and examples", async () => {
    const handlers = createGraphLroHandlers();
    const [operation] = operations;
    if (!operation) throw new Error("no operation");
    await getOperation(bareClient(createMockFetch(handlers)), operation, exampleId(operation));
    const total = handlers.coverage().responses.length;
    const lines = formatCoverage(handlers.coverage()).split("\n");
    expect(lines[0]).toBe(`contract coverage: 1 of ${total} declared responses served`);
    // The columns: every status some operation declares (a start adds 202), in the order first seen.
    const columns = [...new Set(handlers.coverage().responses.map((r) => r.status))];
    expect(lines[1]?.split(/\s+/)).toEqual(["operation", ...columns]);
    expect(lines[2]?.trim().split(/\s+/)).toEqual([
      operation.operationId,
      ...columns.filter((c) => c in operation.responses).map((_, i) => (i === 0 ? "1" : "0")),
    ]);
    const rows = new Set(handlers.coverage().responses.map((r) => r.operationId)).size;
    expect(lines).toHaveLength(2 + rows + 2);
    expect(lines.at(-2)).toMatch(/^stories: progress 0, /);
    expect(lines.at(-1)).toMatch(/^examples: 1 of \d+ served; never: /);
  });

  it("aligns the columns, leaves a status an operation does not declare empty, and lists unserved examples", () => {
    const text = formatCoverage({
      responses: [
        { operationId: "a.long.operation.id", status: "200", served: 3 },
        { operationId: "a.long.operation.id", status: "4XX", served: 0 },
        { operationId: "a.long.operation.id", status: "default", served: 1 },
        { operationId: "b", status: "200", served: 0 },
      ],
      stories: [{ name: "progress", served: 1 }],
      examples: [
        { operationId: "a.long.operation.id", name: "running", served: 2 },
        { operationId: "a.long.operation.id", name: "failed", served: 0 },
        { operationId: "b", name: "one", served: 0 },
        { operationId: "b", name: "two", served: 0 },
      ],
    });
    expect(text.split("\n")).toEqual([
      "contract coverage: 2 of 4 declared responses served",
      "operation             200   4XX  default",
      "a.long.operation.id     3     0        1",
      "b                       0               ",
      "stories: progress 1",
      "examples: 1 of 4 served; never: a.long.operation.id (failed); b (one, two)",
    ]);
  });

  it("names no example when every one was served", () => {
    const text = formatCoverage({
      responses: [{ operationId: "op", status: "200", served: 1 }],
      stories: [],
      examples: [{ operationId: "op", name: "e", served: 1 }],
    });
    expect(text.split("\n")).toEqual([
      "contract coverage: 1 of 1 declared responses served",
      "operation   200",
      "op            1",
      "stories: ",
      "examples: 1 of 1 served",
    ]);
  });

  it("escapes control characters in names", () => {
    const text = formatCoverage({
      responses: [{ operationId: "op\u001b[2J", status: "200", served: 0 }],
      stories: [{ name: "x\u009b", served: 0 }],
      examples: [],
    });
    expect(text).not.toMatch(/\p{Cc}(?<!\n)/u);
    expect(text).toContain("op\\x1b[2J");
  });
});

describe("coverage of a spec that declares ranges and default", () => {
  const example = (code: string) => ({
    content: { "application/json": { examples: { e: { value: { error: { code, message: code } } } } } },
  });
  // One operation whose only error responses are a range and `default`: a served 404 or 500 has no row of its own.
  const doc: OpenApiDocument = {
    servers: [{ url: "https://x.test/v1" }],
    paths: {
      "/items/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          operationId: "items.get",
          responses: {
            "200": { content: { "application/json": {} } },
            "4XX": example("Denied"),
            default: example("Oops"),
          },
        },
      },
    },
  };

  it("counts a served status under the spec's key that covers it (4XX, default), not under the status itself", async () => {
    const broken = [{ kind: "error", status: 500 }] as unknown as Story;
    const handlers = createGraphLroHandlers({ spec: doc, stories: { broken } });
    const fetch = createMockFetch(handlers);
    // An id no story or example knows is not found.
    expect((await fetch("https://x.test/v1/items/abc", { headers: { Authorization: "Bearer t" } })).status).toBe(404);
    const served = await fetch("https://x.test/v1/items/broken", { headers: { Authorization: "Bearer t" } });
    expect(served.status).toBe(500);
    expect(handlers.coverage().responses.map((r) => [r.status, r.served])).toEqual([
      ["200", 0],
      ["4XX", 1],
      ["default", 1],
    ]);
  });
});

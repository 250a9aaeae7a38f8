import { beforeEach, describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroClient, type OperationRef } from "../../src/index.ts";
import {
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  formatCoverage,
  type MockCoverage,
  type OpenApiDocument,
} from "../../src/mock/index.ts";
import { declaredStatus } from "../../src/mock/mock-response.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";

// Coverage maps each status served to the spec's key for it, and counts what stories serve.

// Read in a beforeEach, which Stryker counts as part of each test: read as the file loaded, every mutant it
// reached was static (decision 0023b).
let operations: SpecOperation[];
let operation: SpecOperation;
/** The operation whose ref needs only an operationId, found by its x-graph-lro-kind. */
const route = Object.values(routes).find(
  (r) => Object.keys(r.refFields).length === 1,
) as (typeof routes)[keyof typeof routes];
beforeEach(() => {
  operations = specOperations(spec as unknown as OpenApiDocument);
  operation = operations.find((o) => o.path === route.path) as SpecOperation;
});
const ref = (operationId: string) => ({ kind: route.kind, operationId }) as OperationRef;
const rangeOf = (status: number) => declaredStatus(operation, status);
const served = (coverage: MockCoverage, status: string) =>
  coverage.responses.find((r) => r.operationId === operation.operationId && r.status === status)?.served;

describe("coverage by the spec's key", () => {
  it("counts a story's 504 under 5XX and its 409 under 4XX, with the spec's body and no violation", async () => {
    // Only meaningful while the spec declares the ranges and not these codes themselves.
    expect([rangeOf(504), rangeOf(409)]).toEqual(["5XX", "4XX"]);
    const handlers = createGraphLroHandlers({ stories: { op: defineStory().error(504).error(409).build() } });
    const client = createGraphLroClient({ fetch: createMockFetch(handlers), token: "t", retry: { maxRetries: 0 } });
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push(await client.getOperation(ref("op")).catch((e) => e.status));
    expect(statuses).toEqual([504, 409]);
    expect(handlers.violations).toEqual([]);
    expect([served(handlers.coverage(), "5XX"), served(handlers.coverage(), "4XX")]).toEqual([1, 1]);
  });

  it("counts a 405 under 4XX of the path's operation", async () => {
    const handlers = createGraphLroHandlers();
    const fetch = createMockFetch(handlers);
    const url = `${spec.servers[0].url}${route.path.replace(/\{[^}]+\}/g, "x")}`;
    const response = await fetch(new Request(url, { method: "POST", headers: { authorization: "Bearer t" } }));
    expect(response.status).toBe(405);
    expect(served(handlers.coverage(), rangeOf(405) as string)).toBe(1);
  });

  it("counts the examples that story steps serve", async () => {
    const handlers = createGraphLroHandlers({ stories: { op: "progress" } });
    const client = createGraphLroClient({ fetch: createMockFetch(handlers), token: "t" });
    await client.getOperation(ref("op"));
    const byName = handlers.coverage().examples.filter((e) => e.operationId === operation.operationId && e.served);
    const first = operation.examples.find((e) => (e.value as { status?: string }).status === "notStarted");
    expect(byName.map((e) => e.name)).toEqual([first?.name]);
  });

  it("reports a status the spec does not list as one violation naming what the spec allows", async () => {
    const typo = defineStory().operation("runing", { unlisted: true }).build();
    const handlers = createGraphLroHandlers({ stories: { op: typo } });
    await createGraphLroClient({ fetch: createMockFetch(handlers), token: "t" }).getOperation(ref("op"));
    expect(handlers.violations).toHaveLength(1);
    expect(handlers.violations[0]?.message).toMatch(
      /\/status must be one of notStarted, running, .*or null \(got "runing"\)/,
    );
    const lax = createGraphLroHandlers({ stories: { op: typo }, strict: false });
    await createGraphLroClient({ fetch: createMockFetch(lax), token: "t" }).getOperation(ref("op"));
    expect(lax.violations).toEqual([]);
  });
});

describe("formatCoverage", () => {
  it("widens a column to its widest count, so counts never run together", () => {
    const { responses, stories, examples } = createGraphLroHandlers().coverage();
    const wide = responses.map((r, i) => ({ ...r, served: i % 2 ? 1_151_150 : 7 }));
    const lines = formatCoverage({ responses: wide, stories, examples }).split("\n");
    for (const line of lines.slice(2, 2 + operations.length)) {
      const cells = line.trim().split(/\s+/).slice(1);
      expect(cells).toHaveLength(Object.keys(operation.responses).length);
      expect(cells.every((c) => c === "7" || c === "1151150")).toBe(true);
    }
  });
});

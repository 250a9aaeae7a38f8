import { beforeEach, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  ContractViolationError,
  createGraphLroHandlers,
  createMockFetch,
  defineStory,
  type OpenApiDocument,
} from "../../src/mock/index.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";
import { operationUrl } from "../support/spec-urls.ts";

// The contract check must fail when the spec and what the mock serves disagree.
// biome-ignore lint/suspicious/noExplicitAny: these tests edit the spec data freely.
type Mutable = Record<string, any>;
// Read in a beforeEach, which Stryker counts as part of each test: read as the file loaded, every mutant it
// reached was static (decision 0023b).
let alert: SpecOperation;
let runningId: string;
beforeEach(() => {
  const [first] = specOperations(spec as unknown as OpenApiDocument);
  if (!first) throw new Error("the spec has no operation");
  alert = first;
  runningId = alert.examples.map((e) => e.value as Mutable).find((v) => v.status === "running")?.id as string;
});
const alertSchema = (doc: Mutable) => doc.paths[alert.path].get.responses["200"].content["application/json"].schema;

async function violationFor(doc: Mutable, id = runningId, stories = {}) {
  const fetch = createMockFetch(createGraphLroHandlers({ spec: doc as OpenApiDocument, stories }), {
    onViolation: "throw",
  });
  const error = await getOperation(bareClient(fetch), alert as never, id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractViolationError);
  return error as ContractViolationError;
}

describe("the contract check bites", () => {
  it("reports a property the spec renamed, naming the operation, the pointer and the value", async () => {
    const doc = structuredClone(spec) as Mutable;
    const schema = alertSchema(doc);
    schema.properties.progressDetail = schema.properties.statusDetail;
    delete schema.properties.statusDetail;
    schema.additionalProperties = false;
    const error = await violationFor(doc);
    expect(error.operationId).toBe(alert.operationId);
    expect(error.message).toContain("identityGovernance.roleManagementAlerts.GetOperations: response 200 body /");
    expect(error.message).toContain("must NOT have additional properties");
  });

  it("reports an enum value the spec dropped", async () => {
    const doc = structuredClone(spec) as Mutable;
    const status = alertSchema(doc).properties.status.anyOf[0];
    status.enum = status.enum.filter((value: string) => value !== "running");
    const error = await violationFor(doc);
    expect(error.pointer).toBe("/status");
    expect(error.value).toBe("running");
    expect(error.message).toMatch(/\/status .* \(got "running"\)/);
  });

  it("reports a story whose response breaks the schema", async () => {
    const broken = defineStory()
      .operation("running", { set: { createdDateTime: "2020-03-19T12-01-03.45Z" } })
      .build();
    const error = await violationFor(structuredClone(spec) as Mutable, "story-id", { "story-id": broken });
    expect(error.pointer).toBe("/createdDateTime");
    expect(error.value).toBe("2020-03-19T12-01-03.45Z");
  });

  it("reports a story step without a response header the spec requires", async () => {
    const doc = structuredClone(spec) as Mutable;
    doc.paths[alert.path].get.responses["429"].headers["Retry-After"].required = true;
    const error = await violationFor(doc, "x", { x: defineStory().error(429).build() });
    expect(error.message).toContain("response 429 header /Retry-After is required");
  });

  it.each([-1, 1.5])("reports a Retry-After of %s, which the spec's integer ≥ 0 does not allow", async (seconds) => {
    const story = defineStory().error(429, { retryAfter: seconds }).build();
    const error = await violationFor(structuredClone(spec) as Mutable, "x", { x: story });
    expect(error).toMatchObject({ subject: "response 429 header", pointer: "/Retry-After", value: seconds });
  });

  it("reports requests that break the spec (unknown query names, a missing Authorization), answered as Graph would", async () => {
    const handlers = createGraphLroHandlers();
    const fetch = createMockFetch(handlers);
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": runningId });
    const auth = { headers: { Authorization: "Bearer t" } };
    // Graph ignores query options it does not know, and answers a request without a token with 401.
    expect((await fetch(`${url}?$expand=x`, auth)).status).toBe(200);
    expect((await fetch(url)).status).toBe(401);
    const user = operationUrl(
      "userAuthentication",
      { "user-id": " ", "longRunningOperation-id": "x" },
      { query: "$top=1" },
    );
    expect((await fetch(user, auth)).status).toBe(404);
    expect(handlers.violations.map((v) => v.message)).toEqual([
      expect.stringContaining("request query /$expand is not a parameter"),
      expect.stringContaining("request header /Authorization is required"),
      expect.stringContaining("request query /$top"),
    ]);
  });

  it("throws each of them to the test with onViolation: throw", async () => {
    const fetch = createMockFetch(createGraphLroHandlers(), { onViolation: "throw" });
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": runningId });
    await expect(fetch(`${url}?$expand=x`, { headers: { Authorization: "Bearer t" } })).rejects.toThrow(
      "request query /$expand is not a parameter",
    );
    await expect(fetch(url)).rejects.toThrow("request header /Authorization is required");
  });

  it("checks nothing with strict: false, and answers the same", async () => {
    const handlers = createGraphLroHandlers({ strict: false });
    const fetch = createMockFetch(handlers, { onViolation: "throw" });
    const response = await fetch(operationUrl("roleManagementAlert", { "longRunningOperation-id": runningId }));
    expect(response.status).toBe(401);
    expect(handlers.violations).toEqual([]);
  });
});

it("locates a query name with / or ~ by an escaped JSON pointer", async () => {
  const handlers = createGraphLroHandlers();
  const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": runningId }, { query: "a%2Fb~c=1" });
  await createMockFetch(handlers)(url, { headers: { Authorization: "Bearer t" } });
  expect(handlers.violations.map((v) => v.pointer)).toEqual(["/a~1b~0c"]);
});

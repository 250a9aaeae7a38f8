// The interop harness (npm run test:interop) needs tools of its own; its cases and its canary do not, so
// they are checked here, in npm test: every case the harness promises is there, as the spec declares it.
import { describe, expect, it } from "vitest";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { casePath, interopCases } from "../../interop/cases.ts";
import { kiotaPathTemplate, MICROSOFT_START_TEMPLATES, templatePath } from "../../interop/kiota-templates.ts";
import { canarySpec } from "../../interop/prism-check.ts";
import { type StartName, startCases, UNKNOWN_PARAMETER } from "../../interop/start-cases.ts";
import { builtInStories } from "../../src/mock/index.ts";
import { OPERATION_IDS } from "../support/spec-urls.ts";

interface Example {
  id: string;
  status: string;
  error?: { code: string };
}
interface SpecResponse {
  content: { "application/json": { examples: Record<string, { value: Example }>; schema: Schema } };
}
interface Schema {
  properties?: Record<string, Schema>;
  required?: string[];
}
type Paths = Record<string, { get: { responses: Record<string, SpecResponse> } }>;

const cases = interopCases("test");
const operationIds = Object.keys(operations) as (keyof typeof operations)[];

/** The example values the spec gives for a status of an operation. */
function examples(operationId: keyof typeof operations, status: number): Example[] {
  const item = (spec.paths as unknown as Paths)[operations[operationId].path];
  return Object.values(item?.get.responses[status]?.content["application/json"].examples ?? {}).map((e) => e.value);
}

/** What the harness must expect for an error status: the status, and the code of the spec's example. */
const graphError = (operationId: keyof typeof operations, httpStatus: number) => [
  { httpStatus, code: examples(operationId, httpStatus)[0]?.error?.code },
];

describe("interop cases", () => {
  it.for(operationIds)("request each example of %s by its id and expect it back", (operationId) => {
    const found = cases.filter((c) => c.operationId === operationId && c.name.startsWith("example "));
    expect(found.map((c) => c.expected)).toEqual(
      examples(operationId, 200).map((e) => [{ httpStatus: 200, operation: { id: e.id, status: e.status } }]),
    );
  });

  it.for(operationIds)("expect Graph's errors of %s: unknown id 404, no token 401, bad $select 400", (operationId) => {
    const byName = (name: string) => cases.find((c) => c.operationId === operationId && c.name === name);
    expect(byName("unknown id")?.expected).toEqual(graphError(operationId, 404));
    expect(byName("no token")).toMatchObject({ token: false, badRequest: true });
    expect(byName("no token")?.expected).toEqual(graphError(operationId, 401));
    const select = byName("$select of an unknown property");
    expect(select?.badRequest).toBe(true);
    expect(select?.expected).toEqual(graphError(operationId, 400));
  });

  it.for(operationIds)("play every built-in story of %s step by step", (operationId) => {
    for (const [story, steps] of Object.entries(builtInStories)) {
      const c = cases.find((x) => x.operationId === operationId && x.story === story);
      const played = c?.expected.map((e) => e.operation?.status ?? e.httpStatus);
      expect(played, story).toEqual(steps.map((step) => step.status));
    }
  });

  it("encodes the user's userPrincipalName once in the path, as the spec's template says", () => {
    const c = cases.find((x) => x.operationId === OPERATION_IDS.userAuthentication && x.name === "unknown id");
    expect(c && casePath(c)).toMatch(/^\/users\/[^/@]+%40[^/@]+\/authentication\/operations\/[^/]+$/);
  });
});

describe("the canary spec that Prism must reject the mock against", () => {
  it("requires error.target in every error body and leaves the spec itself alone", () => {
    const before = JSON.stringify(spec);
    const canary = canarySpec(spec) as { paths: Record<string, Record<string, unknown>> };
    expect(JSON.stringify(spec)).toBe(before);
    // Every operation's (the starts' too): a path item also holds parameters and a description.
    const operations = Object.values(canary.paths).flatMap((item) =>
      Object.values(item).filter((o): o is { responses: Record<string, Partial<SpecResponse>> } =>
        Boolean(o && typeof o === "object" && "responses" in o),
      ),
    );
    expect(operations.length).toBeGreaterThan(Object.keys(canary.paths).length - 1);
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const error = response.content?.["application/json"]?.schema?.properties?.error;
        if (status.startsWith("2")) expect(error).toBeUndefined();
        else expect(error?.required, status).toContain("target");
      }
    }
  });
});

describe("interop cases of the starts", () => {
  const startNames = Object.keys(starts) as StartName[];
  const ofStart = startCases("test");

  it.for(startNames)("start %s with each example body of the spec, expect its 202, then play progress", (name) => {
    const found = ofStart.filter((c) => c.start === name && !c.story && c.expected[0]?.httpStatus === 202);
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.polledBy && operations[c.polledBy].kind).toBe(starts[name].polledBy);
      expect(c.polls.map((e) => e.operation?.status)).toEqual(builtInStories.progress.map((step) => step.status));
    }
  });

  it.for(startNames)("expect Graph's errors of %s: no token 401, a GET 405, a refused body 400", (name) => {
    const byName = (prefix: string) => ofStart.find((c) => c.start === name && c.name.startsWith(prefix));
    expect(byName("no token")).toMatchObject({ token: false, badRequest: true, expected: [{ httpStatus: 401 }] });
    expect(byName("GET")).toMatchObject({ method: "GET", badRequest: true, expected: [{ httpStatus: 405 }] });
    const refused = byName("a body with a parameter");
    if (starts[name].body.length === 0) expect(refused).toBeUndefined();
    else expect(refused?.body).toHaveProperty([UNKNOWN_PARAMETER]);
  });

  it.for(startNames)(
    "play every built-in story on %s: its leading errors on the POST, the rest on the GETs",
    (name) => {
      for (const [story, steps] of Object.entries(builtInStories)) {
        // progress: the example bodies' cases, which ask for no story.
        const c = ofStart.find(
          (x) => x.start === name && (story === "progress" ? !x.story && x.polls.length > 0 : x.story === story),
        );
        const played = [...(c?.expected ?? []), ...(c?.polls ?? [])].map((e) => e.operation?.status ?? e.httpStatus);
        const first = steps.findIndex((step) => step.kind === "operation");
        const expected = steps.map((step) => step.status);
        // A story of errors only: the POST gets them, its last again, and nothing starts.
        if (first === -1) expect(played, story).toEqual([...expected, expected.at(-1)]);
        else expect(played, story).toEqual([...expected.slice(0, first), 202, ...expected.slice(first)]);
      }
    },
  );

  it("writes Kiota's URL template of each start's path as Microsoft's SDK has it", () => {
    for (const [name, entry] of Object.entries(starts)) {
      expect(kiotaPathTemplate(entry.path), name).toBe(MICROSOFT_START_TEMPLATES[entry.operationId]);
      expect(templatePath(kiotaPathTemplate(entry.path))).toBe(entry.path);
    }
  });
});

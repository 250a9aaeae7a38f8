import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import { parseSpec } from "../../scripts/lib/spec-source.ts";
import { applyAllowList, readAllowList } from "../../scripts/lib/upstream/allow-list.ts";
import { compareWithUpstream } from "../../scripts/lib/upstream/compare.ts";
import { extract } from "../../scripts/lib/upstream/extract.ts";
import { buildUpstreamFixture, SLICE_PATH } from "../../scripts/lib/upstream/fixture.ts";
import { describeType } from "../../scripts/lib/upstream/shape.ts";
import { aliasBomb } from "../pipeline/hostile-specs.ts";
import { runBounded } from "../pipeline/run-bounded.ts";
import { PROJECT_DIR, runScript } from "../support/project-copy.ts";

const read = (path: string) => parseSpec(readFileSync(path, "utf8"), path);
const CURATED = read(join(PROJECT_DIR, "spec/graph-lro.yaml"));
const SLICE = read(SLICE_PATH);
// biome-ignore lint/suspicious/noExplicitAny: the cases edit arbitrary nodes of a parsed spec
type Spec = any;
const LRO = "/components/schemas/microsoft.graph.longRunningOperation";
const USERS_GET = "/paths/~1users~1{user-id}~1authentication~1operations~1{longRunningOperation-id}/get";

function newDrift(upstream: Spec, curated: Spec = CURATED) {
  const drifts = compareWithUpstream(upstream, curated, extract(upstream, curated));
  return applyAllowList(drifts, readAllowList(curated));
}

/** What a failure here says: where the spec departs from Microsoft's file, and what accepts it. */
const ACCEPT =
  "the curated spec departs from Microsoft's file (test/fixtures/upstream-beta-slice.yaml) here: fix the spec, " +
  "add a reasoned x-graph-lro-upstream-allow entry to it, or refresh the slice (CONTRIBUTING, Changing the spec)";

// Fidelity: these pin the shipped spec to the committed slice of Microsoft's metadata on purpose. A spec change
// that departs from it fails here, naming the departure; an allow entry in the spec accepts it.
describe("spec:upstream on the committed slice of Microsoft's file", () => {
  it("extracts every operation Microsoft's file has, and exactly the schemas they reach", () => {
    const { pairs, schemas } = extract(SLICE, CURATED);
    const allowedMissing = readAllowList(CURATED)
      .filter((a) => a.kind === "operation-missing-upstream")
      .map((a) => a.pointer);
    const missing = pairs.filter((p) => !p.upstream).map((p) => p.curated.pointer);
    expect(missing, ACCEPT).toEqual(allowedMissing);
    expect(pairs.some((p) => p.upstream)).toBe(true);
    expect(schemas).toEqual([
      "microsoft.graph.ODataErrors.ErrorDetails",
      "microsoft.graph.ODataErrors.InnerError",
      "microsoft.graph.ODataErrors.MainError",
      "microsoft.graph.ODataErrors.ODataError",
      "microsoft.graph.entity",
      "microsoft.graph.longRunningOperation",
      "microsoft.graph.longRunningOperationStatus",
      // What resetPassword's 202 answers with.
      "microsoft.graph.passwordResetResponse",
      // A subtype, through longRunningOperation's discriminator; but not what only the neighbouring paths use
      // (the collection response).
      "microsoft.graph.publicError",
      "microsoft.graph.richLongRunningOperation",
    ]);
  });

  it("finds only differences the allow-list explains, and uses every entry", () => {
    const { drift, allowed, unused } = newDrift(SLICE);
    expect(drift, ACCEPT).toEqual([]);
    expect(unused, "these x-graph-lro-upstream-allow entries match nothing: remove them").toEqual([]);
    // Each entry allows one drift: the list is the allowed drift, one for one.
    expect(allowed.map((d) => d.kind).sort()).toEqual(
      readAllowList(CURATED)
        .map((a) => a.kind)
        .sort(),
    );
  });

  const upstreamChanges: [string, (s: Spec) => void, { kind: string; pointer: string; name?: string }][] = [
    [
      "a new enum value",
      (s) => s.components.schemas["microsoft.graph.longRunningOperationStatus"].enum.push(`${TEST_PREFIX}skipped`),
      {
        kind: "enum-value-missing",
        pointer: "/components/schemas/microsoft.graph.longRunningOperationStatus/enum",
        name: `${TEST_PREFIX}skipped`,
      },
    ],
    [
      "a new property on the inherited entity",
      (s) => {
        s.components.schemas["microsoft.graph.entity"].properties[`${TEST_PREFIX}etag`] = {
          type: "string",
          nullable: true,
        };
      },
      { kind: "property-missing", pointer: `${LRO}/properties/${TEST_PREFIX}etag` },
    ],
    [
      "a property type change",
      (s) => {
        s.components.schemas["microsoft.graph.longRunningOperation"].allOf[1].properties.resourceLocation.format =
          "uri";
      },
      { kind: "type-differs", pointer: `${LRO}/properties/resourceLocation` },
    ],
    [
      "a new query parameter",
      (s) => {
        s.paths["/users/{user-id}/authentication/operations/{longRunningOperation-id}"].get.parameters.push({
          name: `${TEST_PREFIX}count`,
          in: "query",
          schema: { type: "boolean" },
        });
      },
      { kind: "parameter-missing", pointer: `${USERS_GET}/parameters`, name: `${TEST_PREFIX}count` },
    ],
    [
      "a removed operation",
      (s) => {
        delete s.paths["/users/{user-id}/authentication/operations/{longRunningOperation-id}"].get;
      },
      { kind: "operation-missing-upstream", pointer: USERS_GET },
    ],
  ];

  it.for(upstreamChanges)("reports %s upstream as new drift, with where", ([, change, expected]) => {
    const upstream = structuredClone(SLICE);
    change(upstream);
    expect(newDrift(upstream).drift).toEqual([expect.objectContaining(expected)]);
  });

  // What the report says of each drift, per case: a wrong name or side in a message is a wrong report.
  it("says each drift in words, the allowed ones too (test/spec-upstream/__snapshots__)", () => {
    const messages = Object.fromEntries(
      [["no change", () => {}] as const, ...upstreamChanges].map(([name, change]) => {
        const upstream = structuredClone(SLICE);
        change(upstream);
        const { drift, allowed } = newDrift(upstream);
        return [name, [...drift, ...allowed].map((d) => `${d.kind} ${d.pointer}: ${d.message}`)];
      }),
    );
    expect(messages).toMatchSnapshot();
  });

  it("an allow entry covers one named item only, and a stale one is reported", () => {
    const curated: Spec = structuredClone(CURATED);
    const entries = curated["x-graph-lro-upstream-allow"];
    entries.find((e: Spec) => e.name === "aadgsu").name = "aadgsx";
    const { drift, unused } = newDrift(SLICE, curated);
    expect(drift.map((d) => d.name)).toEqual(["aadgsu"]);
    expect(unused.map((a) => a.name)).toEqual(["aadgsx"]);
  });

  it("rejects an allow entry without a reason", () => {
    expect(() => readAllowList({ "x-graph-lro-upstream-allow": [{ kind: "type-differs", pointer: "/x" }] })).toThrow(
      /\[0\] needs a "reason"/,
    );
  });

  it("rejects an allow entry of a kind no comparison reports, naming the kinds", () => {
    const entry = { kind: "type-differ", pointer: "/x", reason: "typo" };
    expect(() => readAllowList({ "x-graph-lro-upstream-allow": [entry] })).toThrow(
      /^x-graph-lro-upstream-allow\[0\]: unknown kind "type-differ" \(one of operation-missing-upstream, /,
    );
  });
});

describe("describeType", () => {
  const doc = {
    components: {
      schemas: {
        list: { type: "array", items: { type: "string" } },
        status: { type: "string", enum: ["a"] },
      },
    },
  };
  it.for([
    ["3.0 nullable", { type: "string", nullable: true, format: "date-time" }, "null|string(date-time)"],
    ["3.1 type list", { type: ["string", "null"], format: "date-time" }, "null|string(date-time)"],
    [
      "Graph's anyOf null",
      { anyOf: [{ $ref: "#/components/schemas/status" }, { type: "object", nullable: true }] },
      "null|status",
    ],
    ["3.1 anyOf null", { anyOf: [{ $ref: "#/components/schemas/status" }, { type: "null" }] }, "null|status"],
    ["a ref to a plain array", { $ref: "#/components/schemas/list" }, "array<string>"],
  ] as const)("%s", ([, schema, expected]) => {
    expect(describeType(doc, schema)).toBe(expected);
  });
});

// Spawns the real npm script (about 2 s a run) on a generated file in the official shape.
vi.setConfig({ testTimeout: 120_000 });

describe("npm run spec:upstream on a file the size of Microsoft's", () => {
  it("handles 1,000+ paths and 20+ MB in seconds, and exits 1 on new drift", async ({ onTestFinished }) => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-upstream-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "openapi.yaml");
    const text = await buildUpstreamFixture(1_000);
    await writeFile(
      file,
      text.replace(
        "unknownFutureValue]\n      type: string",
        `unknownFutureValue, ${TEST_PREFIX}skipped]\n      type: string`,
      ),
    );

    const result = await runScript(PROJECT_DIR, "spec:upstream", [file, "--format", "json"]);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.stats.paths).toBeGreaterThanOrEqual(1_000);
    expect(report.stats.megabytes).toBeGreaterThanOrEqual(20);
    // Seconds, not minutes: measured about 1 s (docs/benchmarks.md); the bound leaves room for slow CI.
    expect(report.stats.ms).toBeLessThan(15_000);
    expect(report.schemas).not.toContain("microsoft.graph.widget0");
    expect(report.drift).toEqual([
      expect.objectContaining({ kind: "enum-value-missing", name: `${TEST_PREFIX}skipped` }),
    ]);
  });
});

describe("npm run spec:upstream on a hostile file", () => {
  it("refuses an alias bomb in seconds, and a source that looks like a git option, writing no file", async ({
    onTestFinished,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-upstream-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "openapi.yaml"), `${aliasBomb()}${readFileSync(SLICE_PATH, "utf8")}`);
    const out = join(dir, "written-by-git:x");
    const [bomb, option] = await Promise.all([
      runBounded(PROJECT_DIR, "spec-upstream", [join(dir, "openapi.yaml")]),
      runBounded(PROJECT_DIR, "spec-upstream", ["--", `--output=${out}`]),
    ]);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toMatch(/^spec:upstream: .*openapi\.yaml: refused: its YAML aliases .*\n$/);
    expect(bomb.ms).toBeLessThan(60_000);
    expect(option.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

// The stories-file check that `npm run generate` compiled (generated/graph-lro.validators.ts) is the schema that
// storiesFileSchema makes of the spec now, compiled now: the same verdict and the same errors on every kind of
// entry. Without this, a change to the schema's builder would reach users only at the next generate, unseen by
// any test that runs the mock.
import { describe, expect, it } from "vitest";
import { statuses } from "../../generated/graph-lro.routes.ts";
import { storiesFile as generated } from "../../generated/graph-lro.validators.ts";
import { builtInStories, storiesFileSchema } from "../../src/mock/index.ts";
import type { CompiledValidator } from "../../src/mock/schema-problems.ts";
import { compilingValidators } from "../../src/mock/schema-validator.ts";

/** Names no spec or story can take. */
const ODD = "x-graph-lro-test-odd";

/** Every kind of entry a stories file may hold, good and bad, by operation id. */
const files: Record<string, unknown>[] = [
  ...Object.keys(builtInStories).map((name) => ({ op: name })),
  { op: ODD },
  { op: [] },
  { op: ["step"] },
  { op: [{}] },
  { op: [{ kind: ODD, status: "running" }] },
  { "": "progress" },
  ...statuses.map((status) => ({ op: [{ kind: "operation", status }] })),
  { op: [{ kind: "operation", status: ODD }] },
  { op: [{ kind: "operation", status: ODD, unlisted: true }] },
  { op: [{ kind: "operation", status: ODD, unlisted: false }] },
  ...[-1, 0, 1.5, 2, "2"].map((retryAfter) => ({ op: [{ kind: "operation", status: "running", retryAfter }] })),
  ...[{}, { status: "running" }, "x", null].map((set) => ({ op: [{ kind: "operation", status: "running", set }] })),
  { op: [{ kind: "operation", status: "running", [ODD]: 1 }] },
  // Every status a response can have, and a few it cannot: only those every operation declares pass.
  ...Array.from({ length: 601 }, (_, i) => ({ op: [{ kind: "error", status: i }] })),
  { op: [{ kind: "error", status: "429" }] },
  { op: [{ kind: "error", status: 429, retryAfter: 3 }] },
  { op: [{ kind: "error", status: 429, retryAfter: -3 }] },
  { op: [{ kind: "error", status: 429, unlisted: true }] },
  { op: [{ kind: "error", status: 429, set: {} }] },
  { op: [{ kind: "error" }] },
  { op: [{ status: 429 }] },
];

/** A validator's verdict and errors, as readStoriesFile reads them. */
function outcome(validate: CompiledValidator, value: unknown) {
  const valid = validate(value);
  const errors = (validate.errors ?? []).map(({ instancePath, keyword, params, message }) => ({
    instancePath,
    keyword,
    params,
    message,
  }));
  return { valid, errors };
}

describe("the generated stories-file check", () => {
  it.each([
    ["an object of anything", files],
    ["not an object", [[], "progress", null, 1]],
  ])("says of %s what the spec's stories-file schema says, compiled now", (_, values) => {
    // Built in the test, not as the file loads: Stryker runs a mutant of the builder only against tests that
    // reached it (decision 0023b).
    const compiled = compilingValidators()(storiesFileSchema());
    let passed = 0;
    for (const value of values) {
      const now = outcome(compiled, value);
      expect(outcome(generated as CompiledValidator, value), JSON.stringify(value)).toEqual(now);
      if (now.valid) passed++;
    }
    // Both verdicts occur, so that agreeing is no accident of a schema that passes or refuses everything.
    if (values === files) expect(passed).toBeGreaterThan(Object.keys(builtInStories).length + statuses.length);
    expect(passed).toBeLessThan(values.length);
  });
});

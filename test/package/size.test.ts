import { describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { APPS, appSize, budgetOf, PER_OPERATION_B } from "../../scripts/lib/bench/app-size.ts";
import { requireBuild } from "../support/built-package.ts";

// The size guard: an app bundled from dist/ stays within its budget (scripts/lib/bench/app-size.ts, where
// `npm run bench` reads it too). A change that grows the bundle fails here with the figure.
describe("what a browser app downloads", () => {
  const budgeted = Object.entries(APPS).filter(([, app]) => app.ownBudget !== undefined);

  it.for(budgeted)("%s stays within its gzip budget", async ([, app]) => {
    requireBuild();
    const { gzip } = await appSize(app.source);
    const budget = budgetOf(app) as number;
    const why = `${gzip} B gzip, budget ${budget} B (${app.ownBudget} B + ${PER_OPERATION_B} B per operation)`;
    expect(gzip, why).toBeLessThanOrEqual(budget);
  });

  it("grows with the spec: each operation adds its allowance", () => {
    const app = { ownBudget: 1_000 };
    expect(budgetOf(app)).toBe(1_000 + PER_OPERATION_B * Object.keys(operations).length);
    expect(budgetOf({})).toBeUndefined();
  });
});

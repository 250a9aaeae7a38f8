import { describe, expect, it } from "vitest";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { APPS, appCode, appSize, budgetOf, PER_OPERATION_B } from "../../scripts/lib/bench/app-size.ts";
import { requireBuild } from "../support/built-package.ts";

// The size guard: an app bundled from dist/ stays within its budget (scripts/lib/bench/app-size.ts, where
// `npm run bench` reads it too). A change that grows the bundle fails here with the figure.
describe("what a browser app downloads", () => {
  const budgeted = Object.entries(APPS).filter(([, app]) => app.ownBudget !== undefined);

  it.for(budgeted)("%s stays within its gzip budget", async ([, app]) => {
    requireBuild();
    const { gzip } = await appSize(app.source);
    const budget = budgetOf(app) as number;
    const why = `${gzip} B gzip, budget ${budget} B (${app.ownBudget} B + ${PER_OPERATION_B} B per operation${app.starts ? " and start" : ""})`;
    expect(gzip, why).toBeLessThanOrEqual(budget);
  });

  it.for(budgeted.filter(([, app]) => !app.starts))(
    "%s bundles none of the starts (they are tree-shaken)",
    async ([, app]) => {
      requireBuild();
      const code = await appCode(app.source);
      for (const start of Object.values(starts)) expect(code).not.toContain(start.path);
      expect(code).not.toContain(Object.values(starts)[0]?.operationId);
    },
  );

  it("an app that starts one bundles its route, so the check above can fail", async () => {
    requireBuild();
    const [, app] = budgeted.find(([, app]) => app.starts) ?? [];
    const code = await appCode(app?.source ?? "");
    expect(code).toContain(Object.values(starts)[0]?.path);
  });

  it("grows with the spec: each operation adds its allowance", () => {
    const app = { ownBudget: 1_000 };
    expect(budgetOf(app)).toBe(1_000 + PER_OPERATION_B * Object.keys(operations).length);
    expect(budgetOf({})).toBeUndefined();
  });
});

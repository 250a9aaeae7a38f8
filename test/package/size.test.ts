import { describe, expect, it } from "vitest";
import { mockSpec } from "../../generated/graph-lro.mock.ts";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import {
  APPS,
  appCode,
  appSize,
  budgetOf,
  MOCK_APP,
  MOCK_APP_OWN_BUDGET,
  MOCK_PER_OPERATION_B,
  mockAppBudget,
  PER_OPERATION_B,
  PLAIN_MSW_APP,
} from "../../scripts/lib/bench/app-size.ts";
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

  it("the browser mock app (graph-lro/mock and msw's worker) stays within its budget beyond a plain msw app", async () => {
    requireBuild();
    const [plain, mock] = [await appSize(PLAIN_MSW_APP), await appSize(MOCK_APP)];
    const own = mock.gzip - plain.gzip;
    const why = `${mock.gzip} B gzip against plain msw's ${plain.gzip} B: ${own} B of its own, budget ${mockAppBudget()} B (${MOCK_APP_OWN_BUDGET} B + ${MOCK_PER_OPERATION_B} B per operation and start)`;
    expect(own, why).toBeLessThanOrEqual(mockAppBudget());
  });

  it("the browser mock app loads neither ajv's compiler nor the spec's descriptions up front", async () => {
    requireBuild();
    const code = await appCode(MOCK_APP);
    // ajv's compiler names its code generator's scope; the spec's first description is text no other module holds.
    expect(code).not.toContain("CodeGen");
    expect(code).not.toContain(spec.info.description.slice(0, 60));
    // …where the mock's data and its validators are there, so the checks above could fail.
    expect(code).toContain(mockSpec.servers[0].url);
    expect(code).toContain("must be string");
  });

  it("grows with the spec: each operation adds its allowance", () => {
    const app = { ownBudget: 1_000 };
    expect(budgetOf(app)).toBe(1_000 + PER_OPERATION_B * Object.keys(operations).length);
    expect(budgetOf({})).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { APPS, appSize } from "../../scripts/lib/bench/app-size.ts";
import { requireBuild } from "../support/built-package.ts";

// The size guard: an app bundled from dist/ stays within its budget (scripts/lib/bench/app-size.ts, where
// `npm run bench` reads it too). A change that grows the bundle fails here with the figure.
describe("what a browser app downloads", () => {
  const budgeted = Object.entries(APPS).filter(([, app]) => app.budget !== undefined);

  it.for(budgeted)("%s stays within its gzip budget", async ([, app]) => {
    requireBuild();
    const { gzip } = await appSize(app.source);
    expect(gzip, `${gzip} B gzip, budget ${app.budget} B`).toBeLessThanOrEqual(app.budget as number);
  });
});

import { expect, it } from "vitest";

// Imported inside the test, not at the top of the file: a module that throws while it loads (a story
// builder that fails, a table built wrong) then fails this test by name instead of failing the file
// before any test runs, which a test runner may report as no tests at all.
it.each([
  [
    "graph-lro",
    () => import("../../src/index.ts"),
    ["createGraphLroClient", "waitForOperation", "pollOperation", "parseOperationUrl", "GraphError"],
  ],
  [
    "graph-lro/mock",
    () => import("../../src/mock/index.ts"),
    ["createGraphLroHandlers", "createMockFetch", "startMockServer", "builtInStories", "defineStory"],
  ],
] as const)("%s loads and exports its public names", async (_, load, names) => {
  const module: Record<string, unknown> = await load();
  for (const name of names) expect([name, module[name]]).toEqual([name, expect.anything()]);
});

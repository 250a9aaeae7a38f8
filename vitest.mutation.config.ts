import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant of src/client, src/poller and src/mock: the in-process unit and
 * contract tests of those folders. Tests that spawn Node, copy the project or build the package run the code
 * in another process, where a mutant is not active, and would only slow every run.
 */
export default defineConfig({
  test: {
    include: ["test/{client,poller,mock,contract}/*.test.ts"],
    exclude: ["test/client/timeout-gc.test.ts", "test/contract/new-operation.test.ts", "test/contract/live.test.ts"],
    typecheck: { enabled: false },
  },
});

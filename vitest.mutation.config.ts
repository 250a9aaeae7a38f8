import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): those of the library and the CLI (which
 * drives the client, poller and mock), timeout-gc's included (its probe runs the sandbox's code, and it alone
 * catches a timeout lost to garbage collection), and those of the gates in scripts/lib. Tests that copy the
 * project, build the package or drive a browser only slow every run: no mutant is what they check.
 */
export default defineConfig({
  test: {
    include: [
      "test/{client,poller,mock,contract,cli}/*.test.ts",
      "test/{spec-diff,spec-upstream}/*.test.ts",
      "test/pipeline/compare-artifacts.test.ts",
    ],
    // spawned.test.ts and pipes.test.ts run dist/'s CLI as processes (the sandbox copies no dist/): no mutant
    // is active there.
    exclude: [
      "test/contract/new-operation.test.ts",
      "test/contract/live.test.ts",
      "test/cli/spawned.test.ts",
      "test/cli/pipes.test.ts",
    ],
    typecheck: { enabled: false },
    // The test files of one mutant's run share one module graph, as in the quick project: re-importing msw, the
    // library and the test files for each file of thousands of runs made a full run of src/ a day's work
    // (decision 0016). Each run still starts in a fresh worker (nothing passes from one mutant to the next),
    // the suites keep no state between files, and the library's module-level state is keyed by the request,
    // handler or client it describes, or caches what the spec fixes (docs/mutation.md).
    isolate: false,
    // test/cli's warm-up run of the mock would make most of src/ static mutants (test/cli/in-process.ts);
    // without it the first test of a file pays the cold start, so it gets more time.
    env: { GRAPH_LRO_TEST_NO_WARM_UP: "1" },
    testTimeout: 60_000,
  },
});

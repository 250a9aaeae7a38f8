// @ts-check
/**
 * StrykerJS: `npm run test:mutation` mutates the library's client, poller, mock, errors and helpers, and the build gates of
 * scripts/lib (the drift check, spec:diff's classifier, spec:upstream's comparison), and runs the tests
 * that can reach them against each mutant (vitest.mutation.config.ts). Not part of `npm test`: a full run
 * takes minutes on a 2-core machine. Equivalent mutants and why: docs/mutation.md.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: [
    "src/client/**/*.ts",
    "src/poller/**/*.ts",
    "src/mock/**/*.ts",
    // Code that left the client and the mock for rooms of its own (decisions 0024b, 0024d): the timeout's
    // status redaction, the credential strip of an unhandled request, the path-id and token checks.
    "src/errors/**/*.ts",
    "src/util/**/*.ts",
    "scripts/lib/compare-artifacts.ts",
    "scripts/lib/spec-diff/**/*.ts",
    "scripts/lib/upstream/compare.ts",
    "scripts/lib/upstream/shape.ts",
  ],
  // Each test records which mutants it reaches, so a mutant runs only the tests that can see it.
  coverageAnalysis: "perTest",
  // Two workers on two cores; the vitest runner keeps one thread per worker.
  concurrency: 2,
  // A mutant that loops (a removed deadline, a counter that never moves) is cut off here, not waited out.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  // The initial run (every test once, instrumented, recording which mutants each reaches) took over 5 min, the
  // default limit, at load 10 on 2 cores.
  dryRunTimeoutMinutes: 30,
  // Results of unchanged mutants and tests are reused between local runs; the file is not committed,
  // since every change to src/ or test/ on another branch would make a committed copy stale.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/report.json" },
  // Copying only what the tests read keeps each sandbox small.
  ignorePatterns: ["dist", "site", "interop", "docs", "examples", "reports", "*.tmp", ".vitest-results.json"],
  thresholds: { high: 95, low: 90, break: 90 },
  cleanTempDir: "always",
};

import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Only test/: generated/graph-lro.spec.ts is data, not a test file.
    include: ["test/**/*.test.ts"],
    // Each run in a temporary folder of its own, failing if a test leaves anything of ours behind.
    globalSetup: ["test/support/temp-guard.ts"],
    // Vitest's default (cores - 1) is one worker on a 2-core machine, but the slow files (pipeline,
    // package) mostly wait on child processes: two at a time halves the run there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Vitest's 5 s ran out for in-process mock tests at load 18 (CI reruns the suite in test:evolution): a
    // limit for a hang, not a speed check; speed is measured by npm run bench.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Type tests (*.test-d.ts) run through tsc, each assertion reported under its own test, as
    // openapi-fetch's are; they count in the JSON report like the others.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});

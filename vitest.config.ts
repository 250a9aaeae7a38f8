import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Two projects, every test file in exactly one (the lists are computed, so a new file cannot fall between them):
 * `quick`, the library, mock and CLI suites, which run in-process (npm run test:quick, the loop while working);
 * `slow`, the rest: the pipeline and package suites and every file that starts processes, copies the project
 * or builds, with the type tests (tsc). `npm run test:unit` runs both.
 */
const QUICK_DIRS = /^test\/(client|poller|mock|contract|cli|text|openapi)\//;
/** Files in those folders that spawn processes or copy the project: seconds each, so in `slow`. */
const SPAWNING = [
  "test/cli/pipes.test.ts",
  "test/cli/spawned.test.ts",
  "test/client/timeout-gc.test.ts",
  "test/contract/live.test.ts",
  "test/contract/new-operation.test.ts",
  "test/mock/server.test.ts",
];
const testFiles = readdirSync(new URL("test", import.meta.url), { recursive: true, encoding: "utf8" })
  .map((file) => `test/${file}`)
  .filter((file) => file.endsWith(".test.ts"));
const quick = testFiles.filter((file) => QUICK_DIRS.test(file) && !SPAWNING.includes(file));

/** What both projects share (not by `extends`: that would run the root's globalSetup again for each). */
const shared = {
  // Vitest's 5 s ran out for in-process mock tests at load 18 (CI reruns the suite in test:evolution): a
  // limit for a hang, not a speed check; speed is measured by npm run bench.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Each run in a temporary folder of its own, failing if a test leaves anything of ours behind.
    globalSetup: ["test/support/temp-guard.ts"],
    // Vitest's default (cores - 1) is one worker on a 2-core machine, but the slow files (pipeline, package)
    // mostly wait on child processes and timers: three at a time keep two cores busy. npm test on 2 quiet cores,
    // alternating: 179 and 180 s with two, 152 and 154 s with three (7 December).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: "quick",
          include: quick,
          // One module graph per worker, not per file: importing msw, ajv and the library again for each of
          // 60-odd files was two thirds of this project's time. These suites keep no state between files
          // (each makes its own clients, servers and fetches, and restores what it stubs); they pass shuffled.
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: "slow",
          // Shared too: each file re-imported Vitest, the scripts and Redocly's libraries, 27 of this project's 231
          // CPU-seconds run alone (in the whole npm test, within the noise). Its files keep nothing between them that
          // a file reads: each works in its own project copy, restores what it stubs, and Vitest resets vi.setConfig
          // after each file; they pass shuffled.
          isolate: false,
          // Only test/: generated/graph-lro.spec.ts is data, not a test file.
          include: testFiles.filter((file) => !quick.includes(file)),
          // Type tests (*.test-d.ts) run through tsc, each assertion reported under its own test, as
          // openapi-fetch's are; they count in the JSON report like the others. Vitest runs tsc on the
          // tsconfig named here: the type tests and what they import, not the whole project again.
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.typecheck.json" },
        },
      },
    ],
  },
});

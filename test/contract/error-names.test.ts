// An error's name is what a log, util.inspect and the CLI's report show first: each says its class, and the
// errors with a fixed text say it exactly.
import { expect, it } from "vitest";
import { InterruptedError } from "../../src/errors/interrupted-error.ts";
import { StoriesFileError } from "../../src/errors/stories-file-error.ts";
import { TokenError } from "../../src/errors/token-error.ts";
import { UsageError } from "../../src/errors/usage-error.ts";

// Each error is made inside its test, not in the table: Stryker counts code that runs as a file loads as no
// test's, so a mutant of the class would never be run against this file (decision 0023b).
it.each([
  [InterruptedError, () => new InterruptedError(), "interrupted"],
  [
    StoriesFileError,
    () => new StoriesFileError(["x-graph-lro-test-story: a", "x-graph-lro-test-story: b"]),
    "the stories file is not valid:\n  x-graph-lro-test-story: a\n  x-graph-lro-test-story: b",
  ],
  [TokenError, () => new TokenError("no token"), "no token"],
  [UsageError, () => new UsageError("no command"), "no command"],
] as const)("%o is named for its class, with its message", (errorClass, make, message) => {
  const error = make();
  expect(error).toBeInstanceOf(errorClass);
  expect(error.name).toBe(errorClass.name);
  expect(error.message).toBe(message);
  expect(String(error)).toBe(`${errorClass.name}: ${message}`);
});

// npm start: the main job, offline. Lint the spec and regenerate, then wait for an operation
// with the typed client and poller against the built-in mock, showing its progress.
import { resolve } from "node:path";
import { runCliProcess } from "../src/cli/run-process.ts";
import { generate } from "./lib/generate.ts";
import { GenerateError } from "./lib/generate-error.ts";

try {
  const { written } = await generate(resolve("."));
  console.log(`spec linted; generated/ ${written.length ? `updated (${written.join(", ")})` : "up to date"}`);
} catch (error) {
  console.error(error instanceof GenerateError ? error.message : error);
  process.exit(1);
}

const argv = ["wait", "--mock", ...process.argv.slice(2)];
console.log(`\n$ graph-lro ${argv.join(" ")}`);
await runCliProcess(argv);

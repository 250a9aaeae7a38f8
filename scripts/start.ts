// npm start: the main job, offline. Lint the spec and regenerate, then wait for an operation
// with the typed client and poller against the built-in mock, showing its progress.
import { resolve } from "node:path";
import { processIo } from "../src/cli/io.ts";
import { runCli } from "../src/cli/run-cli.ts";
import { GenerateError } from "./lib/errors.ts";
import { generate } from "./lib/generate.ts";

// Said first: linting and generating take a few quiet seconds.
console.log("Linting spec/graph-lro.yaml and regenerating generated/ from it (a few seconds)…");
try {
  const { written, removed } = await generate(resolve("."));
  const changed = [...written, ...removed];
  console.log(`spec linted; generated/ ${changed.length ? `updated (${changed.join(", ")})` : "up to date"}`);
} catch (error) {
  console.error(error instanceof GenerateError ? error.message : error);
  process.exit(1);
}

const argv = ["wait", "--mock", ...process.argv.slice(2)];
console.log(
  `\nWaiting for an operation with the typed client, against the built-in mock:\n$ graph-lro ${argv.join(" ")}`,
);
const code = await runCli(argv, processIo());
console.log(`
Try next:
  npm start -- throttled           a 429, and the Retry-After it asks for waited out
  npm start -- failed --json       JSON lines for scripts, ending with the error object
  npm run mock                     the same mock over HTTP, for curl and other languages
  npx tsx src/cli/main.ts --help   every command (installed: graph-lro --help)`);
// Exit explicitly: msw keeps a BroadcastChannel open.
process.exit(code);

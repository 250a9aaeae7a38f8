#!/usr/bin/env node
// The `graph-lro` command: process glue around runCli.
import { runCli } from "./run-cli.ts";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort(new Error("interrupted")));
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// Exit explicitly: msw keeps a BroadcastChannel open, which would hold Deno (and timers) otherwise.
process.exit(code);

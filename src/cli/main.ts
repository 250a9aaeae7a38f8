#!/usr/bin/env node
// The `graph-lro` command: this process runs it, Ctrl-C aborts it, and its exit code ends the process.
import { flushed, processIo } from "./io.ts";
import { runCli } from "./run-cli.ts";

const code = await runCli(process.argv.slice(2), processIo());
// A pipe takes what it can and Node queues the rest: exiting before it is written would cut the
// output short (at 64 KiB). Exit explicitly then: msw keeps a BroadcastChannel open, which would
// hold Deno (and timers) otherwise.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

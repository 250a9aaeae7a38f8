// npm run mock -- [--port 4010] [--host 127.0.0.1] [...]: the same command as `graph-lro mock`, until Ctrl-C.

import { flushed, pipeSafe } from "../src/cli/io.ts";
import { runMockCommand } from "../src/cli/mock-command.ts";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
const code = await runMockCommand(process.argv.slice(2), {
  stdout: pipeSafe(process.stdout),
  stderr: pipeSafe(process.stderr),
  signal: controller.signal,
});
// Exit explicitly once the output is written: msw keeps a BroadcastChannel open.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

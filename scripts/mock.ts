// npm run mock -- [--port 4010] [--host 127.0.0.1] [...]: the same command as `graph-lro mock`, until Ctrl-C.
import { runMockCommand } from "../src/cli/mock-command.ts";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
const code = await runMockCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// Exit explicitly: msw keeps a BroadcastChannel open.
process.exit(code);

import type { CliIo } from "./cli-io.ts";
import { InterruptedError } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";

/** This process as the command's io: its environment and streams, with Ctrl-C aborting the signal. */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new InterruptedError()));
  return { env: process.env, stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
}

/** Runs `graph-lro <argv>` as this process: Ctrl-C aborts it, and its exit code ends the process. */
export async function runCliProcess(argv: readonly string[]): Promise<never> {
  const code = await runCli(argv, processIo());
  // Exit explicitly: msw keeps a BroadcastChannel open, which would hold Deno (and timers) otherwise.
  process.exit(code);
}

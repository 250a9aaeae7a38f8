import { runCli } from "./run-cli.ts";

/** Runs `graph-lro <argv>` as this process: Ctrl-C aborts it, and its exit code ends the process. */
export async function runCliProcess(argv: readonly string[]): Promise<never> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted")));
  const code = await runCli(argv, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  });
  // Exit explicitly: msw keeps a BroadcastChannel open, which would hold Deno (and timers) otherwise.
  process.exit(code);
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { readToken, runTokenCommand, TOKEN_COMMAND_LIMITS } from "../../src/cli/token.ts";
import { TokenError } from "../../src/errors/token-error.ts";
import { graphLro } from "./in-process.ts";
import { pidFileRunning } from "./process-state.ts";

// Real shells and process groups: POSIX only, as --token-command's group kill is.
const QUICK = { ...TOKEN_COMMAND_LIMITS, timeoutMs: 300, graceMs: 300 };

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A command that writes its background child's pid to a file, then waits; `trap` makes both ignore SIGTERM. */
function stubborn(ignoreTerm: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "graph-lro-token-"));
  folders.push(dir);
  const pidFile = join(dir, "pid");
  const trap = ignoreTerm ? "trap '' TERM; " : "";
  return {
    command: `${trap}sleep 30 & echo $! > '${pidFile}'; wait`,
    started: () => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "",
    childAlive: () => pidFileRunning(pidFile),
  };
}

const env = { PATH: process.env.PATH ?? "" };
const never = new AbortController().signal;

describe.skipIf(process.platform === "win32")("--token-command", () => {
  it("stops a command that ignores SIGTERM within its limit plus the grace period, children included", async () => {
    const { command, childAlive } = stubborn(true);
    const started = Date.now();
    const error = await runTokenCommand(command, env, never, QUICK).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(TokenError);
    // A timeout reads as one, not as "exit code null".
    expect((error as Error).message).toBe("--token-command did not finish within 0.3 s, so it was stopped");
    await expect.poll(childAlive, { timeout: 2_000, interval: 50 }).toBe(false);
  });

  it("stops a command that prints without end once it passes 64 KiB", async () => {
    const started = Date.now();
    const error = await runTokenCommand("yes token", env, never, TOKEN_COMMAND_LIMITS).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((error as Error).message).toBe("--token-command printed more than 64 KiB, too much for a token");
  });

  it("takes a long token that comes with a little more (blank lines, stderr chatter)", async () => {
    const long = "t".repeat(16 * 1024);
    const command = `printf '%s\\n\\n  \\n' ${long}; head -c 200000 /dev/zero >&2`;
    await expect(readToken(command, env, never)).resolves.toBe(long);
  });

  it("names a failing command's exit code without showing what it printed", async () => {
    const error = await readToken("echo secret-token-value; echo secret >&2; exit 7", env, never).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe("--token-command failed (exit code 7); run it alone to see why");
  });

  it("kills the command's group on Ctrl-C, even one that ignores SIGTERM, and exits 130", async () => {
    const { command, started, childAlive } = stubborn(true);
    const controller = new AbortController();
    const run = graphLro(["get", "--alert-operation", "x", "--token-command", command], { signal: controller.signal });
    await expect.poll(started, { timeout: 5_000, interval: 20 }).toBe(true);
    controller.abort();
    const aborted = Date.now();
    const { code, stderr } = await run;
    expect([code, stderr]).toEqual([EXIT.interrupted, "graph-lro: interrupted\n"]);
    expect(Date.now() - aborted).toBeLessThan(TOKEN_COMMAND_LIMITS.graceMs + 1_000);
    await expect.poll(childAlive, { timeout: 2_000, interval: 50 }).toBe(false);
  });
});

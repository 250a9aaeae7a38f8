import { spawn } from "node:child_process";
import { TokenError } from "../errors/token-error.ts";
import { bearerHeader } from "../util/http/bearer.ts";

/**
 * The limits of a token command, which suit `az account get-access-token` (a token is a few KB). `graceMs`
 * is the wait between SIGTERM and SIGKILL, for a command that ignores SIGTERM.
 */
export const TOKEN_COMMAND_LIMITS = { timeoutMs: 60_000, graceMs: 2_000, maxBytes: 64 * 1024 };
type TokenCommandLimits = typeof TOKEN_COMMAND_LIMITS;

/** Where the token comes from: `--token-command`, else GRAPH_TOKEN. Throws a TokenError if it cannot be sent. */
export async function readToken(
  tokenCommand: string | undefined,
  env: Record<string, string | undefined>,
  signal: AbortSignal,
  limits: TokenCommandLimits = TOKEN_COMMAND_LIMITS,
): Promise<string | undefined> {
  // Trimmed as the Authorization header sends it: the output redacts the token as returned here.
  if (tokenCommand === undefined)
    return env.GRAPH_TOKEN ? usableToken(env.GRAPH_TOKEN.trim(), "GRAPH_TOKEN") : undefined;
  const token = (await runTokenCommand(tokenCommand, env, signal, limits)).trim();
  if (!token) throw new TokenError("--token-command printed no token");
  return usableToken(token, "--token-command");
}

/**
 * Runs the command in a shell of its own process group, and returns what it printed. On timeout,
 * too much output or an abort (Ctrl-C), the whole group gets SIGTERM, then SIGKILL after the grace
 * period, and the call settles only once the command has ended: nothing it started is left running.
 */
export function runTokenCommand(
  command: string,
  env: Record<string, string | undefined>,
  signal: AbortSignal,
  { timeoutMs, graceMs, maxBytes }: TokenCommandLimits,
): Promise<string> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const child = spawn(command, { shell: true, detached: true, env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stopped: unknown;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = (reason: unknown) => {
      if (stopped !== undefined) return;
      stopped = reason;
      killGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => {
        killGroup(child.pid, "SIGKILL");
        // A process that left the group may still hold the pipes: stop waiting for them.
        child.stdout.destroy();
        child.stderr.destroy();
      }, graceMs);
    };
    const timer = setTimeout(
      () => stop(new TokenError(`--token-command did not finish within ${timeoutMs / 1000} s, so it was stopped`)),
      timeoutMs,
    );
    const onAbort = () => stop(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else stop(new TokenError(`--token-command printed more than ${maxBytes / 1024} KiB, too much for a token`));
    });
    // Drained so that the command never blocks on a full pipe; never shown, as it may hold secrets.
    child.stderr.resume();
    child.on("error", (error) => stop(new TokenError(`--token-command could not start: ${error.message}`)));
    child.on("close", (code, killedBy) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      signal.removeEventListener("abort", onAbort);
      // The shell has ended; anything it left in its group goes with it.
      if (stopped !== undefined) {
        killGroup(child.pid, "SIGKILL");
        return reject(stopped);
      }
      if (code === 0) return resolve(Buffer.concat(chunks).toString("utf8"));
      const how = code === null ? `was killed by ${killedBy}` : `failed (exit code ${code})`;
      reject(new TokenError(`--token-command ${how}; run it alone to see why`));
    });
  });
}

/** Signals the command's process group; on Windows, where there are none, the process alone. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === "win32" ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The client refuses a token no header can carry (`Bearer x` included). Here that is an auth
 * error, not a bug. Not repaired (no "Bearer " stripped), as the client does not.
 */
function usableToken(token: string, source: string): string {
  try {
    bearerHeader(token);
  } catch (error) {
    throw new TokenError(`${source} gave an unusable token: ${(error as Error).message}`);
  }
  return token;
}

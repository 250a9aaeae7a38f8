// Every child process of the scripts (redocly, git) runs through here: bounded in time and in output.
import { execFile } from "node:child_process";

/** How long a tool may run before it is killed. Lint and bundle take about a second; git show, less. */
export const TOOL_TIMEOUT_MS = 120_000;

export interface ToolOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Output beyond this many bytes (stdout or stderr) kills the tool too. */
  maxBuffer?: number;
}

/** A tool that failed, timed out or wrote too much; `output` is what it printed (stdout then stderr). */
export class ToolError extends Error {
  override name = "ToolError";
  constructor(
    tool: string,
    /** Why it failed, as the end of a sentence that starts with its name: "exited with code 1". */
    readonly reason: string,
    /** Undefined when it did not exit by itself. */
    readonly exitCode: number | undefined,
    readonly output: string,
  ) {
    super(`${tool} ${reason}`);
  }
}

/**
 * Runs `file` with `args` (never through a shell) and returns its stdout. On a timeout the tool is killed with
 * SIGKILL, which it cannot ignore; none of our tools has anything to clean up.
 */
export function runTool(file: string, args: readonly string[], options: ToolOptions = {}): Promise<string> {
  const { timeoutMs = TOOL_TIMEOUT_MS, maxBuffer = 64 * 1024 * 1024, ...rest } = options;
  const name = file.split("/").pop() ?? file;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...rest, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const { code, killed } = error as { code?: number | string; killed?: boolean };
        const exitCode = typeof code === "number" ? code : undefined;
        const why =
          code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER"
            ? `printed more than ${maxBuffer} bytes, so it was stopped`
            : killed
              ? `did not finish within ${timeoutMs / 1000} s, so it was stopped`
              : exitCode !== undefined
                ? `exited with code ${exitCode}`
                : error.message;
        reject(new ToolError(name, why, exitCode, `${stdout}${stderr}`));
      },
    );
  });
}

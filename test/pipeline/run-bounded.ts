import { spawn } from "node:child_process";

export interface BoundedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/**
 * Runs `scripts/<script>.ts` (a file name: `check-generated`, not the npm script) of the project in `dir` (Node with tsx, as npm would, minus npm's start-up), in a
 * process group of its own that is killed whole after `timeoutMs`: a hostile spec that hangs the script (and
 * the redocly it started) fails the test instead of eating the machine. `onStderr` sees stderr as it grows.
 */
export function runBounded(
  dir: string,
  script: string,
  args: string[] = [],
  { timeoutMs = 90_000, onStderr }: { timeoutMs?: number; onStderr?: (stderr: string) => void } = {},
): Promise<BoundedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    onStderr?.(stderr);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started), timedOut });
    });
  });
}

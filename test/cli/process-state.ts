import { existsSync, readFileSync } from "node:fs";

/** Whether a process runs: a killed one may stay a zombie until its new parent reaps it, which is not running. */
export function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync("/proc/self/stat")) return existsSync(stat) && !/\) [ZX] /.test(readFileSync(stat, "utf8"));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether the pid a command wrote to `pidFile` runs (false until the file has one). */
export function pidFileRunning(pidFile: string): boolean {
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : 0;
  return pid > 0 && isRunning(pid);
}

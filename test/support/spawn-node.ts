import { spawn } from "node:child_process";
import { PROJECT_DIR } from "./project-copy.ts";

/** Runs a Node script of the project (TypeScript through tsx), collecting its output as it comes. */
export function spawnNode(args: string[], env: Record<string, string> = {}, onStdout?: (stdout: string) => void) {
  // The script is the first argument that is no Node flag; only TypeScript needs tsx.
  const script = args.find((arg) => !arg.startsWith("-"));
  const loader = script?.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, ...args], {
    cwd: PROJECT_DIR,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: "pipe",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    onStdout?.(stdout);
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(done, { child });
}

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest's global setup: the run gets a temporary folder of its own (TMPDIR, which the test workers
 * inherit), and fails if a test leaves a `graph-lro-*` folder in it. Every test cleans up what it makes.
 */
export default function setup(): () => void {
  const outer = tmpdir();
  const dir = mkdtempSync(join(outer, "vitest-run-"));
  process.env.TMPDIR = dir;
  return () => {
    const left = readdirSync(dir).filter((name) => name.startsWith("graph-lro-"));
    rmSync(dir, { recursive: true, force: true });
    process.env.TMPDIR = outer;
    if (left.length === 0) return;
    // Vitest prints an error thrown here but still exits 0: the exit code is set as well.
    process.exitCode = 1;
    throw new Error(`tests left temporary folders behind: ${left.join(", ")}`);
  };
}

// Start-up cost: how long `await import(specifier)` takes in a fresh Node process, for packages resolved
// from the project (graph-lro by self-reference, so its dist/; `npm run build` first).
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const projectDir = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

/** Milliseconds of one `await import(specifier)` in a fresh process (Node's own start-up not counted). */
async function importOnce(specifier: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: projectDir,
    timeout: 30_000,
  });
  return Number(stdout);
}

/**
 * Import times of each specifier over `rounds` fresh processes each, the specifiers alternating in order
 * round by round, so that a busy moment of a shared box hits all of them alike.
 */
export async function importTimes(specifiers: readonly string[], rounds: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(specifiers.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    for (const specifier of round % 2 ? [...specifiers].reverse() : specifiers) {
      samples[specifier]?.push(await importOnce(specifier));
    }
  }
  return samples;
}

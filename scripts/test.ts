// npm test: every gate, the independent ones side by side. Most gates keep one core busy, so on two cores a
// second lane finishes in the first one's time; each gate is still its own npm script, to run alone.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { readCommandLine } from "./lib/command-line.ts";

const HELP = `
usage: npm test

Runs every gate a change must pass, the independent ones side by side: typecheck, build and check:package in
one lane, lint:spec, lint, check:generated and check:deno in the other; once all pass, test:unit (Vitest, with
its JSON report for CI) beside test:deno-suites. Each is an npm script of its own, to run alone.

  -h, --help  print this help

Exit: 0 all passed, else the exit code of the first gate or suite that failed (2 bad arguments).
`;

/**
 * Lanes run side by side, about even in time; a lane's gates run in order, each only once the one before it
 * passed and while no gate of the other lane has failed.
 */
const GATES: readonly (readonly string[])[] = [
  ["typecheck", "build", "check:package"],
  ["lint:spec", "lint", "check:generated", "check:deno"],
];
/** Then both suites at once: Vitest's output as it comes (its progress), Deno's once it ends. */
const LIVE_SUITE = "test:unit";
const SUITES = [LIVE_SUITE, "test:deno-suites"];

interface Run {
  script: string;
  code: number;
  output: string;
}

/** `npm run -s <script>`; its output (stdout and stderr, in order) is kept unless `live`. */
function run(script: string, live = false): Promise<Run> {
  const child = spawn("npm", ["run", "-s", script], { stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return new Promise((resolve) => {
    child.on("error", (error) => resolve({ script, code: 1, output: `${error.message}\n` }));
    // Killed by a signal: 128 plus its number, as a shell reports it.
    child.on("close", (code, signal) =>
      resolve({ script, code: code ?? 128 + (signal ? constants.signals[signal] : 0), output }),
    );
  });
}

/** Prints a finished script's output whole, so that two lanes' lines never interleave. */
function report({ output }: Run): void {
  if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
}

let stopped = false;

async function lane(scripts: readonly string[]): Promise<Run | undefined> {
  for (const script of scripts) {
    if (stopped) return undefined;
    const result = await run(script);
    if (result.code !== 0) {
      stopped = true;
      console.log(`npm test: ${script} failed (exit ${result.code}):`);
      report(result);
      return result;
    }
    report(result);
  }
  return undefined;
}

readCommandLine({ name: "test", help: HELP, options: {}, positionals: { min: 0, max: 0 } });

const started = performance.now();
const failed = (await Promise.all(GATES.map(lane))).filter((result) => result !== undefined);
if (failed.length === 0) {
  const suites = SUITES.map((script) => run(script, script === LIVE_SUITE));
  for (const result of await Promise.all(suites)) {
    report(result);
    if (result.code !== 0) failed.push(result);
  }
}
const seconds = Math.round((performance.now() - started) / 1000);
for (const { script, code } of failed) console.error(`npm test: ${script} failed (exit ${code})`);
console.log(`npm test: ${failed.length ? "failed" : "passed"} in ${seconds} s`);
process.exitCode = failed[0]?.code ?? 0;

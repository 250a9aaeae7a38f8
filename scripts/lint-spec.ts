// npm run lint:spec: every API of redocly.yaml must pass Redocly's rules (redocly.yaml) and Spectral's
// (.spectral.yaml), so the spec stays valid for both families of OpenAPI tools. Silent when both pass;
// otherwise each failing report, then one line per linter that failed.
import { join, resolve } from "node:path";
import { checkSpec } from "./lib/check-spec.ts";
import { readCommandLine } from "./lib/command-line.ts";
import { readApiTargets } from "./lib/config.ts";
import { lintOnce } from "./lib/lint-cache.ts";
import { lintArgs, runRedocly } from "./lib/redocly.ts";
import { runTool, ToolError } from "./lib/run-tool.ts";
import type { SpecFiles } from "./lib/spec-files.ts";

const SPECTRAL_RULESET = ".spectral.yaml";
const HELP = `
usage: npm run lint:spec [-- <project-dir>]

Lints every API that redocly.yaml declares with Redocly's rules (redocly.yaml) and Spectral's
(${SPECTRAL_RULESET}), after checking the spec as generate does (no alias or $ref bomb, no $ref out of
its folder). Prints nothing when both pass; otherwise each failing report, then one line per linter.

  <project-dir>  the project (default: the current folder)
  -h, --help     print this help

Exit: 0 both linters pass, 1 a linter rejects the spec (or it is refused), 2 bad arguments.
`;

interface Outcome {
  linter: string;
  config: string;
  failed: boolean;
  output: string;
}

const { positionals } = readCommandLine({
  name: "lint:spec",
  help: HELP,
  options: {},
  positionals: { min: 0, max: 1 },
});
const projectDir = resolve(positionals[0] ?? ".");
try {
  const targets = await readApiTargets(projectDir);
  // Both linters follow $refs and expand aliases themselves: a hostile spec is refused before they run.
  const specs: SpecFiles[] = [];
  for (const target of targets) specs.push(await checkSpec(projectDir, target));
  const roots = targets.map((target) => target.root);
  const redoclyArgs = lintArgs(targets);
  const spectralArgs = ["lint", ...roots, "--ruleset", SPECTRAL_RULESET, "-F", "warn", "--quiet"];
  const outcomes = await Promise.all([
    // Redocly's pass is remembered (lint-cache.ts), as generate's is: the same arguments, so one is the other's.
    lint("Redocly", "redocly.yaml", () =>
      lintOnce(projectDir, redoclyArgs, specs, () => runRedocly(projectDir, redoclyArgs)),
    ),
    lint("Spectral", SPECTRAL_RULESET, () =>
      runTool(join(projectDir, "node_modules", ".bin", "spectral"), spectralArgs, { cwd: projectDir }),
    ),
  ]);
  const failed = outcomes.filter((outcome) => outcome.failed);
  for (const { output } of failed) console.error(output);
  for (const { linter, config } of failed) {
    console.error(
      `lint:spec: ${linter} rejects ${roots.join(", ")} (above); fix the spec, or turn a rule off in ${config} with a reason`,
    );
  }
  if (failed.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(`lint:spec: ${(error as Error).message}`);
  process.exitCode = 1;
}

/** Runs one linter's CLI from this project's node_modules in the project folder, bounded like every tool. */
async function lint(linter: "Redocly" | "Spectral", config: string, run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { linter, config, failed: false, output: "" };
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const why = error.exitCode === undefined ? `\n${linter} ${error.reason}` : "";
    return { linter, config, failed: true, output: `${error.output}${why}`.trim() };
  }
}

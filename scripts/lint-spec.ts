// npm run lint:spec: every API of redocly.yaml must pass Redocly's rules (redocly.yaml) and Spectral's
// (.spectral.yaml), so the spec stays valid for both families of OpenAPI tools. Silent when both pass;
// otherwise each failing report, then one line per linter that failed.
import { join, resolve } from "node:path";
import { checkSpec } from "./lib/check-spec.ts";
import { readApiTargets } from "./lib/config.ts";
import { runRedocly } from "./lib/redocly.ts";
import { runTool, ToolError } from "./lib/run-tool.ts";

const SPECTRAL_RULESET = ".spectral.yaml";

interface Outcome {
  linter: string;
  config: string;
  failed: boolean;
  output: string;
}

const projectDir = resolve(process.argv[2] ?? ".");
try {
  const targets = await readApiTargets(projectDir);
  // Both linters follow $refs and expand aliases themselves: a hostile spec is refused before they run.
  for (const target of targets) await checkSpec(projectDir, target);
  const roots = targets.map((target) => target.root);
  const outcomes = await Promise.all([
    lint("Redocly", "redocly.yaml", ["lint", ...targets.map((target) => target.name), "--format", "codeframe"]),
    lint("Spectral", SPECTRAL_RULESET, ["lint", ...roots, "--ruleset", SPECTRAL_RULESET, "-F", "warn", "--quiet"]),
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
async function lint(linter: "Redocly" | "Spectral", config: string, args: string[]): Promise<Outcome> {
  try {
    if (linter === "Redocly") await runRedocly(projectDir, args);
    else await runTool(join(projectDir, "node_modules", ".bin", "spectral"), args, { cwd: projectDir });
    return { linter, config, failed: false, output: "" };
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const why = error.exitCode === undefined ? `\n${linter} ${error.reason}` : "";
    return { linter, config, failed: true, output: `${error.output}${why}`.trim() };
  }
}

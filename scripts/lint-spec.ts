// npm run lint:spec: every API of redocly.yaml must pass Redocly's rules (redocly.yaml) and Spectral's
// (.spectral.yaml), so the spec stays valid for both families of OpenAPI tools. Silent when both pass;
// otherwise each failing report, then one line per linter that failed.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkSpec } from "./lib/check-spec.ts";
import { readApiTargets } from "./lib/config.ts";

/** Each linter takes a few seconds; a minute means it hangs (a hostile spec), so it is stopped. */
const TIMEOUT_MS = 60_000;
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

/** Runs one linter's CLI from this project's node_modules in the project folder. */
function lint(linter: string, config: string, args: string[]): Promise<Outcome> {
  const bin = fileURLToPath(new URL(`../node_modules/.bin/${linter.toLowerCase()}`, import.meta.url));
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
  return new Promise((done) => {
    execFile(
      bin,
      args,
      { cwd: projectDir, env, timeout: TIMEOUT_MS, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        const timedOut = error?.killed === true;
        const output = [
          stdout,
          withoutBanner(stderr),
          timedOut ? `${linter} did not finish in ${TIMEOUT_MS / 1000} s` : "",
        ];
        done({ linter, config, failed: error !== null, output: output.filter(Boolean).join("\n").trim() });
      },
    );
  });
}

/** Drops the Node 20 deprecation box that Redocly CLI prints on every run. */
function withoutBanner(output: string): string {
  return output
    .split("\n")
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join("\n")
    .trim();
}

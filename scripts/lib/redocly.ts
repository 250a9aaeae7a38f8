// Redocly CLI, the linter users run themselves.
import { join } from "node:path";
import type { ApiTarget } from "./config.ts";
import { GenerateError } from "./errors.ts";
import { lintOnce } from "./lint-cache.ts";
import { runTool, ToolError } from "./run-tool.ts";
import type { SpecFiles } from "./spec-files.ts";

/** `redocly lint`'s arguments for every API of redocly.yaml, with its rules: generate's lint and lint:spec's. */
export function lintArgs(targets: ApiTarget[]): string[] {
  return ["lint", ...targets.map((t) => t.name), "--format", "codeframe"];
}

/**
 * Lints every API of redocly.yaml with its rules, unless these very files passed before (lint-cache.ts); a
 * failure is a GenerateError holding Redocly's report. `specs` are the APIs' files, as checkSpec read them.
 */
export async function lintApis(projectDir: string, targets: ApiTarget[], specs: readonly SpecFiles[]): Promise<void> {
  const args = lintArgs(targets);
  await lintOnce(projectDir, args, specs, () => redocly(projectDir, args, targets.map((t) => t.root).join(", ")));
}

async function redocly(projectDir: string, args: string[], what: string): Promise<void> {
  try {
    await runRedocly(projectDir, args);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const how = error.exitCode === undefined ? error.reason : "failed";
    throw new GenerateError(`${what}: redocly ${args[0]} ${how}:\n${error.output}`);
  }
}

/** Redocly's environment: no telemetry, no update notice, no colours in reports we quote. */
const REDOCLY_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

/**
 * Runs the project's Redocly CLI in the project folder, bounded like every tool (runTool). A failure is a
 * ToolError whose output lacks the Node 20 deprecation box that Redocly CLI prints on every run.
 */
export async function runRedocly(projectDir: string, args: readonly string[]): Promise<string> {
  try {
    return await runTool(join(projectDir, "node_modules", ".bin", "redocly"), args, {
      cwd: projectDir,
      env: { ...process.env, ...REDOCLY_ENV },
    });
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    const output = error.output.replace(/^\s*[╔║╚].*\n?/gm, "").trim();
    throw new ToolError("redocly", error.reason, error.exitCode, output);
  }
}

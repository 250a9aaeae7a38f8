// The pipeline's npm scripts as a person types them: --help prints the usage, a wrong flag one clean line.
import { describe, expect, it, vi } from "vitest";
import { PROJECT_DIR, runNpm, runScript } from "../support/project-copy.ts";

vi.setConfig({ testTimeout: 120_000 });

const SCRIPTS = ["generate", "check:generated", "lint:spec", "docs", "spec:diff", "spec:upstream"];

describe.concurrent("usage of the pipeline's npm scripts", () => {
  it("npm passes the arguments and the exit code through", async () => {
    const help = await runNpm(PROJECT_DIR, "generate", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run generate /);
    const wrong = await runNpm(PROJECT_DIR, "generate", ["--frobnicate"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("generate: unknown option --frobnicate (see --help)\n");
  });

  it.for(SCRIPTS)("npm run %s -- --help prints its usage and exits 0", async (script) => {
    const result = await runScript(PROJECT_DIR, script, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: npm run ${script} `));
    expect(result.stdout).toContain("Exit: 0 ");
    expect(result.stderr).toBe("");
  });

  it.for(SCRIPTS)("npm run %s -- --frobnicate says so in one line and exits 2", async (script) => {
    const result = await runScript(PROJECT_DIR, script, ["--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${script}: unknown option --frobnicate (see --help)\n`);
    expect(result.stdout).toBe("");
  });

  it("npm test -- --help prints its usage instead of running every gate", async () => {
    const help = await runScript(PROJECT_DIR, "test", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm test\n/);
    const wrong = await runScript(PROJECT_DIR, "test", ["--frobnicate"]);
    expect([wrong.code, wrong.stderr]).toEqual([2, "test: unknown option --frobnicate (see --help)\n"]);
  });

  it.for([
    ["lint:spec", ["a", "b"], "unexpected argument b"],
    ["docs", ["extra"], "unexpected argument extra"],
    ["docs", ["--out"], "--out needs a value"],
  ] as const)("npm run %s -- %s: %s, exit 2", async ([script, args, problem]) => {
    const result = await runScript(PROJECT_DIR, script, [...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${script}: ${problem} (see --help)\n`);
  });
});

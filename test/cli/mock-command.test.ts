import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { graphLro } from "./in-process.ts";

// `graph-lro mock` is src/cli/mock-command.ts's, written apart; these run once it is in the tree.
// TODO(lead): once mock-command.ts is on main, drop runIf and make mock-dispatch.ts import it by name.
const landed = existsSync(join(PROJECT_DIR, "src/cli/mock-command.ts"));

describe.runIf(landed)("graph-lro mock", () => {
  const usage = async () =>
    ((await import(join(PROJECT_DIR, "src/cli/mock-command.ts"))) as { MOCK_USAGE: string }).MOCK_USAGE;

  it.each([[["mock", "--help"]], [["help", "mock"]]])("%j prints the mock's usage and exits 0", async (argv) => {
    const { code, stdout } = await graphLro(argv);
    expect(code).toBe(EXIT.succeeded);
    expect(stdout.trimEnd()).toBe((await usage()).trimEnd());
  });

  it("serves until Ctrl-C, then exits 0", async () => {
    const controller = new AbortController();
    const run = graphLro(["mock", "--port", "0", "--quiet"], { signal: controller.signal });
    setTimeout(() => controller.abort(), 500);
    const { code, stdout } = await run;
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toContain("127.0.0.1");
  });
});

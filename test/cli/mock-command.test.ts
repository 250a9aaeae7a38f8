import { describe, expect, it } from "vitest";
import { MOCK_USAGE } from "../../src/cli/mock-command.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { graphLro } from "./in-process.ts";

// `graph-lro mock` is src/cli/mock-command.ts's (tested in test/mock/); here, that the command dispatches to it.
describe("graph-lro mock", () => {
  it.each([[["mock", "--help"]], [["help", "mock"]]])("%j prints the mock's usage and exits 0", async (argv) => {
    const { code, stdout } = await graphLro(argv);
    expect(code).toBe(EXIT.succeeded);
    expect(stdout.trimEnd()).toBe(MOCK_USAGE.trimEnd());
  });

  it("serves until Ctrl-C, then exits 0", async () => {
    const controller = new AbortController();
    let banner = "";
    // Ctrl-C once the banner says where it listens.
    const write = (text: string) => {
      banner += text;
      if (banner.includes("127.0.0.1")) controller.abort();
    };
    const { code } = await graphLro(["mock", "--port", "0", "--quiet"], {
      signal: controller.signal,
      io: { stdout: { write } },
    });
    expect(code).toBe(EXIT.succeeded);
    expect(banner).toContain("http://127.0.0.1:");
  });
});

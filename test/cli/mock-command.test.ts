import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { mockUsage } from "../../src/cli/mock-command.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { graphLro } from "./in-process.ts";

// `graph-lro mock`'s command line: usage, usage errors, exit codes. What it serves and logs: test/mock/mock-command.test.ts.
describe("graph-lro mock", () => {
  it.each([[["mock", "--help"]], [["mock", "-h"]], [["help", "mock"]]])(
    "%j prints the mock's usage and exits 0",
    async (argv) => {
      const { code, stdout } = await graphLro(argv);
      expect(code).toBe(EXIT.succeeded);
      expect(stdout.trimEnd()).toBe(mockUsage().trimEnd());
    },
  );

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

  it.each([
    [["--bogus"], "unknown option --bogus for mock"],
    [["--port"], "--port needs a value"],
    [["--port", "--quiet"], "--port needs a value, not the option --quiet (write --port=--quiet if that is the value)"],
    [["--port", "http"], '--port must be an integer from 0 to 65535, not "http"'],
    [["--port=70000"], '--port must be an integer from 0 to 65535, not "70000"'],
    [["--port", "0", "--port", "1"], "--port is given more than once"],
    [["--quiet=yes"], "--quiet takes no value"],
    [["serve"], 'unexpected argument "serve": graph-lro mock takes options only'],
  ])("refuses mock %j as wait and get refuse a usage error, exiting 2", async (argv, message) => {
    const { code, stdout, stderr } = await graphLro(["mock", ...argv]);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toBe(`graph-lro: ${message}\nRun graph-lro mock --help for usage.\n`);
    expect(stdout).toBe("");
  });

  it("prints its usage for --help anywhere, as wait and get do", async () => {
    const { code, stdout } = await graphLro(["mock", "--bogus", "-h"]);
    expect(code).toBe(EXIT.succeeded);
    expect(stdout.trimEnd()).toBe(mockUsage().trimEnd());
  });

  it("lists its options as wait and get do, from its option table, with examples", () => {
    expect(mockUsage()).toMatch(/^Usage: graph-lro mock \[--port 4010\] \[--host 127\.0\.0\.1\] \[--no-strict\]/m);
    expect(mockUsage()).toContain("Examples:");
    expect(mockUsage()).toMatch(/\n {2}--port <n> +port to listen on; 0 picks a free one \(default 4010\)\n/);
    expect(mockUsage()).toMatch(/\n {2}-h, --help +this text\n/);
  });

  it("documents its exit codes, as the EXIT table numbers them", () => {
    expect(mockUsage()).toContain(`\n  ${EXIT.usage}    usage error\n`);
    expect(mockUsage()).toMatch(new RegExp(`\\n  ${EXIT.unavailable}   cannot listen`));
    expect(mockUsage()).toMatch(new RegExp(`\\n  ${EXIT.internal}   unexpected error`));
    expect(mockUsage()).not.toMatch(/\n {2}1 {4}/);
  });

  it("says it cannot listen with its own exit code, not 1 (an operation that failed)", async () => {
    const busy = await new Promise<Server>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => resolve(server));
    });
    try {
      const port = (busy.address() as { port: number }).port;
      const { code, stderr } = await graphLro(["mock", "--port", String(port)]);
      expect(code).toBe(EXIT.unavailable);
      expect(stderr).toBe(
        `graph-lro: cannot listen on 127.0.0.1:${port}: port ${port} is in use (--port 0 picks a free one)\n`,
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  // JSON.stringify escapes C0 controls but leaves C1 ones, such as U+009B (a one-character CSI).
  it.each([
    [["mock", "--bogus\u009b2J"], EXIT.usage, "--bogus\\x9b2J"],
    [["mock", "--port", "1\u009b2J"], EXIT.usage, "1\\x9b2J"],
    [["mock", "serve\u009b2J"], EXIT.usage, "serve\\x9b2J"],
    [["mock", "--port", "0", "--host", "\u009b2J\u001b]0;x\u0007"], EXIT.unavailable, "\\x9b2J\\x1b]0;x\\x07"],
  ])("argv %# has control characters: printed as escapes", async (argv, exit, shown) => {
    const { code, stdout, stderr } = await graphLro(argv);
    expect(code).toBe(exit);
    expect(stderr).toContain(shown);
    expect((stdout + stderr).replaceAll("\n", "")).not.toMatch(/\p{Cc}/u);
  });
});

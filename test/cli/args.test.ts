import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { servers } from "../../generated/graph-lro.routes.ts";
import { COMMANDS, EXIT } from "../../src/cli/run-cli.ts";
import { POLL_DEFAULTS } from "../../src/index.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { operationUrl } from "../support/spec-urls.ts";
import { graphLro, jsonLines, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

const SECRET = "hunter2-secret";
/** The commands as usage errors list them: the spec's starts among them. */
const USE = COMMANDS.join(", ");
const URL_X = operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" });

describe("graph-lro usage errors exit 2 with one clean line and a pointer to the command's help", () => {
  it.each([
    [["wait", "--alert-operation", "x"], "no token: set GRAPH_TOKEN", "wait"],
    [["wait", "--bogus"], "unknown option --bogus for wait", "wait"],
    [["get", "-x"], "unknown option -x for get", "get"],
    [["--bogus"], "unknown option --bogus", undefined],
    [["frobnicate"], `unknown command "frobnicate": use ${USE}`, undefined],
    [["wait", "--mock", "--base-url", "http://127.0.0.1:4010/beta"], "--base-url is for a server such as", "wait"],
    [["wait", "--mock=nope"], 'unknown story "nope" for --mock: one of progress, failed', "wait"],
    [["wait", "--mock", "progres"], 'unknown story "progres" for --mock (did you mean progress?)', "wait"],
    [["wait", "--mock", "--timeout", "soon"], "--timeout must be a duration", "wait"],
    [["wait", "--timeout"], "--timeout needs a value", "wait"],
    [["wait", "--mock", "--select", "--json"], "--select needs a value, not the option --json", "wait"],
    [["get", "--mock", "--json=yes"], "--json takes no value", "get"],
    [["wait", "--user", "alice@contoso.com"], "--user and --operation go together", "wait"],
    [["--json"], `no command: use ${USE}`, undefined],
    [["--timeout", "5"], `no command: use ${USE}`, undefined],
    [
      ["wait", "--alert-operation", "a", "--alert-operation", "b", "--mock", "failed"],
      "--alert-operation is given more than once",
      "wait",
    ],
    [["get", "--mock", "--json", "--json"], "--json is given more than once", "get"],
    [
      ["get", "--mock", "--select", "status,"],
      '--select needs property names separated by commas, not "status,"',
      "get",
    ],
    [["wait", "--cloud", "mars", "--alert-operation", "x"], 'unknown cloud "mars" for --cloud', "wait"],
    [["wait", "--mock", "--alert-operation", ".."], '--alert-operation must not be ".."', "wait"],
    [["get", "--mock", "--user", "", "--operation", "x"], '--user must not be ""', "get"],
    [
      [
        "wait",
        operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root: "https://evil.example/beta" }),
      ],
      "evil.example",
      "wait",
    ],
    // The spec declares the operation's query options; the mock holds a request to them (Graph ignores others).
    [["get", "--mock", `${URL_X}?foo=1`], "--mock checks requests against the spec: request query /foo", "get"],
    [["wait", "--mock", `${URL_X}?$expand=x`], "request query /$expand is not a parameter of this operation", "wait"],
    [["help", "frobnicate"], `help takes one command: ${USE}`, undefined],
    [["wait", "--mock", "--header", "Authorization: Bearer x"], "--header cannot send Authorization", "wait"],
    [["wait", "--mock", "--header", "no colon"], "--header needs 'Name: value'", "wait"],
    [["wait", "--mock", "failed", "--header", "Prefer: story=progress"], "name the story once", "wait"],
    [
      ["wait", "--mock", "--cloud", "china", "--base-url", "http://127.0.0.1:4010/beta"],
      "give --cloud or --base-url, not both",
      "wait",
    ],
  ])("%j", async (argv, message, command) => {
    const { code, stdout, stderr } = await graphLro(argv, {
      env: argv[1]?.startsWith("https") ? { GRAPH_TOKEN: SECRET } : {},
    });
    expect(code).toBe(EXIT.usage);
    const help = command ? `graph-lro ${command} --help` : "graph-lro --help";
    expect(stderr).toMatch(new RegExp(`^graph-lro: [^\\n]*\\nRun ${help} for usage\\.\\n$`));
    expect(stderr).toContain(message);
    // --json asks for the error as JSON too, even on a command line that cannot be read.
    const json = argv.includes("--json")
      ? [{ error: { code: "usageError", message: expect.stringContaining(message) } }]
      : [];
    expect(stdout ? jsonLines(stdout) : []).toEqual(json);
  });

  it("prints the overview on stderr with no arguments", async () => {
    const { code, stderr } = await graphLro([]);
    expect([code, stderr.startsWith("graph-lro: wait for")]).toEqual([EXIT.usage, true]);
  });

  it("names --timeout, never the library's timeoutMs, for a duration it cannot use", async () => {
    for (const timeout of ["0", "0.0001s", "999999h", "-5", "5 minutes"]) {
      const { code, stderr } = await graphLro(["get", "--mock", `--timeout=${timeout}`]);
      expect(code).toBe(EXIT.usage);
      expect(stderr).toContain(
        `--timeout must be a duration from 1ms to 596h, such as 90, 90s, 5m or 1500ms, not "${timeout}"`,
      );
      expect(stderr).not.toContain("timeoutMs");
    }
  });

  it("names --base-url, never the library's baseUrl, for an http: URL to another machine (the token in clear)", async () => {
    const { code, stderr } = await graphLro(
      ["get", "--alert-operation", "x", "--base-url", "http://graph.example/beta"],
      {
        env: { GRAPH_TOKEN: SECRET },
      },
    );
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(
      /^graph-lro: --base-url must be https: to carry a token, or http: to a loopback host, such as /,
    );
    expect(stderr).toContain("Run graph-lro get --help for usage.");
    expect(stderr).not.toContain("baseUrl");
  });

  it("never echoes a password given in --base-url or in an operation URL", async () => {
    const withPassword = (url: string) => url.replace("://", `://user:${SECRET}@`);
    const runs = [
      await graphLro(["get", "--alert-operation", "x", "--base-url", withPassword("http://127.0.0.1:4010/beta")]),
      await graphLro(["get", withPassword(URL_X)], { env: { GRAPH_TOKEN: "t" } }),
      await graphLro(["get", "--base-url", withPassword("http://127.0.0.1:4010/beta?x"), "--json"]),
    ];
    for (const { code, stdout, stderr } of runs) {
      expect(code).toBe(EXIT.usage);
      expect(stdout + stderr).not.toContain(SECRET);
      expect(stderr).toContain("credentials");
    }
  });

  it("names a command in the hint only if it is one: a mistyped one or a URL is never echoed there", async () => {
    const withPassword = URL_X.replace("://", `://user:${SECRET}@`);
    for (const first of ["wiat", withPassword, "\u009b2J"]) {
      const { code, stdout, stderr } = await graphLro([first, "--bogus", "--json"]);
      expect(code).toBe(EXIT.usage);
      expect(stderr).toBe("graph-lro: unknown option --bogus\nRun graph-lro --help for usage.\n");
      expect(stdout).not.toContain(SECRET);
    }
  });

  it("refuses a header value with a line break without echoing it", async () => {
    const { code, stderr } = await graphLro(["get", "--mock", "--header", `X-Note: a\r\nAuthorization: ${SECRET}`]);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("--header X-Note: the value has a line break or a control character");
    expect(stderr).not.toContain(SECRET);
  });

  it("never echoes GRAPH_TOKEN in a usage error, though the command line is read before the token", async () => {
    // `graph-lro wait --cloud $GRAPH_TOKEN`, a slip of the shell, in a CI log.
    for (const argv of [[SECRET], ["wait", "--cloud", SECRET], ["get", "--mock", "--timeout", SECRET, "--json"]]) {
      const { code, stdout, stderr } = await graphLro(argv, { env: { GRAPH_TOKEN: SECRET } });
      expect(code).toBe(EXIT.usage);
      expect(stdout + stderr).not.toContain(SECRET);
      expect(stderr).toContain("[redacted]");
    }
  });

  it("with --json, ends a usage error with one JSON error object on stdout", async () => {
    const { code, stdout } = await graphLro(["wait", "--json", "--bogus"]);
    expect(code).toBe(EXIT.usage);
    expect(jsonLines(stdout)).toEqual([{ error: { code: "usageError", message: "unknown option --bogus for wait" } }]);
  });
});

describe("graph-lro help", () => {
  const version = (JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as { version: string }).version;

  it.each([[["--help"]], [["-h"]], [["help"]], [["--json", "-h", "--timeout", "5"]], [["--bogus", "--help"]]])(
    "%j prints the overview and exits 0",
    async (argv) => {
      const { code, stdout } = await graphLro(argv);
      expect(code).toBe(EXIT.succeeded);
      expect(stdout).toMatch(/^graph-lro: wait for a Microsoft Graph/);
      for (const line of ["graph-lro mock", "graph-lro help [command]", "graph-lro --version", "Exit codes:"]) {
        expect(stdout).toContain(line);
      }
      expect(stdout).toContain("70   unexpected error");
      expect(stdout).toContain("130  interrupted");
    },
  );

  it.each([
    [["wait", "--help"], "wait"],
    [["help", "wait"], "wait"],
    [["wait", "--bogus", "-h"], "wait"],
    [["get", "-h"], "get"],
    [["help", "get"], "get"],
  ])("%j prints that command's usage with examples, and exits 0", async (argv, command) => {
    const { code, stdout } = await graphLro(argv);
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toMatch(new RegExp(`^graph-lro ${command}: `));
    expect(stdout).toContain(`  graph-lro ${command} --alert-operation <id> [options]`);
    expect(stdout).toMatch(new RegExp(`Examples:\\n  graph-lro ${command} `));
    expect(stdout).toContain("--header 'Name: value'");
  });

  it("reads the clouds and the default timeout from the spec and POLL_DEFAULTS", async () => {
    const { stdout } = await graphLro(["help", "wait"]);
    const clouds = servers.map((s) => s["x-graph-cloud"]);
    expect(stdout).toContain(`--cloud <name>           ${clouds.join(", ")} (default ${clouds[0]})`);
    expect(stdout).toContain(`(default ${POLL_DEFAULTS.timeoutMs / 60_000}m)`);
  });

  it("prints the version of package.json", async () => {
    const { code, stdout } = await graphLro(["--version"]);
    expect([code, stdout]).toEqual([EXIT.succeeded, `graph-lro ${version}\n`]);
  });
});

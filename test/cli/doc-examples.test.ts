import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mockUsage } from "../../src/cli/mock-command.ts";
import { EXIT, helpFor } from "../../src/cli/run-cli.ts";
import { START_COMMANDS } from "../../src/cli/start-command.ts";
import { startMockServer } from "../../src/mock/index.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { graphLro } from "./in-process.ts";

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

// Every README and --help example of the command that can run offline runs as written: only the port of
// a mock (4010 in the docs, or its default) is swapped for a free one, and a stories file is made for --stories.
// The others name the real Graph (`$LOCATION`, `<id>`, `…`) and are left out by that rule, listed below.

/** A shell line's words: quotes removed, `# comments` dropped, `NAME=value` prefixes as env. */
function words(line: string): { env: Record<string, string>; argv: string[] } {
  const argv: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(#.*$)|(\S+)/g)) {
    if (m[3] !== undefined) break;
    argv.push(m[1] ?? m[2] ?? (m[4] as string));
  }
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(argv[0] ?? "")) {
    const [name, ...value] = (argv.shift() as string).split("=");
    env[name as string] = value.join("=");
  }
  return { env, argv };
}

/** The `graph-lro` lines of a text, continuation lines joined, with the help's right-hand notes cut off. */
function commandLines(text: string): string[] {
  const joined = text.replace(/\\\n\s*/g, "");
  return [...joined.matchAll(/^\s*((?:[A-Z_]+=\S+ )?graph-lro (?:\S| (?! {2}))*)/gm)].map((m) =>
    (m[1] as string).trim(),
  );
}

/** Needs the real Graph or a value the reader fills in. */
const needsGraph = (line: string) => /\$LOCATION|<[^>]*>|…|\[/.test(line);

const readme = await readFile(join(PROJECT_DIR, "README.md"), "utf8");
const cliBlock = /## The command line\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const examplesOf = (help: string) => commandLines(help.slice(help.indexOf("Examples:")));
// The mock's usage is read inside its test: it reads the spec's operations through the mock's code, which a
// table built as the file loads would make static mutants (decision 0023b).
const examples = [
  ...commandLines(cliBlock).map((line) => ["README", line] as const),
  ...[helpFor("wait"), helpFor("get"), ...Object.keys(START_COMMANDS).map(helpFor)].flatMap((help) =>
    examplesOf(help).map((line) => ["--help", line] as const),
  ),
];

describe("the documented examples of graph-lro", () => {
  it("finds the examples, and leaves out only those that need the real Graph", () => {
    const all = [...examples.map(([, line]) => line), ...examplesOf(mockUsage())];
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((line) => !needsGraph(line)).length).toBeGreaterThan(6);
  });

  it.for(examples.filter(([, line]) => !needsGraph(line)))("%s: %s runs as written", async ([, line]) => {
    await runsAsWritten(line);
  });

  it("graph-lro mock --help: each example runs as written", async () => {
    const lines = examplesOf(mockUsage()).filter((line) => !needsGraph(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) await runsAsWritten(line);
  });
});

/** Runs a documented command line in process (a mock on a free port for one on 4010) and checks its exit code. */
async function runsAsWritten(line: string) {
  const { env, argv } = words(line);
  expect(argv.shift()).toBe("graph-lro");
  const isMock = argv[0] === "mock";
  const mock = argv.some((a) => a.startsWith("http://127.0.0.1:4010")) ? await startMockServer({ port: 0 }) : undefined;
  try {
    const args = argv.map((a) =>
      mock ? a.replace("127.0.0.1:4010", new URL(mock.url).host) : isMock && a === "4010" ? "0" : a,
    );
    // A mock that would listen on the default port listens on a free one: tests run side by side.
    if (isMock && !args.includes("--port")) args.push("--port", "0");
    const storiesAt = args.indexOf("--stories") + 1;
    if (storiesAt > 0) {
      const dir = await mkdtemp(join(tmpdir(), "graph-lro-doc-"));
      made.push(dir);
      const file = join(dir, args[storiesAt] as string);
      await writeFile(file, JSON.stringify({ "op-1": [{ kind: "operation", status: "running" }] }));
      args[storiesAt] = file;
    }
    const controller = new AbortController();
    // A mock runs until Ctrl-C: stop it once it listens.
    const write = (text: string) => text.includes("listening on") && controller.abort();
    const run = await graphLro(args, {
      env,
      signal: controller.signal,
      ...(isMock && { io: { stdout: { write } } }),
    });
    // Every example ends as it says: the `failed` story is the one that exits 1.
    const expected = args.join(" ").includes("failed") ? EXIT.failed : EXIT.succeeded;
    expect({ code: run.code, stderr: run.stderr.split("\n")[0] }).toEqual({
      code: expected,
      stderr: expect.not.stringContaining("usage"),
    });
  } finally {
    await mock?.close();
  }
}

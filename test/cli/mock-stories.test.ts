import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { StoriesFileError } from "../../src/errors/stories-file-error.ts";
import { defineStory, type Story, storiesFileSchema } from "../../src/mock/index.ts";
import { readStoriesFile } from "../../src/mock/stories-file.ts";
import { graphLro } from "./in-process.ts";

// `graph-lro mock --stories <file>` and `--cors`, through the graph-lro command.

/** The operation whose ref needs only an operationId, found by its x-graph-lro-kind. */
const route = Object.values(operations).find(
  (r) => Object.keys(r.refFields).length === 1,
) as (typeof operations)[keyof typeof operations];
const pathFor = (id: string) => route.path.replace(/\{[^}]+\}/, encodeURIComponent(id));

/** Runs `graph-lro mock <argv>` until `use(url)` is done, then Ctrl-C; its exit code and output. */
async function withMock(argv: string[], use: (root: string) => Promise<void> = async () => {}) {
  const controller = new AbortController();
  let out = "";
  let listening: (url: string) => void = () => {};
  const root = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const write = (text: string) => {
    out += text;
    const url = /listening on (\S+)/.exec(out)?.[1];
    if (url) listening(url);
  };
  const run = graphLro(["mock", "--port", "0", "--quiet", ...argv], {
    signal: controller.signal,
    io: { stdout: { write } },
  });
  const ended = await Promise.race([run.then((r) => ({ ...r, early: true })), root.then(() => undefined)]);
  if (ended) return { ...ended, stdout: out };
  await use(await root);
  controller.abort();
  return { ...(await run), stdout: out };
}

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function storiesFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-stories-"));
  made.push(dir);
  const file = join(dir, "stories.json");
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("graph-lro mock --stories", () => {
  it("serves a file's stories by operation id, and to any id that asks by its key with Prefer", async () => {
    const story: Story = [
      { kind: "operation", status: "running", retryAfter: 1 },
      { kind: "error", status: 504 },
      { kind: "operation", status: "succeeded" },
    ];
    const file = await storiesFile({ "op-mine": story, "op-built-in": "throttled" });
    const { code } = await withMock(["--stories", file], async (root) => {
      const get = async (id: string, prefer?: string) => {
        const headers: Record<string, string> = { Authorization: "Bearer x", ...(prefer && { Prefer: prefer }) };
        const response = await fetch(`${root}${pathFor(id)}`, { headers });
        const body = (await response.json()) as { status?: string };
        return `${response.status} ${body.status ?? ""}`.trim();
      };
      expect([await get("op-mine"), await get("op-mine"), await get("op-mine")]).toEqual([
        "200 running",
        "504",
        "200 succeeded",
      ]);
      expect(await get("any-other-id", "story=op-mine")).toBe("200 running");
      expect(await get("op-built-in")).toBe("429");
      const coverage = (await (await fetch(`${new URL(root).origin}/_mock/coverage`)).json()) as {
        responses: { status: string; served: number }[];
      };
      expect(coverage.responses.find((r) => r.status === "5XX")?.served).toBe(1);
    });
    expect(code).toBe(EXIT.succeeded);
  });

  it("refuses a file that breaks its schema on start, naming each bad entry, exiting 2", async () => {
    const file = await storiesFile({
      good: [{ kind: "operation", status: "running" }],
      typo: [
        { kind: "operation", status: "running" },
        { kind: "operation", status: "runing" },
      ],
      "no-such": "flaky",
      teapot: [{ kind: "error", status: 302 }],
    });
    const { code, stderr, stdout } = await withMock(["--stories", file]);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe("");
    expect(stderr).toContain(`--stories ${file}: the stories file is not valid`);
    expect(stderr).toMatch(/"typo" step 2: status must be equal to one of the allowed values: notStarted, running/);
    expect(stderr).toMatch(/"no-such": must be equal to one of the allowed values: progress/);
    expect(stderr).toMatch(/"teapot" step 1: status must be equal to one of the allowed values: \d+/);
    expect(stderr).not.toContain('"good"');
  });

  // StoryStep is the one declaration of a step: the builder takes its fields and the file schema is keyed by them.
  it("takes every field of every kind of step the builder makes", () => {
    const story = defineStory()
      .operation("running", { retryAfter: 1, set: { statusDetail: "x" } })
      .operation("x-graph-lro-test-unlisted", { unlisted: true, retryAfter: 0 })
      .error(429, { retryAfter: 2 })
      .build();
    expect(readStoriesFile(JSON.stringify({ a: story }))).toEqual({ a: story });
  });

  it("names where a file breaks its schema: the file itself, a key, a step, a field it does not have", () => {
    const problems = (text: string) => {
      try {
        readStoriesFile(text);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(StoriesFileError);
        return (error as StoriesFileError).problems;
      }
    };
    expect(problems("[]")).toEqual(["the file: must be object"]);
    expect(problems('{"a": 1}')).toEqual(['"a": must be array']);
    expect(problems('{"a": [1]}')).toEqual(['"a" step 1: must be object']);
    expect(problems('{"a": [{"kind": "operation", "status": "running", "x": 1}]}')).toEqual([
      '"a" step 1: must NOT have additional properties (x)',
    ]);
  });

  it("takes a status the spec does not list with unlisted: true, and refuses a file that is no JSON or not there", async () => {
    const unlisted = await storiesFile({ x: [{ kind: "operation", status: "skipped", unlisted: true }] });
    expect((await withMock(["--stories", unlisted])).code).toBe(EXIT.succeeded);
    const broken = await withMock(["--stories", await storiesFile("{ nope")]);
    expect([broken.code, broken.stderr]).toEqual([EXIT.usage, expect.stringContaining("not JSON")]);
    const missing = await withMock(["--stories", "/no/such/stories.json"]);
    expect([missing.code, missing.stderr]).toEqual([EXIT.usage, expect.stringContaining("cannot read it")]);
  });

  it("publishes the file's JSON Schema, its statuses read from the spec", () => {
    const schema = JSON.stringify(storiesFileSchema());
    expect(schema).toContain('"notStarted","running"');
    expect(schema).toContain('"progress"');
  });
});

describe("graph-lro mock --cors", () => {
  const preflight = (root: string) =>
    fetch(`${root}${pathFor("x")}`, {
      method: "OPTIONS",
      headers: { Origin: "http://app.test", "Access-Control-Request-Method": "GET" },
    });

  it("turns CORS on for a host that is not loopback, as the banner says", async () => {
    const { code, stdout } = await withMock(["--host", "0.0.0.0", "--cors"], async (root) => {
      const local = root.replace("0.0.0.0", "127.0.0.1");
      const response = await fetch(`${local}${pathFor("x")}`, { headers: { Authorization: "Bearer x" } });
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect((await preflight(local)).status).toBe(204);
    });
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toContain("CORS on");
  });

  it("keeps it off there without --cors, and refuses --cors with --no-cors", async () => {
    await withMock(["--host", "0.0.0.0"], async (root) => {
      const local = root.replace("0.0.0.0", "127.0.0.1");
      const response = await fetch(`${local}${pathFor("x")}`, { headers: { Authorization: "Bearer x" } });
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    });
    const both = await graphLro(["mock", "--cors", "--no-cors"]);
    expect([both.code, both.stderr]).toEqual([
      EXIT.usage,
      expect.stringContaining("--cors and --no-cors cannot be given together"),
    ]);
  });
});

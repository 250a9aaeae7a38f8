import { beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { InterruptedError } from "../../src/errors/interrupted-error.ts";
import { builtInStories } from "../../src/mock/index.ts";
import { json, odataError, recordingFetch } from "../support/recording-fetch.ts";
import { GET_PATHS, GRAPH_ROOT } from "../support/spec-urls.ts";
import { graphLro, jsonLines, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

const retryAfterMs = (story: "throttled" | "unavailable") => {
  const [first] = builtInStories[story];
  return first?.retryAfter === undefined ? undefined : first.retryAfter * 1000;
};
const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;

describe("wait shows throttling and the wait the server asked for", () => {
  it("in the plain log", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled"]);
    expect(code).toBe(EXIT.succeeded);
    const asked = retryAfterMs("throttled");
    expect(stdout).toMatch(
      new RegExp(
        `^\\[ +0\\.0 s\\] throttled \\(429\\), Retry-After ${seconds(asked)}\\n\\[ +${seconds(asked)}\\] succeeded \\(poll 1\\)\\n`,
      ),
    );
  });

  it("and a 503 with its Retry-After", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "unavailable"]);
    const asked = retryAfterMs("unavailable");
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toMatch(
      new RegExp(`^\\[ +0\\.0 s\\] service unavailable \\(503\\), Retry-After ${seconds(asked)}\\n`),
    );
  });

  it("in --json progress, as a retry event before the state", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled", "--json"]);
    expect(code).toBe(EXIT.succeeded);
    const [retry, state] = jsonLines(stdout);
    expect(retry).toEqual({ event: "retry", httpStatus: 429, retryAfterMs: retryAfterMs("throttled"), elapsedMs: 0 });
    expect(state).toMatchObject({ event: "state", status: "succeeded", attempt: 1 });
  });

  it("in the live line of a terminal, which then shows the state", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "throttled"], { isTTY: true });
    expect(code).toBe(EXIT.succeeded);
    const frames = stdout.split("\r\u001b[2K").filter(Boolean);
    expect(frames[0]).toMatch(/^waiting · 0\.0 s elapsed · throttled \(429\), Retry-After 1\.0 s: retry in 1\.0 s$/);
    expect(frames.at(-1)).toMatch(
      /^succeeded · 1\.0 s elapsed · poll 1\nsucceeded after 1\.0 s and 1 poll\nresourceLocation: /,
    );
  });
});

describe("--verbose", () => {
  it("prints each request and its status on stderr, never the token", async () => {
    const token = "eyJ0eXAiOiJKV1Qi.secret-token-value";
    const { code, stdout, stderr } = await graphLro(["wait", "--mock", "throttled", "--verbose", "--json"], {
      env: { GRAPH_TOKEN: token },
    });
    expect(code).toBe(EXIT.succeeded);
    const requests = stderr.match(/^→ GET https:\/\/graph\.microsoft\.com\/beta\/\S+$/gm);
    expect(requests).toHaveLength(2);
    expect(stderr.match(/^← \d+ in \d+ ms$/gm)?.map((line) => line.split(" ")[1])).toEqual(["429", "200"]);
    expect(stdout + stderr).not.toContain(token);
    // stdout stays JSON.
    expect(() => jsonLines(stdout)).not.toThrow();
  });

  it("in a terminal, prints each line above the live line rather than through it", async () => {
    let terminal = "";
    const write = (text: string) => (terminal += text);
    const { code } = await graphLro(["wait", "--mock", "throttled", "--verbose"], {
      io: { stdout: { isTTY: true, write }, stderr: { write } },
    });
    expect(code).toBe(EXIT.succeeded);
    const verbose = terminal.match(/[←→] /g) ?? [];
    expect(verbose).toHaveLength(4);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the live line's own redraw.
    expect(terminal.match(/(^|\n|\r\u001b\[2K)[←→] /g)).toHaveLength(verbose.length);
  });
});

describe("--header", () => {
  const SECRET = "secret-token";
  it("sends each --header on every attempt, once", async () => {
    const { fetch, requests } = recordingFetch(odataError(503, "serviceUnavailable"), json({ status: "succeeded" }));
    const argv = ["get", "--alert-operation", "x", "--header", "X-Trace: 1", "--header", "x-trace: 2"];
    const { code } = await graphLro(argv, { env: { GRAPH_TOKEN: SECRET }, fetch });
    expect(code).toBe(EXIT.succeeded);
    expect(requests.map((r) => [r.headers["x-trace"], r.headers.authorization])).toEqual([
      ["1, 2", `Bearer ${SECRET}`],
      ["1, 2", `Bearer ${SECRET}`],
    ]);
  });
});

describe("Ctrl-C while waiting", () => {
  /** A sleep that stands for Ctrl-C during the first wait between polls. */
  const interruptingSleep = (controller: AbortController) => async (_ms: number, signal: AbortSignal) => {
    controller.abort(new InterruptedError());
    signal.throwIfAborted();
  };

  it("says how far it got and how to resume, and exits 130", async () => {
    const controller = new AbortController();
    const argv = ["wait", "--mock", "--timeout", "5m", "--token-command=echo secret"];
    const { code, stderr } = await graphLro(argv, {
      signal: controller.signal,
      io: { sleep: interruptingSleep(controller) },
    });
    expect(code).toBe(EXIT.interrupted);
    expect(stderr).toBe(
      "graph-lro: interrupted after 1 poll, last status notStarted\n" +
        "To resume: graph-lro wait --mock --timeout 5m --token-command='<your token command>'\n",
    );
  });

  it("never prints a --header value in the resume line, on stderr or in JSON", async () => {
    const controller = new AbortController();
    const argv = ["wait", "--mock", "--header", "X-Note: hunter2-secret", "--header=X-Other:hunter3", "--json"];
    const { code, stdout, stderr } = await graphLro(argv, {
      signal: controller.signal,
      io: { sleep: interruptingSleep(controller) },
    });
    expect(code).toBe(EXIT.interrupted);
    expect(stdout + stderr).not.toMatch(/hunter/);
    const resume = "graph-lro wait --mock --header 'X-Note: …' --header='X-Other: …' --json";
    expect(jsonLines(stdout).at(-1)?.error).toMatchObject({ resume });
    expect(stderr).toContain(`To resume: ${resume}\n(type the --header values again: they are not printed)\n`);
  });

  it("with --json, ends with the error object holding the saved state and the command line", async () => {
    const controller = new AbortController();
    const { code, stdout } = await graphLro(["wait", "--mock", "--json"], {
      signal: controller.signal,
      io: { sleep: interruptingSleep(controller) },
    });
    expect(code).toBe(EXIT.interrupted);
    const error = jsonLines(stdout).at(-1)?.error;
    expect(error).toMatchObject({ code: "interrupted", resume: "graph-lro wait --mock --json" });
    expect(error).toHaveProperty("state", expect.objectContaining({ attempt: 1, lastStatus: "notStarted" }));
  });
});

describe("--json failures end with one error object on stdout, exit codes as documented", () => {
  it("an operation that failed: exit 1", async () => {
    const { code, stdout, stderr } = await graphLro(["wait", "--mock", "failed", "--json"]);
    expect(code).toBe(EXIT.failed);
    const { statusDetail } = spec.components.examples.alertRefreshFailed.value;
    expect(jsonLines(stdout).at(-1)).toEqual({
      error: {
        code: "operationFailed",
        message: expect.stringContaining(statusDetail),
        operationId: expect.any(String),
        statusDetail,
      },
    });
    expect(stderr).toBe("");
  });

  it("an HTTP error: exit 4, with Graph's code, the status and the request-id", async () => {
    const { code, stdout, stderr } = await graphLro([
      "get",
      "--mock",
      "--alert-operation",
      "no-such-operation",
      "--json",
    ]);
    expect(code).toBe(EXIT.http);
    const { error } = jsonLines(stdout).at(-1) as { error: Record<string, unknown> };
    const notFound = (GET_PATHS[0] as (typeof GET_PATHS)[number])[1].get.responses["404"];
    const example = Object.values(notFound.content["application/json"].examples)[0]?.value.error;
    expect(error).toMatchObject({ code: example?.code, status: 404, requestId: expect.any(String), method: "GET" });
    // Mock runs say who answered.
    expect(error.message).toBe(
      `the built-in mock answered 404 ${example?.code}: ${example?.message} (GET ${error.url}, request-id ${error.requestId})`,
    );
    expect(stderr).toBe(`graph-lro: ${error.message}\n`);
  });

  it("a timeout: exit 3, naming --timeout, with the state and how to keep waiting", async () => {
    const { code, stdout, stderr } = await graphLro(["wait", "--mock", "--timeout", "1500ms", "--json"]);
    expect(code).toBe(EXIT.timeout);
    expect(jsonLines(stdout).at(-1)?.error).toMatchObject({
      code: "timeout",
      timeoutMs: 1500,
      lastStatus: "running",
      state: expect.objectContaining({ attempt: 2 }),
      resume: "graph-lro wait --mock --timeout 1500ms --json",
    });
    expect(stderr).toMatch(/\(--timeout 1500ms\)\nTo keep waiting: graph-lro wait --mock --timeout 1500ms --json\n$/);
    expect(stderr).not.toContain("timeoutMs");
  });

  it("no token: exit 2", async () => {
    const { code, stdout } = await graphLro(["get", "--alert-operation", "x", "--json"]);
    expect(code).toBe(EXIT.usage);
    expect(jsonLines(stdout)).toEqual([
      { error: { code: "usageError", message: expect.stringContaining("no token") } },
    ]);
  });
});

describe("the built-in mock", () => {
  const paths = GET_PATHS;

  it("plays the progress story, with no target, on the first operation's first example that is not terminal", async () => {
    const [path, item] = paths[0] ?? [];
    const values = Object.values(item?.get.responses["200"].content["application/json"].examples ?? {}).map(
      (e) => e.value,
    );
    const example = values.find((value) => value.status !== "succeeded" && value.status !== "failed");
    const url = `${GRAPH_ROOT}${path?.replace(/\{[^}]+\}$/, encodeURIComponent(example?.id ?? ""))}`;
    const { code, stdout, stderr } = await graphLro(["wait", "--mock", "--verbose"]);
    expect(code).toBe(EXIT.succeeded);
    expect(new Set(stderr.match(/^→ GET (\S+)$/gm))).toEqual(new Set([`→ GET ${url}`]));
    expect(
      stdout
        .split("\n")
        .map((line) => / (\w+) \(poll/.exec(line)?.[1])
        .filter(Boolean),
    ).toEqual(builtInStories.progress.map((step) => step.status));
  });

  it("answers an example's id with that example, and a made-up id with the spec's 404, with no story", async () => {
    const { alertRefreshSucceeded: alert, passwordResetFailed: reset } = spec.components.examples;
    const cases = [
      [["--alert-operation", alert.value.id], alert.value],
      [["--user", "alice@contoso.com", "--operation", reset.value.id], reset.value],
    ] as const;
    for (const [argv, example] of cases) {
      const { code, stdout } = await graphLro(["get", "--mock", ...argv]);
      expect(code).toBe(EXIT.succeeded);
      expect(JSON.parse(stdout)).toEqual(example);
    }
    const { code, stderr } = await graphLro(["get", "--mock", "--alert-operation", "made-up"]);
    expect(code).toBe(EXIT.http);
    expect(stderr).toMatch(/^graph-lro: the built-in mock answered 404 /);
  });

  it("answers as the cloud --cloud names, and refuses another cloud's URL as real runs do", async () => {
    const china = spec.servers.find((s) => s["x-graph-cloud"] === "china")?.url;
    const { code, stderr } = await graphLro(["get", "--mock", "--cloud", "china", "--verbose"]);
    expect(code).toBe(EXIT.succeeded);
    expect(stderr).toMatch(new RegExp(`^→ GET ${china}/`));
    const globalUrl =
      stderr
        .split(" ")[2]
        ?.trim()
        .replace(china ?? "", GRAPH_ROOT) ?? "";
    const refused = await graphLro(["get", "--mock", "--cloud", "china", globalUrl]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain(`refusing ${new URL(GRAPH_ROOT).origin}`);
  });

  it("plays the story a Prefer header names", async () => {
    const { code, stdout } = await graphLro(["wait", "--mock", "--header", "Prefer: story=failed"]);
    expect(code).toBe(EXIT.failed);
    expect(stdout).toMatch(/\nfailed after /);
  });
});

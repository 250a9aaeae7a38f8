import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { json, odataError, recordingFetch } from "../support/recording-fetch.ts";
import { graphLro, jsonLines } from "./in-process.ts";

// A hostile (or broken) server's text reaches the terminal only as visible escapes: it can neither
// retitle the window, clear the screen, write the clipboard, nor rewrite a line to say something else.
const TITLE = "\u001b]0;pwned\u0007";
const CLEAR = "\u001b[2J";
const CLIPBOARD = "\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007";
const REWRITE = "\rsucceeded after 1.0 s and 2 polls";
const C1_CSI = "\u009b2J";
const ENV = { GRAPH_TOKEN: "token" };
const TARGET = ["--alert-operation", "x"];

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const hostile = () =>
  recordingFetch(
    json({ status: `running${TITLE}`, statusDetail: CLEAR }),
    json({ status: "failed", statusDetail: `the alert could not be refreshed${REWRITE}${C1_CSI}` }),
  ).fetch;

describe("text from the server never drives the terminal", () => {
  it("in the plain log and the summary", async () => {
    const { code, stdout, stderr } = await graphLro(["wait", ...TARGET], { env: ENV, fetch: hostile() });
    expect(code).toBe(EXIT.failed);
    expect(stdout + stderr).not.toMatch(CONTROL);
    expect(stdout).toContain("running\\x1b]0;pwned\\x07 (poll 1)");
    expect(stdout).toMatch(
      /failed after .* the alert could not be refreshed\\rsucceeded after 1\.0 s and 2 polls\\x9b2J\n$/,
    );
  });

  it("in the live line, where the only controls are its own redraws", async () => {
    const { code, stdout } = await graphLro(["wait", ...TARGET], { env: ENV, fetch: hostile(), isTTY: true });
    expect(code).toBe(EXIT.failed);
    expect(stdout).toContain("running\\x1b]0;pwned\\x07 · ");
    expect(stdout.replaceAll("\r\u001b[2K", "")).not.toMatch(CONTROL);
  });

  it("in a resourceLocation", async () => {
    const fetch = recordingFetch(
      json({ status: "succeeded", resourceLocation: `https://graph.example/${CLIPBOARD}` }),
    ).fetch;
    const { code, stdout } = await graphLro(["wait", ...TARGET], { env: ENV, fetch });
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toContain(
      "resourceLocation: https://graph.example/\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07\n",
    );
  });

  it("in an error's text, on stderr and in the JSON error object", async () => {
    const body = { error: { code: `Bad${CLEAR}`, message: `nope${TITLE}${REWRITE}` } };
    const fetch = recordingFetch(json(body, { status: 400 })).fetch;
    const { code, stdout, stderr } = await graphLro(["wait", ...TARGET, "--json"], { env: ENV, fetch });
    expect(code).toBe(EXIT.http);
    expect(stderr).not.toMatch(CONTROL);
    expect(stderr).toContain("nope\\x1b]0;pwned\\x07\\rsucceeded");
    expect(stdout).not.toMatch(CONTROL);
    expect(jsonLines(stdout)).toEqual([
      {
        // The code is Graph's when the library keeps it (it may keep only identifier-like codes).
        error: expect.objectContaining({
          status: 400,
          message: expect.stringContaining(body.error.message),
        }),
      },
    ]);
  });

  it("in --json lines and get's JSON, which escape C1 controls as well as C0", async () => {
    const wait = await graphLro(["wait", ...TARGET, "--json"], { env: ENV, fetch: hostile() });
    expect(wait.stdout).not.toMatch(CONTROL);
    expect(jsonLines(wait.stdout).map((line) => line.status)).toEqual([`running${TITLE}`, "failed", undefined]);
    const get = await graphLro(["get", ...TARGET], { env: ENV, fetch: hostile() });
    expect(get.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(get.stdout)).toMatchObject({ status: `running${TITLE}`, statusDetail: CLEAR });
  });

  it("in a 429's answer, whose only text shown is its status and Retry-After", async () => {
    const fetch = recordingFetch(
      odataError(429, `Throttled${TITLE}`, { "Retry-After": "2" }),
      json({ status: "succeeded" }),
    ).fetch;
    const { code, stdout } = await graphLro(["wait", ...TARGET], { env: ENV, fetch });
    expect(code).toBe(EXIT.succeeded);
    expect(stdout).toMatch(/^\[ +0\.0 s\] throttled \(429\), Retry-After 2\.0 s\n/);
    expect(stdout).not.toMatch(CONTROL);
  });
});

describe("what a server sends back is bounded, and never shows the token", () => {
  it("a token echoed into an error is printed as [redacted], on stderr and in JSON", async () => {
    const token = "eyJ0eXAiOiJKV1QiLCJhbGciOi.echoed-token-value";
    const echo = async (request: Request) => {
      const message = `denied for ${request.headers.get("authorization")}`;
      return json({ error: { code: "Forbidden", message } }, { status: 403 });
    };
    const { code, stdout, stderr } = await graphLro(["get", ...TARGET, "--json"], {
      env: { GRAPH_TOKEN: token },
      fetch: echo,
    });
    expect(code).toBe(EXIT.http);
    expect(stdout + stderr).not.toContain(token);
    expect(stderr).toContain("denied for Bearer [redacted]");
  });

  it("a statusDetail of a megabyte is cut to a line's worth, in the summary and the JSON error", async () => {
    const fetch = () => recordingFetch(json({ status: "failed", statusDetail: "x".repeat(1_000_000) })).fetch;
    const plain = await graphLro(["wait", ...TARGET], { env: ENV, fetch: fetch() });
    expect(plain.code).toBe(EXIT.failed);
    expect(plain.stdout.length).toBeLessThan(1_000);
    const scripted = await graphLro(["wait", ...TARGET, "--json"], { env: ENV, fetch: fetch() });
    const { error } = jsonLines(scripted.stdout).at(-1) as { error: { message: string } };
    expect(error.message.length).toBeLessThan(600);
  });
});

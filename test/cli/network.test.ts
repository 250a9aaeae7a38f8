import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/cli/exit-codes.ts";
import { networkCause } from "../../src/cli/network-cause.ts";
import { EXIT } from "../../src/cli/run-cli.ts";
import { GraphError, InvalidArgumentError } from "../../src/index.ts";
import { json } from "../support/recording-fetch.ts";
import { graphLro, jsonLines, warmUpMock } from "./in-process.ts";

beforeAll(warmUpMock, 60_000);

const ENV = { GRAPH_TOKEN: "token" };
const TARGET = ["--alert-operation", "x"];

/** fetch's network error: `TypeError: fetch failed`, with Node's code on its cause. */
const fetchFailed = (cause: unknown) => () => Promise.reject(new TypeError("fetch failed", { cause }));
const coded = (code: string) => Object.assign(new Error(`${code} happened`), { code });

describe("a network error names its cause", () => {
  it.each([
    [coded("ECONNREFUSED"), "connection refused (ECONNREFUSED)"],
    [coded("ENOTFOUND"), "host not found (DNS) (ENOTFOUND)"],
    [coded("ECONNRESET"), "connection reset (ECONNRESET)"],
    [coded("UND_ERR_CONNECT_TIMEOUT"), "timed out (UND_ERR_CONNECT_TIMEOUT)"],
    [coded("CERT_HAS_EXPIRED"), "TLS certificate problem (CERT_HAS_EXPIRED)"],
    [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "TLS certificate problem (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    [
      Object.assign(new AggregateError([coded("ECONNREFUSED")]), { code: "ECONNREFUSED" }),
      "connection refused (ECONNREFUSED)",
    ],
    [coded("EWHATEVER"), "network error (EWHATEVER)"],
    [new Error("no code"), "network error"],
  ])("%s", async (cause, text) => {
    const { code, stdout, stderr } = await graphLro(["wait", ...TARGET, "--json"], {
      env: ENV,
      fetch: fetchFailed(cause),
    });
    expect(code).toBe(EXIT.http);
    expect(stderr).toBe(`graph-lro: cannot reach graph.microsoft.com: ${text}\n`);
    const lines = jsonLines(stdout);
    // Each attempt shows, then the error: the client retries network errors.
    expect(lines.slice(0, -1).every((line) => line.event === "retry" && (line.cause ?? "network error") === text)).toBe(
      true,
    );
    const named = text === "network error" ? {} : { cause: text };
    expect(lines.at(-1)?.error).toMatchObject({ code: "networkError", status: 0, ...named });
  });

  it("for a real refused connection, and a real unknown host", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await graphLro(["get", ...TARGET, "--base-url", `http://127.0.0.1:${port}/beta`], { env: ENV });
    expect(refused.code).toBe(EXIT.http);
    expect(refused.stderr).toContain(`graph-lro: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)\n`);
    const unknown = await graphLro(["get", ...TARGET, "--base-url", "https://graph-lro-test.invalid/beta"], {
      env: ENV,
    });
    expect(unknown.code).toBe(EXIT.http);
    expect(unknown.stderr).toMatch(
      /graph-lro: cannot reach graph-lro-test\.invalid: host not found \(DNS\) \((ENOTFOUND|EAI_AGAIN)\)\n$/,
    );
  });
});

describe("errors are classified by the library's and the CLI's own types", () => {
  it("a TypeError from a bug is exit 70, in one line, not a usage error", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'status')");
    const stdout = {
      write: () => {
        throw bug;
      },
    };
    const { code, stderr } = await graphLro(["get", "--mock"], { io: { stdout } });
    expect(code).toBe(EXIT.internal);
    expect(stderr).toBe(`graph-lro: unexpected error: TypeError: ${bug.message}\n`);
  });

  it("by type alone: the library's argument errors are usage errors, other TypeErrors bugs", () => {
    expect(exitCodeFor(new InvalidArgumentError("timeoutMs", "timeoutMs must be…"))).toBe(EXIT.usage);
    expect(exitCodeFor(new TypeError("x is not a function"))).toBe(EXIT.internal);
    expect(exitCodeFor(new RangeError("Invalid array length"))).toBe(EXIT.internal);
  });

  it("a RangeError from deep inside is exit 70 too", async () => {
    const fetch = () => Promise.reject(new RangeError("Invalid array length"));
    const { code, stderr } = await graphLro(["get", ...TARGET], { env: ENV, fetch });
    expect(code).toBe(EXIT.internal);
    expect(stderr).toBe("graph-lro: unexpected error: RangeError: Invalid array length\n");
  });

  it("a server's answer is never a usage error, even one the client cannot read", async () => {
    const { code, stderr } = await graphLro(["get", ...TARGET], { env: ENV, fetch: async () => json({ status: 7 }) });
    expect(code).toBe(EXIT.http);
    expect(stderr).toMatch(/^graph-lro: Graph answered: GET .* malformedResponse/);
  });
});

describe("networkCause", () => {
  it("reads the code from the library's own message when the error keeps no cause", () => {
    const error = new GraphError({
      status: 0,
      code: "networkError",
      message: "network error (TypeError, ECONNRESET)",
      method: "GET",
      url: "https://graph.microsoft.com/beta/x",
    });
    expect(networkCause(error)).toBe("connection reset (ECONNRESET)");
  });

  it("reads no other text of a message", () => {
    expect(networkCause(new Error("connect ECONNREFUSED 127.0.0.1:1 (with a Bearer TOKEN)"))).toBeUndefined();
  });
});

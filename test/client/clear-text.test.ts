import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { createGraphLroClient, createGraphLroRawClient, InvalidArgumentError } from "../../src/index.ts";
import { graphLro } from "../cli/in-process.ts";
import { json, recordingFetch } from "../support/recording-fetch.ts";

// A bearer token sent over http: can be read by anyone on the way: only this machine's loopback may have it.
const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.clear-text";

describe("a token over http:", () => {
  it.for([
    "http://graph.example.test/beta",
    "http://10.0.0.1/beta",
    "http://127.0.0.1.example.test/beta",
    "http://localhost.example.test/beta",
  ])("is refused for %s, before anything is sent", (baseUrl) => {
    const { fetch, requests } = recordingFetch(json({ status: "running" }));
    for (const create of [createGraphLroClient, createGraphLroRawClient]) {
      expect(() => create({ baseUrl, token: TOKEN, fetch })).toThrow(InvalidArgumentError);
      expect(() => create({ baseUrl, token: () => TOKEN, fetch })).toThrow(/baseUrl must be https: to carry a token/);
    }
    expect(requests).toEqual([]);
  });

  it.for([
    "http://127.0.0.1:4010/beta",
    "http://127.1.2.3/beta",
    "http://localhost:4010/beta",
    "http://[::1]:4010/beta",
  ])("is sent to this machine's loopback, %s", async (baseUrl) => {
    const { fetch, requests } = recordingFetch(json({ status: "running" }));
    await createGraphLroClient({ baseUrl, token: TOKEN, fetch }).getRoleManagementAlertOperation("op");
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("is not in question without a token: a client of no token may use http: anywhere", () => {
    expect(() => createGraphLroClient({ baseUrl: "http://graph.example.test/beta" })).not.toThrow();
  });

  it("makes --base-url http: on another host a usage error of the command, naming why", async () => {
    const { code, stderr } = await graphLro(
      ["get", "--alert-operation", "op", "--base-url", "http://graph.example.test/beta"],
      { env: { GRAPH_TOKEN: TOKEN } },
    );
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("--base-url must be https: to carry a token");
    expect(stderr).toContain("Run graph-lro get --help");
    expect(stderr).not.toContain(TOKEN);
  });
});

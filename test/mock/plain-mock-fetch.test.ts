import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createGraphLroHandlers, createMockFetch } from "../../src/mock/index.ts";
import { createPlainMockFetch } from "../../src/mock/plain-mock-fetch.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { operationUrl } from "../support/spec-urls.ts";

// The CLI's --mock answers through plain handlers, without msw: the same answers as msw's handlers give.
describe("createPlainMockFetch (the CLI's --mock)", () => {
  /** Status, headers but the per-answer ids and date, and body but its innerError, of a response. */
  const shape = async (response: Response) => {
    const headers = Object.fromEntries(
      [...response.headers].filter(([name]) => !["request-id", "client-request-id", "date"].includes(name)),
    );
    const body = (await response.json().catch(() => undefined)) as { error?: { innerError?: unknown } } | undefined;
    if (body?.error) body.error.innerError = undefined;
    return { status: response.status, headers, body };
  };

  it("answers as createMockFetch over msw's handlers does: examples, stories, auth, 405s, unknown paths", async () => {
    const viaMsw = createMockFetch(createGraphLroHandlers());
    const plain = createPlainMockFetch();
    const { id } = spec.components.examples.passwordResetSucceeded.value;
    const url = operationUrl("userAuthentication", { "user-id": "alice@contoso.com", "longRunningOperation-id": id });
    const auth = { authorization: "Bearer t0ken" };
    const requests: [string, RequestInit][] = [
      [url, { headers: auth }],
      [url, { headers: { ...auth, prefer: "story=throttled" } }],
      [url, {}],
      [url, { method: "DELETE", headers: auth }],
      [`${url}/nope`, { headers: auth }],
      [`${url}?$select=status`, { headers: auth }],
    ];
    for (const [target, init] of requests) {
      expect(await shape(await plain(target, init)), `${init.method ?? "GET"} ${target}`).toEqual(
        await shape(await viaMsw(target, init)),
      );
    }
  });

  it("loads no msw: its module graph, bundled, has none of msw's files", async () => {
    const result = await build({
      entryPoints: [`${PROJECT_DIR}/src/mock/plain-mock-fetch.ts`],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "neutral",
      logLevel: "silent",
      mainFields: ["module", "main"],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes("src/mock/handlers.ts"))).toBe(true);
    expect(inputs.filter((file) => file.includes("node_modules/msw"))).toEqual([]);
  });
});

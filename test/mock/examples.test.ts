import { describe, expect, it } from "vitest";
import { operations as routes } from "../../generated/graph-lro.routes.ts";
import { mockUsage } from "../../src/cli/mock-command.ts";
import { isTerminal, parseOperationUrl } from "../../src/index.ts";
import { defaultMockTarget, exampleOperations, exampleOperationUrl, type SpecOperation } from "../../src/mock/index.ts";

const ROOT = "https://graph.microsoft.com/beta";

describe("example operation URLs (one helper for --mock, the mock's usage and its banner)", () => {
  it.each(Object.keys(routes))(
    "%s: the id, percent-encoded once, under the root; other path parameters filled",
    (operationId) => {
      const operation = exampleOperations().find((o) => o.operationId === operationId) as SpecOperation;
      const url = exampleOperationUrl(`${ROOT}/`, operation, "a/b #1");
      const { ref } = parseOperationUrl(url);
      expect(ref).toMatchObject({ operationId: "a/b #1" });
      expect(url).not.toMatch(/[{}]/);
    },
  );

  it("--mock with no target calls the first operation for an example id that is not terminal", () => {
    const url = defaultMockTarget(ROOT);
    const { ref } = parseOperationUrl(url);
    const example = exampleOperations()[0]?.examples.find((e) => (e.value as { id?: unknown }).id === ref.operationId);
    expect(example).toBeDefined();
    expect(isTerminal((example?.value as { status?: unknown } | undefined)?.status)).toBe(false);
  });

  it("the mock's usage shows an operation URL of the spec", () => {
    const url = /curl .* (http:\/\/127\.0\.0\.1:4010\S+)/.exec(mockUsage())?.[1] as string;
    expect(parseOperationUrl(url, { baseUrl: "http://127.0.0.1:4010/beta" }).ref).toMatchObject({
      operationId: "any-id",
    });
  });
});

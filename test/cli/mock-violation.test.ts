import { describe, expect, it, vi } from "vitest";
import { EXIT } from "../../src/cli/run-cli.ts";
import { graphLro } from "./in-process.ts";

// The built-in mock's answers follow the spec, so a broken one is made here: the mock's fetch throws it.
vi.mock("../../src/mock/plain-mock-fetch.ts", async (original) => {
  const mock = await original<typeof import("../../src/mock/plain-mock-fetch.ts")>();
  return {
    ...mock,
    createPlainMockFetch: () => async () => {
      throw new mock.ContractViolationError("op", "response 200 body", "/status", "bogus", "is not one of the enum");
    },
  };
});

describe("--mock, when the mock's answer breaks the spec", () => {
  it("reports a bug: exit 70, one line, never a usage error", async () => {
    const { code, stderr } = await graphLro(["get", "--mock"]);
    expect(code).toBe(EXIT.internal);
    expect(stderr).toBe(
      'graph-lro: unexpected error: ContractViolationError: op: response 200 body /status is not one of the enum (got "bogus")\n',
    );
  });
});

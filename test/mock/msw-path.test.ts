import { describe, expect, it } from "vitest";
import { toMswPath } from "../../src/mock/msw-path.ts";

describe("toMswPath", () => {
  it("renames hyphenated parameters to camelCase and maps them back", () => {
    const { path, names } = toMswPath("/users/{user-id}/authentication/operations/{longRunningOperation-id}");
    expect(path).toBe("/users/:userId/authentication/operations/:longRunningOperationId");
    expect([...names]).toEqual([
      ["userId", "user-id"],
      ["longRunningOperationId", "longRunningOperation-id"],
    ]);
  });

  it("drops every run of other characters, trailing ones included", () => {
    expect(toMswPath("/{a--b}/{c.d-}").path).toBe("/:aB/:cD");
  });

  it("keeps names apart that would collide", () => {
    expect(toMswPath("/{a-b}/{a_b}/{aB}").path).toBe("/:aB/:aB_/:aB__");
  });
});

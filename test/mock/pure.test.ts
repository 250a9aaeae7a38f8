import { describe, expect, it } from "vitest";
import { toMswPath } from "../../src/mock/msw-path.ts";
import { readRequestToken, readStoryPreference } from "../../src/mock/request-headers.ts";
import { projectProperties, readSelect } from "../../src/mock/select.ts";

describe("toMswPath", () => {
  it("renames hyphenated parameters to camelCase and maps them back", () => {
    const { path, names } = toMswPath("/users/{user-id}/authentication/operations/{longRunningOperation-id}");
    expect(path).toBe("/users/:userId/authentication/operations/:longRunningOperationId");
    expect([...names]).toEqual([
      ["userId", "user-id"],
      ["longRunningOperationId", "longRunningOperation-id"],
    ]);
  });

  it("keeps names apart that would collide", () => {
    expect(toMswPath("/{a-b}/{a_b}/{aB}").path).toBe("/:aB/:aB_/:aB__");
  });
});

describe("readSelect", () => {
  const allowed = ["id", "status"];
  const read = (query: string) => readSelect(new URLSearchParams(query), allowed);
  it("reads either spelling as a comma-separated list", () => {
    expect(read("")).toEqual({ kind: "all" });
    expect(read("$select=status,id")).toEqual({ kind: "some", names: ["status", "id"] });
    expect(read("select=status")).toEqual({ kind: "some", names: ["status"] });
    expect(read("%24select=id,id")).toEqual({ kind: "some", names: ["id"] });
  });
  it("names the first unknown property, and rejects empty names and repeats", () => {
    expect(read("$select=status,progress,x")).toEqual({ kind: "unknownProperty", name: "progress" });
    expect(read("$select=status,")).toMatchObject({ kind: "invalid" });
    expect(read("$select=id&select=id")).toMatchObject({ kind: "invalid" });
  });
  it("projects onto the selected names and keeps OData annotations", () => {
    const body = { "@odata.context": "c", id: "1", status: "running", statusDetail: "" };
    expect(projectProperties(body, ["status"])).toEqual({ "@odata.context": "c", status: "running" });
  });
});

describe("request headers", () => {
  const request = (headers: Record<string, string>) => new Request("https://x.test/", { headers });
  it("reads the Authorization header", () => {
    expect(readRequestToken(request({}))).toEqual({ kind: "missing" });
    expect(readRequestToken(request({ Authorization: "Basic abc" }))).toEqual({ kind: "notBearer" });
    expect(readRequestToken(request({ Authorization: "Bearer" }))).toEqual({ kind: "notBearer" });
    expect(readRequestToken(request({ Authorization: "bearer abc" }))).toEqual({ kind: "bearer" });
    expect(readRequestToken(request({ Authorization: "Bearer scopes=A,B" }))).toEqual({
      kind: "bearer",
      scopes: ["A", "B"],
    });
  });
  it("reads the story from Prefer among other preferences", () => {
    expect(readStoryPreference(request({ Prefer: "respond-async, story=failed" }))).toBe("failed");
    expect(readStoryPreference(request({ Prefer: 'Story="throttled"' }))).toBe("throttled");
    expect(readStoryPreference(request({ Prefer: "return=minimal" }))).toBeUndefined();
  });
});

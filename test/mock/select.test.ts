import { describe, expect, it } from "vitest";
import { projectProperties, readSelect } from "../../src/mock/select.ts";

describe("readSelect", () => {
  const allowed = ["id", "status"];
  const read = (query: string) => readSelect(new URLSearchParams(query), allowed);

  it("reads either spelling as a comma-separated list", () => {
    expect(read("")).toEqual({ kind: "all" });
    expect(read("$select=status,id")).toEqual({ kind: "some", names: ["status", "id"] });
    expect(read("select=status")).toEqual({ kind: "some", names: ["status"] });
    expect(read("%24select=id,id")).toEqual({ kind: "some", names: ["id"] });
    expect(read("$select=status, id")).toEqual({ kind: "some", names: ["status", "id"] });
  });

  it("names the first unknown property, and rejects empty names and repeats", () => {
    expect(read("$select=status,progress,x")).toEqual({ kind: "unknownProperty", name: "progress" });
    expect(read("$select=status,")).toEqual({
      kind: "invalid",
      reason: "Syntax error: an empty property name in '$select'.",
    });
    expect(read("$select=id&select=id")).toEqual({
      kind: "invalid",
      reason: "Query option '$select' was specified more than once, it must be specified at most once.",
    });
  });
});

describe("projectProperties", () => {
  it("projects onto the selected names and keeps OData annotations", () => {
    const body = { "@odata.context": "c", id: "1", status: "running", statusDetail: "" };
    expect(projectProperties(body, ["status"])).toEqual({ "@odata.context": "c", status: "running" });
  });
});

import { describe, expect, it } from "vitest";
import { readRequestToken, readStoryPreference } from "../../src/mock/request-headers.ts";

const request = (headers: Record<string, string>) => new Request("https://x.test/", { headers });

describe("readRequestToken", () => {
  it("reads no token, and Bearer with nothing after it, as missing", () => {
    expect(readRequestToken(request({}))).toEqual({ kind: "missing" });
    expect(readRequestToken(request({ Authorization: "" }))).toEqual({ kind: "missing" });
    expect(readRequestToken(request({ Authorization: "Bearer" }))).toEqual({ kind: "missing" });
    expect(readRequestToken(request({ Authorization: "Bearer   " }))).toEqual({ kind: "missing" });
  });

  it("reads another scheme, or more than one word, as invalid", () => {
    expect(readRequestToken(request({ Authorization: "Basic dTpw" }))).toEqual({ kind: "invalid" });
    expect(readRequestToken(request({ Authorization: "Bearer two words" }))).toEqual({ kind: "invalid" });
    expect(readRequestToken(request({ Authorization: "token" }))).toEqual({ kind: "invalid" });
    expect(readRequestToken(request({ Authorization: "NotBearer abc" }))).toEqual({ kind: "invalid" });
    expect(readRequestToken(request({ Authorization: "NotBearer" }))).toEqual({ kind: "invalid" });
  });

  it("reads a Bearer token in any case, and the mock's scopes=A,B", () => {
    expect(readRequestToken(request({ Authorization: "bearer abc" }))).toEqual({ kind: "bearer" });
    expect(readRequestToken(request({ Authorization: "Bearer  abc" }))).toEqual({ kind: "bearer" });
    expect(readRequestToken(request({ Authorization: "Bearer scopes=A,B" }))).toEqual({
      kind: "bearer",
      scopes: ["A", "B"],
    });
  });
});

describe("readStoryPreference", () => {
  it("reads the story from Prefer among other preferences", () => {
    expect(readStoryPreference(request({ Prefer: "respond-async, story=failed" }))).toBe("failed");
    expect(readStoryPreference(request({ Prefer: 'Story="throttled"' }))).toBe("throttled");
    expect(readStoryPreference(request({ Prefer: "return=minimal" }))).toBeUndefined();
  });

  it("removes only a pair of quotes around the whole name", () => {
    expect(readStoryPreference(request({ Prefer: 'story=x"failed"' }))).toBe('x"failed"');
    expect(readStoryPreference(request({ Prefer: 'story="failed"x' }))).toBe('"failed"x');
  });
});

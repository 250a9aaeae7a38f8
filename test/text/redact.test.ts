import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asInJson,
  MIN_SECRET_LENGTH,
  parseRedacted,
  REDACTED,
  redact,
  tokenSecret,
  withoutCredentials,
} from "../../src/text/redact.ts";

// The one home of redaction: the client's errors, a start's secrets and every line the CLI writes use it.

describe("redact", () => {
  it("takes a token from the shortest real one up, leaving shorter words alone; a password at any length", () => {
    const shortest = "p".repeat(MIN_SECRET_LENGTH);
    const shorter = "q".repeat(MIN_SECRET_LENGTH - 1);
    expect(MIN_SECRET_LENGTH).toBe(8);
    expect([tokenSecret(shortest), tokenSecret(shorter), tokenSecret(undefined)]).toEqual([
      shortest,
      undefined,
      undefined,
    ]);
    const text = `a ${shortest} b ${shorter}`;
    expect(redact(text, [tokenSecret(shortest), tokenSecret(shorter)])).toBe(`a ${REDACTED} b ${shorter}`);
    expect(redact(text, [shorter])).toBe(`a ${shortest} b ${REDACTED}`);
    expect(redact(text, ["", undefined])).toBe(text);
  });

  it("replaces every secret, every time, and a secret as JSON text escapes it when asked to", () => {
    const token = 'tok"en\\value';
    const password = "Pa55w0rd!x";
    const text = `${token} ${JSON.stringify({ t: token })} ${password}${password}`;
    expect(redact(text, [undefined, token, asInJson(token), password])).toBe(
      `${REDACTED} {"t":"${REDACTED}"} ${REDACTED}${REDACTED}`,
    );
    expect(asInJson(token)).toBe(String.raw`tok\"en\\value`);
  });

  it("never leaves a token (a JWT's base64url) in text that holds it anywhere", () => {
    const token = fc.stringMatching(/^eyJ[A-Za-z0-9_.-]{5,40}$/);
    fc.assert(
      fc.property(fc.string(), token, fc.string(), (before, secret, after) => {
        expect(redact(before + secret + after, [secret])).not.toContain(secret);
      }),
    );
  });

  it("leaves values that are no string as they are", () => {
    const value = { secret: "long-enough-secret" };
    expect(redact(value, ["long-enough-secret"])).toBe(value);
    expect(redact(null, ["long-enough-secret"])).toBeNull();
  });
});

describe("parseRedacted", () => {
  const secret = "secret-token-value";

  it("judges each string once parsed, so an escape cannot hide a secret, in values and in names", () => {
    const text = String.raw`{"m":"Bearer \u0073ecret-token-value","\u0073ecret-token-value":{"x":"secret-token-value!"}}`;
    expect(parseRedacted(text, [secret])).toEqual({ m: `Bearer ${REDACTED}`, [REDACTED]: { x: `${REDACTED}!` } });
  });

  it("throws as JSON.parse does on text that is no JSON", () => {
    expect(() => parseRedacted("<html>", [secret])).toThrow(SyntaxError);
  });
});

describe("withoutCredentials", () => {
  it("drops a URL's user name and password, and keeps all else", () => {
    expect(withoutCredentials("https://user:p%40ss@graph.microsoft.com/beta/x?y=1")).toBe(
      "https://graph.microsoft.com/beta/x?y=1",
    );
  });

  it("leaves text that is no URL, or has no userinfo, as it is", () => {
    expect(withoutCredentials("not a url @ all")).toBe("not a url @ all");
    expect(withoutCredentials("https://graph.microsoft.com/beta")).toBe("https://graph.microsoft.com/beta");
  });
});

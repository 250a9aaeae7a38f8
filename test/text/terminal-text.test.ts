import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clip, jsonLine, terminalSafe } from "../../src/text/terminal-text.ts";

// C0, DEL, C1, the line/paragraph separators and the bidi overrides/isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const anyText = fc.string({ unit: "binary", maxLength: 60 });

describe("terminalSafe", () => {
  it.each([
    ["a window title (OSC 0)", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"],
    ["a screen clear (CSI 2J)", "\u001b[2J", "\\x1b[2J"],
    ["a clipboard write (OSC 52)", "\u001b]52;c;Y3VybCBldmlsfHNo\u0007", "\\x1b]52;c;Y3VybCBldmlsfHNo\\x07"],
    ["a carriage return", "failed\rsucceeded", "failed\\rsucceeded"],
    ["a C1 CSI", "\u009b2J", "\\x9b2J"],
    ["a right-to-left override", "abc\u202edef", "abc\\u202edef"],
  ])("shows %s instead of acting on it", (_, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  it("leaves no character a terminal acts on, and changes nothing else", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(UNSAFE);
        if (!UNSAFE.test(text)) expect(safe).toBe(text);
      }),
    );
  });
});

describe("jsonLine", () => {
  it("is JSON of the same value with no raw control character, DEL or C1 in it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), anyText, (value, text) => {
        const line = jsonLine({ value, text });
        expect(line).not.toMatch(UNSAFE);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify({ value, text })));
      }),
    );
  });

  it("keeps the line breaks of indented JSON", () => {
    expect(jsonLine({ a: "\u009b" }, 2)).toBe('{\n  "a": "\\u009b"\n}');
  });
});

describe("clip", () => {
  // The CLI replaces the token only whole, after clipping: a cut inside it would print its first half.
  it("never cuts inside a bearer token, wherever the token stands", () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{8,80}=*$/);
    fc.assert(
      fc.property(token, fc.nat(60), (secret, at) => {
        // "★" is no token character, so the word before the cut is the token's or a filler's.
        const clipped = clip(`${"★ ".repeat(at)}${secret} ★`, 60);
        expect(clipped.length).toBeLessThanOrEqual(61);
        const lastWord = clipped.replace(/…$/, "").split(" ").at(-1) ?? "";
        const partOfToken = lastWord !== "" && lastWord !== secret && secret.startsWith(lastWord);
        expect(partOfToken, clipped).toBe(false);
      }),
    );
  });

  it("keeps short text whole and cuts long prose at a word's end", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("one two three four", 10)).toBe("one two …");
  });
});

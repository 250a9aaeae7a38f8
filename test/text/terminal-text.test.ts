import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonLine, terminalSafe } from "../../src/text/terminal-text.ts";

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

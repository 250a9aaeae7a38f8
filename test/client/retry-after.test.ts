import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../../src/index.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["10", 10_000],
    ["0", 0],
    [" 3 ", 3_000],
    ["1.5", 1_500],
    ["0.0001", 1],
  ])("reads delay-seconds %j as %i ms", (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Mon, 02 Mar 2026 10:00:30 GMT", NOW)).toBe(30_000);
  });

  it("gives 0 for a date in the past", () => {
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:00:00 GMT", NOW)).toBe(0);
  });

  it.each([[undefined], [null], [""], ["soon"], ["-5"], ["1e3"], ["10 s"], ["0x10"], ["Infinity"], ["2026-03-02"]])(
    "gives undefined for garbage or negative %j",
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it("clamps huge values, as seconds or dates, to the maximum", () => {
    expect(parseRetryAfter("99999999999999999999", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("120", NOW, 5_000)).toBe(5_000);
  });

  it("always returns undefined or a whole number of ms within [0, max]", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 42 }), (value, now) => {
        const ms = parseRetryAfter(value, now);
        return ms === undefined || (Number.isInteger(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS);
      }),
    );
  });
});

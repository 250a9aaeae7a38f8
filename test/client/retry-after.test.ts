import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../../src/index.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

/** The three HTTP-date forms of RFC 9110 §5.6.7, written out independently of the parser. */
const FORMS = {
  "IMF-fixdate": (d: Date) =>
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock(d)} GMT`,
  "rfc850-date": (d: Date) =>
    `${LONG_DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${two(d.getUTCFullYear() % 100)} ${clock(d)} GMT`,
  "asctime-date": (d: Date) =>
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${clock(d)} ${d.getUTCFullYear()}`,
};

/** Whole seconds from NOW to 30 years on: rfc850-date's two-digit year reads them all back. */
const futureDates = fc.integer({ min: 0, max: 30 * 365 * 86_400 }).map((s) => new Date(NOW + s * 1000));

describe("parseRetryAfter", () => {
  it.each([
    ["10", 10_000],
    ["0", 0],
    [" 3 ", 3_000],
    ["007", 7_000],
  ])("reads delay-seconds %j as %i ms", (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    ["Mon, 02 Mar 2026 10:00:30 GMT"],
    ["Monday, 02-Mar-26 10:00:30 GMT"],
    ["Mon Mar  2 10:00:30 2026"],
    ["Mon Mar 02 10:00:30 2026"],
  ])("reads the HTTP date %j as the time left until it", (value) => {
    expect(parseRetryAfter(value, NOW)).toBe(30_000);
  });

  it("reads a leap second (:60) as :59, in each form", () => {
    expect(parseRetryAfter("Mon, 02 Mar 2026 10:00:60 GMT", NOW)).toBe(59_000);
    expect(parseRetryAfter("Monday, 02-Mar-26 10:00:60 GMT", NOW)).toBe(59_000);
    expect(parseRetryAfter("Mon Mar  2 10:00:60 2026", NOW)).toBe(59_000);
  });

  it("gives 0 for a date in the past", () => {
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:00:00 GMT", NOW)).toBe(0);
  });

  it("reads rfc850-date's two-digit year as at most 50 years ahead (RFC 9110 §5.6.7)", () => {
    // From 2026, "76" is 2076 (50 years ahead) and "77" is 1977, in the past.
    expect(parseRetryAfter("Sunday, 01-Mar-76 10:00:00 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Tuesday, 01-Mar-77 10:00:00 GMT", NOW)).toBe(0);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["soon"],
    ["-5"],
    ["+5"],
    ["1.5"],
    ["0.0001"],
    ["1e3"],
    ["10 s"],
    ["0x10"],
    ["Infinity"],
    ["2026-03-02"],
    ["2026-03-02T10:00:30Z"],
    // Date.parse reads each of these as a date; none is one of the three forms.
    ["x 2050"],
    ["a 1"],
    ["May 2"],
    ["Mon, 02 Mar 2026 10:00:30"],
    ["Mon, 02 Mar 2026 10:00:30 UTC"],
    ["Mon, 02 Mar 2026 10:00:30 GMT+0100"],
    ["mon, 02 mar 2026 10:00:30 gmt"],
    ["Mon, 2 Mar 2026 10:00:30 GMT"],
    ["Mon, 31 Feb 2026 10:00:30 GMT"],
    ["Mon, 02 Mar 2026 24:00:00 GMT"],
    ["Mon, 02 Mar 2026 10:60:00 GMT"],
    ["Mon, 02 Mar 2026 10:00:30 GMT x"],
    ["Monday, 02-Mar-2026 10:00:30 GMT"],
    ["Mon Mar 2 10:00:30 2026"],
    // The weekday is not the date's (2 March 2026 is a Monday), or not a day name at all.
    ["Tue, 02 Mar 2026 10:00:30 GMT"],
    ["Tuesday, 02-Mar-26 10:00:30 GMT"],
    ["Tue Mar  2 10:00:30 2026"],
    ["Monsday, 02-Mar-26 10:00:30 GMT"],
  ])("gives undefined for %j, which is neither delay-seconds nor an HTTP date", (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it("clamps huge values, as seconds or dates, to the maximum", () => {
    expect(parseRetryAfter("99999999999999999999", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("120", NOW, 5_000)).toBe(5_000);
  });

  it("reads each HTTP-date form of any moment as the same exact wait", () => {
    fc.assert(
      fc.property(futureDates, fc.constantFrom(...Object.values(FORMS)), (date, form) => {
        const max = Number.MAX_SAFE_INTEGER;
        return parseRetryAfter(form(date), NOW, max) === date.getTime() - NOW;
      }),
    );
  });

  it("reads any digits as that many seconds", () => {
    fc.assert(
      fc.property(
        fc.nat(MAX_RETRY_AFTER_MS / 1000),
        (seconds) => parseRetryAfter(String(seconds), NOW) === seconds * 1000,
      ),
    );
  });

  it("refuses a valid value with anything but whitespace around it", () => {
    const valid = fc.oneof(
      fc.nat().map(String),
      futureDates.chain((date) => fc.constantFrom(...Object.values(FORMS)).map((form) => form(date))),
    );
    const junk = fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== "" && !/^\d+$/.test(s.trim()));
    fc.assert(
      fc.property(valid, junk, fc.boolean(), (value, extra, before) => {
        const text = before ? `${extra}${value}` : `${value}${extra}`;
        return parseRetryAfter(text, NOW) === undefined;
      }),
    );
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

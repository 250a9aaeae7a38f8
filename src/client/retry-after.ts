/** The longest wait a `Retry-After` can ask for: a day, well under setTimeout's 2^31-1 ms limit. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const MONTH = `(${MONTHS.match(/.../g)?.join("|")})`;
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
/**
 * delay-seconds (group 1), or one of the three HTTP-date forms a recipient must accept (RFC 9110
 * §10.2.3, §5.6.7), case-sensitive as its ABNF is: IMF-fixdate (day 2, month 3, year 4), rfc850-date
 * (5, 6, 7) or asctime-date (month 8, day 9, year 13), each with the time in groups 10 to 12.
 */
const RETRY_AFTER = new RegExp(
  `^(?:(\\d+)|(?:${DAY}, (\\d\\d) ${MONTH} (\\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d)|${DAY} ${MONTH} ([ \\d]\\d)) ([01]\\d|2[0-3]):([0-5]\\d):([0-5]\\d|60)(?: GMT| (\\d{4})))$`,
);

/**
 * Parses a `Retry-After` value into milliseconds from `nowMs`: delay-seconds or an HTTP date in one
 * of its three forms. A date in the past gives 0, anything else (a fraction, a sign, an ISO date, a
 * date with text around it, a day past its month's end) gives undefined, and anything longer than
 * `maxMs` is clamped to it.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  const match = RETRY_AFTER.exec(value?.trim() ?? "");
  if (!match) return undefined;
  const ms = match[1] === undefined ? httpDate(match, nowMs) - nowMs : Number(match[1]) * 1000;
  return ms >= 0 ? Math.min(Math.ceil(ms), maxMs) : ms < 0 ? 0 : undefined;
}

/** The time a matched HTTP date names, in ms since the epoch; NaN unless its values are real calendar ones. */
function httpDate(m: RegExpExecArray, nowMs: number): number {
  // Only asctime-date ends with its year rather than GMT.
  if ((m[8] === undefined) !== (m[13] === undefined)) return Number.NaN;
  const day = Number(m[2] ?? m[5] ?? m[9]);
  let year = Number(m[4] ?? m[7] ?? m[13]);
  // rfc850-date's two digits: this century's year, unless more than 50 years ahead, then the last's.
  if (m[7]) {
    const thisYear = new Date(nowMs).getUTCFullYear();
    year += thisYear - (thisYear % 100);
    if (year > thisYear + 50) year -= 100;
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are. A leap second (:60) is read as :59.
  date.setUTCFullYear(year, MONTHS.indexOf(m[3] ?? m[6] ?? (m[8] as string)) / 3, day);
  date.setUTCHours(Number(m[10]), Number(m[11]), Math.min(Number(m[12]), 59));
  // A day past the month's end (31 Feb) would roll over into the next month: refuse it instead.
  return date.getUTCDate() === day ? date.getTime() : Number.NaN;
}

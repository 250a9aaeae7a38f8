/** The longest wait a `Retry-After` can ask for: a day, well under setTimeout's 2^31-1 ms limit. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** delay-seconds: `1*DIGIT` (RFC 9110 §10.2.3). */
const SECONDS = /^\d+$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = `(?<month>${MONTHS.join("|")})`;
const TIME = "(?<hour>[01]\\d|2[0-3]):(?<minute>[0-5]\\d):(?<second>[0-5]\\d|60)";
/** The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7), case-sensitive as its ABNF is. */
const HTTP_DATES = [
  new RegExp(`^${DAY}, (?<day>\\d\\d) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`), // IMF-fixdate
  new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?<day>\\d\\d)-${MONTH}-(?<year>\\d\\d) ${TIME} GMT$`), // rfc850-date
  new RegExp(`^${DAY} ${MONTH} (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`), // asctime-date
];

/**
 * Parses a `Retry-After` value into milliseconds from `nowMs`: delay-seconds or an HTTP date in one
 * of its three forms (RFC 9110 §10.2.3, §5.6.7). A date in the past gives 0, anything else (a
 * fraction, a sign, an ISO date, a date with text around it) gives undefined, and anything longer
 * than `maxMs` is clamped to it.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const ms = SECONDS.test(text) ? Number(text) * 1000 : httpDate(text, nowMs) - nowMs;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, Math.ceil(ms)), maxMs);
}

type DateField = "day" | "month" | "year" | "hour" | "minute" | "second";

/** The time an HTTP date names, in ms since the epoch; NaN unless `text` is one, with real calendar values. */
function httpDate(text: string, nowMs: number): number {
  const found = HTTP_DATES.map((form) => form.exec(text)?.groups).find((groups) => groups !== undefined);
  if (!found) return Number.NaN;
  const { day, month, year, hour, minute, second } = found as Record<DateField, string>;
  const date = new Date(0);
  date.setUTCFullYear(year.length === 2 ? rfc850Year(Number(year), nowMs) : Number(year), MONTHS.indexOf(month));
  // A leap second (:60) is read as :59.
  date.setUTCHours(Number(hour), Number(minute), Math.min(Number(second), 59));
  date.setUTCDate(Number(day));
  // A day past the month's end (31 Feb) would roll over into the next month: refuse it instead.
  return date.getUTCDate() === Number(day) ? date.getTime() : Number.NaN;
}

/**
 * The year of rfc850-date's two digits: the one in this century, unless that is more than 50 years
 * ahead of now, then the century before (RFC 9110 §5.6.7).
 */
function rfc850Year(twoDigits: number, nowMs: number): number {
  const thisYear = new Date(nowMs).getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}

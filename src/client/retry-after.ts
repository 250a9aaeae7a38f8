/** The longest wait a `Retry-After` can ask for: a day, well under setTimeout's 2^31-1 ms limit. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** delay-seconds: `1*DIGIT` (RFC 9110 §10.2.3). */
const SECONDS = /^\d+$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
/**
 * The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7), case-sensitive as its ABNF is,
 * each capturing day, month, year, hour, minute, second (asctime: month first, year last).
 */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

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

/** The time an HTTP date names, in ms since the epoch; NaN unless `text` is one, with real calendar values. */
function httpDate(text: string, nowMs: number): number {
  let day: string | undefined;
  let month: string | undefined;
  let year: string | undefined;
  let time: string[];
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    [, day, month, year, ...time] = match;
  } else if ((match = RFC850_DATE.exec(text))) {
    [, day, month, year, ...time] = match;
    year = String(fullYear(Number(year), nowMs));
  } else if ((match = ASCTIME_DATE.exec(text))) {
    [, month, day, ...time] = match;
    year = time.pop();
  } else {
    return Number.NaN;
  }
  const [hour, minute, second] = time.map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(Number(year), MONTHS.indexOf(month as string), Number(day));
  // A day past the month's end (31 Feb) would roll over into the next month: refuse it instead.
  if (date.getUTCDate() !== Number(day) || hour > 23 || minute > 59 || second > 60) return Number.NaN;
  return date.getTime() + ((hour * 60 + minute) * 60 + Math.min(second, 59)) * 1000;
}

/**
 * The year of rfc850-date's two digits: the one in this century, unless that is more than 50 years
 * ahead of now, then the century before (RFC 9110 §5.6.7).
 */
function fullYear(twoDigits: number, nowMs: number): number {
  const thisYear = new Date(nowMs).getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}

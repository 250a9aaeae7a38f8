import { MAX_RETRY_AFTER_MS } from "./defaults.ts";

/** rfc850-date (`Sunday, 06-Nov-94 08:49:37 GMT`): day name (without "day"), day, month, two-digit year, time. */
const RFC850 = /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-(\w{3})-(\d\d) (\S+) GMT$/;
/** asctime-date (`Sun Nov  6 08:49:37 1994`): day name, month, day (space-padded), time, year. */
const ASCTIME = /^(\w{3}) (\w{3}) ([ \d]\d) (\S+) (\d{4})$/;

/**
 * Parses a `Retry-After` value into milliseconds from `nowMs`: delay-seconds or an HTTP date in one
 * of its three forms (RFC 9110 §10.2.3, §5.6.7). A date in the past gives 0, anything else (a
 * fraction, a sign, an ISO date, a date with text around it, a day past its month's end, a
 * weekday that is not the date's) gives undefined, and anything longer than `maxMs` is clamped to it.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : httpDate(text, nowMs) - nowMs;
  return ms >= 0 ? Math.min(Math.ceil(ms), maxMs) : ms < 0 ? 0 : undefined;
}

/**
 * The time an HTTP date names, in ms since the epoch; NaN unless `text` is one. Each form is
 * rewritten as an IMF-fixdate, which must then be exactly what Date writes for the time Date reads
 * from it: that refuses any other text, a day past its month's end, an hour past 23 and a wrong
 * weekday, case-sensitively, as the RFC's ABNF is.
 */
function httpDate(text: string, nowMs: number): number {
  let imf = text;
  const rfc850 = RFC850.exec(text);
  if (rfc850) {
    const [, day, date, month, twoDigits, time] = rfc850;
    // The year in this century, unless that is more than 50 years ahead of now, then the century before.
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(twoDigits);
    if (year > thisYear + 50) year -= 100;
    imf = `${(day as string).slice(0, 3)}, ${date} ${month} ${year} ${time} GMT`;
  }
  const asctime = ASCTIME.exec(text);
  if (asctime) {
    const [, day, month, date, time, year] = asctime;
    imf = `${day}, ${(date as string).replace(" ", "0")} ${month} ${year} ${time} GMT`;
  }
  // A leap second (:60) is read as :59.
  imf = imf.replace(/:60 GMT$/, ":59 GMT");
  const ms = Date.parse(imf);
  return new Date(ms).toUTCString() === imf ? ms : Number.NaN;
}

/**
 * Time values → epoch milliseconds. Deliberately strict and zone-stable: `Date.parse` reads
 * "2024-03-05 14:03" in the viewer's local zone (and is lenient about garbage), which would make
 * the same file chart differently on different machines. Here a time without a zone is UTC.
 *
 * Accepted: finite numbers (epoch ms), valid Dates, numeric strings ("1700000000000", "1.7e12"),
 * and ISO-8601 strings: `YYYY-MM-DD`, optionally followed by `T` or a space, `hh:mm`, `:ss`,
 * `.fraction`, and a zone (`Z`, `±hh:mm`, `±hhmm`, `±hh`). Anything else gives NaN.
 */
export function parseTimeValue(raw: unknown): number {
  if (typeof raw === 'number') return raw - raw === 0 ? raw : NaN; // x - x is 0 only for finite x
  if (typeof raw === 'string') return parseTimeRange(raw, 0, raw.length);
  if (raw instanceof Date) return raw.getTime();
  return NaN;
}

const C_0 = 48;
const C_9 = 57;
const C_MINUS = 45;
const C_PLUS = 43;
const C_COLON = 58;

/** Numbers above this may lose digits when accumulated digit by digit; `Number` rounds them correctly. */
const MAX_EXACT_DIGITS = 15;

/**
 * Parses `text[start, end)` as a time without copying it out, so the CSV parser can read a
 * million timestamps without a million substrings.
 */
export function parseTimeRange(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return NaN;

  // Fast path: plain digits, the usual epoch-ms column.
  let i = start;
  const negative = text.charCodeAt(i) === C_MINUS;
  if (negative) i++;
  let value = 0;
  const digitsFrom = i;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < C_0 || c > C_9) break;
    value = value * 10 + (c - C_0);
  }
  const digits = i - digitsFrom;
  if (i === end && digits > 0) {
    if (digits <= MAX_EXACT_DIGITS) return negative ? -value : value;
    return Number(text.slice(start, end));
  }
  // "2024-…": four digits then a dash is a date, never a number.
  if (!negative && digits === 4 && text.charCodeAt(i) === C_MINUS) return parseIsoRange(text, start, end);
  return parseDecimal(text.slice(start, end));
}

/** Plain decimal notation only: `Number` alone would also accept "", "0x1F" and "Infinity". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** Reads two digits at `i`, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - C_0;
  const b = text.charCodeAt(i + 1) - C_0;
  // charCodeAt past the end is NaN, and NaN comparisons are false, so this rejects short input too.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Used
 * instead of `Date.UTC`, which maps years 0–99 to 1900–1999 and allocates nothing but is slower.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

function parseIsoRange(text: string, start: number, end: number): number {
  const y1 = twoDigits(text, start);
  const y2 = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || text.charCodeAt(start + 7) !== C_MINUS) return NaN;
  const year = y1 * 100 + y2;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > monthDays) return NaN;
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  let i = start + 10;
  if (i === end) return ms;

  const sep = text.charCodeAt(i);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  i++;
  const hour = twoDigits(text, i);
  const minute = twoDigits(text, i + 3);
  if (hour < 0 || hour > 23 || text.charCodeAt(i + 2) !== C_COLON || minute < 0 || minute > 59) return NaN;
  ms += hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
  i += 5;
  if (i < end && text.charCodeAt(i) === C_COLON) {
    const second = twoDigits(text, i + 1);
    if (second < 0 || second > 59) return NaN;
    ms += second * 1000;
    i += 3;
    const dot = text.charCodeAt(i);
    if (i < end && (dot === 46 /* . */ || dot === 44) /* , */) {
      i++;
      // Milliseconds from the first three fraction digits; finer digits are dropped (as Date does).
      let fraction = 0;
      let scale = 100;
      const from = i;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c < C_0 || c > C_9) break;
        fraction += (c - C_0) * scale;
        scale /= 10;
      }
      if (i === from) return NaN;
      ms += Math.floor(fraction);
    }
  }
  if (i === end) return ms;

  const zone = text.charCodeAt(i);
  if (zone === 90 /* Z */ || zone === 122 /* z */) return i + 1 === end ? ms : NaN;
  if (zone !== C_PLUS && zone !== C_MINUS) return NaN;
  const zoneHour = twoDigits(text, i + 1);
  if (zoneHour < 0 || zoneHour > 23) return NaN;
  i += 3;
  let zoneMinute = 0;
  if (i < end) {
    if (text.charCodeAt(i) === C_COLON) i++;
    zoneMinute = twoDigits(text, i);
    if (zoneMinute < 0 || zoneMinute > 59 || i + 2 !== end) return NaN;
  }
  const offset = zoneHour * MS_PER_HOUR + zoneMinute * MS_PER_MINUTE;
  // A local time at +01:00 is one hour ahead of UTC, so UTC = local - offset.
  return zone === C_PLUS ? ms - offset : ms + offset;
}

/**
 * IANA time-zone arithmetic for the time axis and tooltips, on top of Intl.
 *
 * Conventions: a "UTC instant" is epoch milliseconds; a "wall-clock time" is the local calendar
 * date and clock reading of a zone, encoded as if it were a UTC instant (so that the Date UTC
 * getters read the local fields). `wall = utc + zoneOffsetMs(utc, zone)`.
 *
 * Why not Intl for everything: formatToParts costs ~5 µs per call and axis ticks need dozens of
 * conversions per frame, so offsets are cached per day/hour and formatting is done by hand.
 */

/** Calendar units, shortest first: tick steps and the precision of formatted times. */
export type TimeUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Zones whose offset is always 0: answered without Intl. */
const ZERO_OFFSET_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);

/**
 * Intl only formats years 1..9999 reliably without an era field; offsets outside this window are
 * taken at its edge (zones are on fixed local mean time long before, and rules repeat after).
 */
const EARLIEST_LOOKUP = Date.UTC(1000, 0, 1);
const LATEST_LOOKUP = Date.UTC(9999, 11, 31);

/** Boundary caches are dropped beyond this size, so panning over centuries stays bounded. */
const MAX_CACHED_BOUNDARIES = 100_000;

/** Indices of the year, month, day, hour, minute, second digit groups in `format()` output. */
type FieldOrder = [year: number, month: number, day: number, hour: number, minute: number, second: number];

interface ZoneCache {
  formatter: Intl.DateTimeFormat;
  order: FieldOrder;
  /** Offset at UTC day and hour boundaries, keyed by the boundary's epoch ms. */
  boundaryOffsets: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();
const validity = new Map<string, boolean>();
const MAX_VALIDITY_ENTRIES = 256;

/** True when the runtime's Intl knows `timeZone` (IANA name or fixed offset it accepts). 'UTC' is always valid. */
export function isValidTimeZone(timeZone: string): boolean {
  if (ZERO_OFFSET_ZONES.has(timeZone)) return true;
  const known = validity.get(timeZone);
  if (known !== undefined) return known;
  let valid = timeZone.length > 0;
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      valid = false;
    }
  }
  // Arbitrary user input must not grow the cache forever.
  if (validity.size >= MAX_VALIDITY_ENTRIES) validity.clear();
  validity.set(timeZone, valid);
  return valid;
}

/**
 * Offset of the zone's wall clock from UTC at `utcMs`, in ms (+3 600 000 for Europe/Paris in
 * winter). Throws RangeError for a zone Intl does not know (check with isValidTimeZone first).
 */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  if (ZERO_OFFSET_ZONES.has(timeZone) || !Number.isFinite(utcMs)) return 0;
  const zone = zoneCache(timeZone);
  // Zones change offset at most a few times a year, never twice within a day: equal offsets at
  // both ends of a UTC day (or hour) mean the offset is constant inside it. Days first, so that
  // neighbouring day ticks share their lookups; hours only on the day of a change.
  const day = Math.floor(utcMs / DAY);
  const atDayStart = cachedOffset(zone, day * DAY);
  if (atDayStart === cachedOffset(zone, (day + 1) * DAY)) return atDayStart;
  const hour = Math.floor(utcMs / HOUR);
  const atHourStart = cachedOffset(zone, hour * HOUR);
  if (atHourStart === cachedOffset(zone, (hour + 1) * HOUR)) return atHourStart;
  return computeOffset(zone, utcMs);
}

/**
 * The UTC instant at which the zone's wall clock reads `wallMs` (encoded as UTC ms).
 *
 * Wall times that happen twice (clocks set back) resolve to the EARLIER instant; wall times that
 * never happen (clocks set forward) are moved forward by the gap (02:30 on a New York spring-forward
 * day → 03:30 EDT). This is the "compatible" disambiguation of Temporal and of `new Date(y, m, d)`.
 */
export function wallClockToUtc(wallMs: number, timeZone: string): number {
  if (ZERO_OFFSET_ZONES.has(timeZone) || !Number.isFinite(wallMs)) return wallMs;
  // The answer lies within wallMs ± 14 h; offsets a day either side bracket it, and no zone changes
  // offset twice within two days, so these are the only two offsets that can apply.
  const before = zoneOffsetMs(wallMs - DAY, timeZone);
  const after = zoneOffsetMs(wallMs + DAY, timeZone);
  if (before === after) return wallMs - before;
  const withBefore = wallMs - before;
  const withAfter = wallMs - after;
  const beforeFits = zoneOffsetMs(withBefore, timeZone) === before;
  const afterFits = zoneOffsetMs(withAfter, timeZone) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter); // overlap: earlier instant
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // Gap: keep the pre-transition offset, which lands after the gap by its length.
  return withBefore;
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** English month abbreviation (0 = Jan), independent of the runtime locale. */
export function monthAbbreviation(monthIndex: number): string {
  return MONTHS_SHORT[monthIndex] ?? '';
}

export function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

export function pad3(value: number): string {
  return value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`;
}

function padYear(year: number): string {
  if (year >= 1000 && year <= 9999) return `${year}`;
  const digits = `${Math.abs(year)}`.padStart(4, '0');
  return year < 0 ? `-${digits}` : digits;
}

/**
 * Tooltip text for an instant, with precision suited to `unit`, ISO-like and locale-independent:
 * millisecond `2024-03-05 14:03:07.123`, second `2024-03-05 14:03:07`, minute/hour
 * `2024-03-05 14:03`, day/week `2024-03-05`, month `2024-03`, year `2024`.
 */
export function formatTime(utcMs: number, timeZone: string, unit: TimeUnit): string {
  if (!Number.isFinite(utcMs)) return '';
  // Floor so that sub-millisecond instants before 1970 do not round toward the epoch.
  const instant = Math.floor(utcMs);
  const wall = new Date(instant + zoneOffsetMs(instant, timeZone));
  if (Number.isNaN(wall.getTime())) return '';
  const year = padYear(wall.getUTCFullYear());
  if (unit === 'year') return year;
  const month = `${year}-${pad2(wall.getUTCMonth() + 1)}`;
  if (unit === 'month') return month;
  const date = `${month}-${pad2(wall.getUTCDate())}`;
  if (unit === 'day' || unit === 'week') return date;
  const minutes = `${date} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  if (unit === 'hour' || unit === 'minute') return minutes;
  const seconds = `${minutes}:${pad2(wall.getUTCSeconds())}`;
  if (unit === 'second') return seconds;
  return `${seconds}.${pad3(wall.getUTCMilliseconds())}`;
}

function zoneCache(timeZone: string): ZoneCache {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zone = { formatter, order: fieldOrder(formatter), boundaryOffsets: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * Where each field sits among the digit groups of `format()` output. Learned once from
 * formatToParts so that the per-call path can use `format()`, which is ~3× faster.
 */
function fieldOrder(formatter: Intl.DateTimeFormat): FieldOrder {
  const kinds = formatter
    .formatToParts(Date.UTC(2001, 1, 3, 4, 5, 6))
    .filter((part) => part.type !== 'literal')
    .map((part) => part.type);
  return [
    kinds.indexOf('year'),
    kinds.indexOf('month'),
    kinds.indexOf('day'),
    kinds.indexOf('hour'),
    kinds.indexOf('minute'),
    kinds.indexOf('second'),
  ];
}

function cachedOffset(zone: ZoneCache, utcMs: number): number {
  let offset = zone.boundaryOffsets.get(utcMs);
  if (offset === undefined) {
    offset = computeOffset(zone, utcMs);
    if (zone.boundaryOffsets.size >= MAX_CACHED_BOUNDARIES) zone.boundaryOffsets.clear();
    zone.boundaryOffsets.set(utcMs, offset);
  }
  return offset;
}

const digitGroups = [0, 0, 0, 0, 0, 0, 0];

/** Uncached offset through Intl: wall fields read back as UTC, minus the instant (whole seconds). */
function computeOffset(zone: ZoneCache, utcMs: number): number {
  const instant = Math.floor(Math.min(Math.max(utcMs, EARLIEST_LOOKUP), LATEST_LOOKUP) / SECOND) * SECOND;
  const text = zone.formatter.format(instant);
  let groups = 0;
  let inGroup = false;
  for (let i = 0; i < text.length && groups < digitGroups.length; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code >= 0 && code <= 9) {
      digitGroups[groups] = inGroup ? digitGroups[groups]! * 10 + code : code;
      inGroup = true;
    } else if (inGroup) {
      inGroup = false;
      groups++;
    }
  }
  const [year, month, day, hour, minute, second] = zone.order;
  const wall = Date.UTC(
    digitGroups[year]!,
    digitGroups[month]! - 1,
    digitGroups[day]!,
    digitGroups[hour]! % 24, // some ICU versions print midnight as 24 despite h23
    digitGroups[minute]!,
    digitGroups[second]!,
  );
  return wall - instant;
}

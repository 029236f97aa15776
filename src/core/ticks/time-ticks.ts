/**
 * Ticks for a time axis: calendar-aligned in the LOCAL wall clock of a time zone, correct across
 * DST changes, with short contextual labels (TradingView / uPlot style).
 *
 * Step choice depends only on the span and maxTicks (worst case over every alignment), never on
 * where the window sits, so the step does not flicker while the user pans.
 *
 * Labels (wall clock of the zone, English month names, locale-independent):
 *
 * | unit          | minor tick  | major: larger unit changed here             | first tick (major)      |
 * |---------------|-------------|---------------------------------------------|-------------------------|
 * | millisecond   | `.120`      | second: `14:03:07`                          | `Mar 5 14:03:07.120`    |
 * | second        | `14:03:07`  | minute: `14:04:00`                          | `Mar 5 14:03:07`        |
 * | minute, hour  | `14:03`     | hour (minute ticks): `15:00`; day: `Mar 6`  | `Mar 5 14:03`           |
 * | day, week     | `5`         | month: `Mar 3`                              | `Mar 5, 2024`           |
 * | month         | `Feb`       | year: `2024` (the January tick)             | `Feb 2024`              |
 * | year          | `2024`      | never (only the first tick)                 | `2024`                  |
 *
 * Below the year unit, a tick where the local day changes is labelled with the date `Mar 6`, and
 * one where the year changes with the year `2025`, whatever the unit.
 */
import { monthAbbreviation, pad2, pad3, wallClockToUtc, zoneOffsetMs, type TimeUnit } from '../../time/time-zone.js';
export type { TimeUnit } from '../../time/time-zone.js';


export interface TimeTick {
  /** Epoch ms (UTC instant). */
  time: number;
  label: string;
  /** A larger unit starts here (or this is the first tick, which carries the full context). */
  major: boolean;
}

export interface TimeTickResult {
  ticks: TimeTick[];
  unit: TimeUnit;
  /** Tick spacing as a count of `unit` (15 with unit 'minute' = every quarter hour). */
  step: number;
}

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Date objects are valid within ±8.64e15 ms; keep a day of margin for wall-clock shifts. */
const TIME_LIMIT = 8.64e15 - 2 * DAY;

interface TimeStep {
  unit: TimeUnit;
  count: number;
  /** Shortest possible distance between two ticks, for the worst-case tick count. */
  minSpacingMs: number;
}

/** Sub-day steps divide the next larger unit, so ticks include every second/minute/hour/midnight. */
const FIXED_STEPS: TimeStep[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((count) => fixed('millisecond', count, 1)),
  ...[1, 2, 5, 10, 15, 30].map((count) => fixed('second', count, SECOND)),
  ...[1, 2, 5, 10, 15, 30].map((count) => fixed('minute', count, MINUTE)),
  ...[1, 2, 3, 6, 12].map((count) => fixed('hour', count, HOUR)),
  // Days and months vary in length; spacings are the shortest ones (Feb, 2-day ticks never closer
  // than 2 days). DST can still shorten a day by an hour: the generator re-checks the count.
  { unit: 'day', count: 1, minSpacingMs: DAY },
  { unit: 'day', count: 2, minSpacingMs: 2 * DAY },
  { unit: 'week', count: 1, minSpacingMs: 7 * DAY },
  { unit: 'month', count: 1, minSpacingMs: 28 * DAY },
  { unit: 'month', count: 2, minSpacingMs: 59 * DAY },
  { unit: 'month', count: 3, minSpacingMs: 89 * DAY },
  { unit: 'month', count: 6, minSpacingMs: 181 * DAY },
];

function fixed(unit: TimeUnit, count: number, unitMs: number): TimeStep {
  return { unit, count, minSpacingMs: count * unitMs };
}

/** Years 1, 2, 5, 10, 20, 50, … without end, so any span finds a step. */
function* yearSteps(): Generator<TimeStep> {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      const count = factor * magnitude;
      yield { unit: 'year', count, minSpacingMs: count * 365 * DAY };
    }
  }
}

function* allSteps(): Generator<TimeStep> {
  yield* FIXED_STEPS;
  yield* yearSteps();
}

/**
 * Ticks within [start, end] (epoch ms) at the smallest nice calendar step whose tick count cannot
 * exceed maxTicks wherever the window sits. Throws RangeError for a zone Intl does not know.
 */
export function timeTicks(start: number, end: number, maxTicks: number, timeZone = 'UTC'): TimeTickResult {
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(maxTicks >= 1)) {
    return { ticks: [], unit: 'millisecond', step: 1 };
  }
  if (end < start) [start, end] = [end, start];
  start = Math.max(start, -TIME_LIMIT);
  end = Math.min(end, TIME_LIMIT);
  const limit = Math.floor(maxTicks);
  const span = end - start;
  for (const step of allSteps()) {
    // Points spaced ≥ minSpacing in a closed interval: at most floor(span / spacing) + 1.
    if (Math.floor(span / step.minSpacingMs) + 1 > limit) continue;
    const times = tickTimes(start, end, step, timeZone, limit);
    if (times !== undefined) {
      return { ticks: labelTicks(times, step.unit, timeZone), unit: step.unit, step: step.count };
    }
  }
  // Unreachable: year steps grow until the span holds a single tick.
  return { ticks: [], unit: 'year', step: 1 };
}

/** Tick instants, or undefined when more than `limit` would be needed (a DST-shortened day). */
function tickTimes(start: number, end: number, step: TimeStep, timeZone: string, limit: number): number[] | undefined {
  switch (step.unit) {
    case 'millisecond':
    case 'second':
    case 'minute':
    case 'hour':
      return fixedStepTimes(start, end, step.minSpacingMs, timeZone, limit);
    case 'day':
      return dayTimes(start, end, step.count, timeZone, limit);
    case 'week':
      return weekTimes(start, end, timeZone, limit);
    case 'month':
      return monthTimes(start, end, step.count, timeZone, limit);
    case 'year':
      return yearTimes(start, end, step.count, timeZone, limit);
  }
}

/**
 * Instants whose local wall clock is a multiple of `stepMs` (which divides a day). Between offset
 * changes these are evenly spaced in real time, so we walk in UTC and re-align whenever the offset
 * differs from the one the last tick was aligned with. Arithmetic stays on integers (ceil, then
 * multiples of an integer step), so ticks are exact ms even at sub-ms window edges.
 */
function fixedStepTimes(start: number, end: number, stepMs: number, timeZone: string, limit: number): number[] | undefined {
  const times: number[] = [];
  let offset = zoneOffsetMs(start, timeZone);
  let time = Math.ceil((start + offset) / stepMs) * stepMs - offset;
  while (time <= end) {
    const actual = zoneOffsetMs(time, timeZone);
    if (actual !== offset) {
      // The offset changed since the last tick (or since `start`): the first slot of the new wall
      // clock after it may come before `time`, or may still precede the change (then skip it).
      offset = actual;
      const last = times[times.length - 1];
      time =
        last === undefined
          ? Math.ceil((start + actual) / stepMs) * stepMs - actual
          : (Math.floor((last + actual) / stepMs) + 1) * stepMs - actual;
      if (zoneOffsetMs(time, timeZone) !== actual) time += stepMs;
      if (time > end) break;
    }
    times.push(time);
    if (times.length > limit) return undefined;
    time += stepMs;
  }
  return times;
}

/** Collects wallClockToUtc(wall) for increasing wall times, keeping those inside [start, end]. */
class WallClockCollector {
  readonly times: number[] = [];
  overflow = false;

  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly timeZone: string,
    private readonly limit: number,
  ) {}

  /** Returns false once later wall times cannot produce ticks. */
  add(wallMs: number): boolean {
    const time = wallClockToUtc(wallMs, this.timeZone);
    if (time > this.end) return false;
    const last = this.times[this.times.length - 1];
    // A midnight inside a skipped day (Samoa, Dec 2011) resolves onto the next one: skip duplicates.
    if (time < this.start || (last !== undefined && time <= last)) return true;
    this.times.push(time);
    if (this.times.length > this.limit) {
      this.overflow = true;
      return false;
    }
    return true;
  }

  result(): number[] | undefined {
    return this.overflow ? undefined : this.times;
  }
}

/** Local day number (days since 1970-01-01 on the zone's wall clock) containing `utcMs`. */
function localDay(utcMs: number, timeZone: string): number {
  return Math.floor((utcMs + zoneOffsetMs(utcMs, timeZone)) / DAY);
}

/**
 * Local midnights. Every other day uses odd days of the month (1, 3, …) so that each month starts
 * with a tick; the last day of a month is skipped when it would sit one day before the 1st.
 */
function dayTimes(start: number, end: number, count: number, timeZone: string, limit: number): number[] | undefined {
  const collector = new WallClockCollector(start, end, timeZone, limit);
  const date = new Date(0);
  for (let day = localDay(start, timeZone); ; day++) {
    const wall = day * DAY;
    if (count === 2) {
      date.setTime(wall);
      const dayOfMonth = date.getUTCDate();
      if (dayOfMonth % 2 === 0 || dayOfMonth === daysInMonth(date.getUTCFullYear(), date.getUTCMonth())) continue;
    }
    if (!collector.add(wall)) break;
  }
  return collector.result();
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(wallDate(year, monthIndex + 1, 1) - DAY).getUTCDate();
}

/** Local midnights of Mondays (ISO weeks). */
function weekTimes(start: number, end: number, timeZone: string, limit: number): number[] | undefined {
  const collector = new WallClockCollector(start, end, timeZone, limit);
  const day = localDay(start, timeZone);
  // Day 0 (1970-01-01) was a Thursday, so Mondays are the days ≡ 4 (mod 7).
  const monday = day - (((day - 4) % 7) + 7) % 7;
  for (let wall = monday * DAY; collector.add(wall); wall += 7 * DAY);
  return collector.result();
}

/** Local midnights of the 1st of months whose index is a multiple of `count` (Jan, Apr, Jul, Oct for 3). */
function monthTimes(start: number, end: number, count: number, timeZone: string, limit: number): number[] | undefined {
  const collector = new WallClockCollector(start, end, timeZone, limit);
  const first = new Date(localDay(start, timeZone) * DAY);
  let month = first.getUTCFullYear() * 12 + first.getUTCMonth();
  month -= ((month % count) + count) % count;
  for (; collector.add(wallDate(Math.floor(month / 12), month % 12, 1)); month += count);
  return collector.result();
}

/** Local midnights of January 1st of years that are multiples of `count`. */
function yearTimes(start: number, end: number, count: number, timeZone: string, limit: number): number[] | undefined {
  const collector = new WallClockCollector(start, end, timeZone, limit);
  let year = new Date(localDay(start, timeZone) * DAY).getUTCFullYear();
  year -= ((year % count) + count) % count;
  for (; collector.add(wallDate(year, 0, 1)); year += count);
  return collector.result();
}

/** Date.UTC that also means years 0–99 literally (Date.UTC maps them to 1900–1999). */
function wallDate(year: number, monthIndex: number, day: number): number {
  if (year >= 0 && year < 100) {
    // Shift by one 400-year Gregorian cycle, which has exactly 146 097 days.
    return Date.UTC(year + 400, monthIndex, day) - 146_097 * DAY;
  }
  return Date.UTC(year, monthIndex, day);
}

/** Wall-clock fields of one tick, read once. */
interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function labelTicks(times: number[], unit: TimeUnit, timeZone: string): TimeTick[] {
  const ticks: TimeTick[] = [];
  const date = new Date(0);
  let previous: WallFields | undefined;
  for (const time of times) {
    date.setTime(time + zoneOffsetMs(time, timeZone));
    const fields: WallFields = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth(),
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
    };
    ticks.push(previous === undefined ? firstTick(time, fields, unit) : nextTick(time, fields, previous, unit));
    previous = fields;
  }
  return ticks;
}

function firstTick(time: number, f: WallFields, unit: TimeUnit): TimeTick {
  const monthDay = `${monthAbbreviation(f.month)} ${f.day}`;
  let label: string;
  switch (unit) {
    case 'year':
      label = `${f.year}`;
      break;
    case 'month':
      label = f.month === 0 ? `${f.year}` : `${monthAbbreviation(f.month)} ${f.year}`;
      break;
    case 'week':
    case 'day':
      label = `${monthDay}, ${f.year}`;
      break;
    default:
      label = `${monthDay} ${clockLabel(f, unit)}`;
  }
  return { time, label, major: true };
}

function nextTick(time: number, f: WallFields, p: WallFields, unit: TimeUnit): TimeTick {
  if (unit === 'year') return { time, label: `${f.year}`, major: false };
  if (f.year !== p.year) return { time, label: `${f.year}`, major: true };
  if (unit === 'month') return { time, label: monthAbbreviation(f.month), major: false };
  if (unit === 'day' || unit === 'week') {
    if (f.month !== p.month) return { time, label: `${monthAbbreviation(f.month)} ${f.day}`, major: true };
    return { time, label: `${f.day}`, major: false };
  }
  if (f.month !== p.month || f.day !== p.day) {
    return { time, label: `${monthAbbreviation(f.month)} ${f.day}`, major: true };
  }
  switch (unit) {
    case 'millisecond':
      if (f.second !== p.second || f.minute !== p.minute || f.hour !== p.hour) {
        return { time, label: clockLabel(f, 'second'), major: true };
      }
      return { time, label: `.${pad3(f.millisecond)}`, major: false };
    case 'second':
      return { time, label: clockLabel(f, 'second'), major: f.minute !== p.minute || f.hour !== p.hour };
    case 'minute':
      return { time, label: clockLabel(f, 'minute'), major: f.hour !== p.hour };
    default:
      // Hour ticks: the larger unit is the day, handled above.
      return { time, label: clockLabel(f, 'hour'), major: false };
  }
}

/** `14:03`, `14:03:07` or `14:03:07.120`, as precise as the unit needs. */
function clockLabel(f: WallFields, unit: TimeUnit): string {
  const minutes = `${pad2(f.hour)}:${pad2(f.minute)}`;
  if (unit === 'minute' || unit === 'hour') return minutes;
  const seconds = `${minutes}:${pad2(f.second)}`;
  if (unit === 'second') return seconds;
  return `${seconds}.${pad3(f.millisecond)}`;
}

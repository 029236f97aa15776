/**
 * Resampling to timeframes: ticks or bars → OHLCV bars of 1 minute, 4 hours, 1 week, 3 months…
 *
 * Bucket boundaries follow the local wall clock of a time zone (default UTC): a daily bar starts
 * at local midnight, so it lasts 23 or 25 hours on DST days; intraday buckets are aligned within
 * the local day (4h bars start at 00:00, 04:00, … local). Each output bar's time is its bucket's
 * start as a UTC instant. Where a boundary happens twice (clocks set back: the repeated 01:00 of
 * an hourly chart), each occurrence starts a bucket; where it never happens (clocks set forward),
 * the bucket starts at the transition.
 *
 * Empty buckets are omitted (no bar is invented for a quiet hour or a weekend): the output has one
 * bar per bucket that received at least one row. A row counts when at least one of its prices is
 * a number; rows whose prices are all NaN (gaps) are skipped, volume included.
 *
 * Fields aggregate independently over their non-NaN values: open of the first row, max high, min
 * low, close of the last row, summed volume (NaN when no row had one).
 */
import { resized } from './typed-arrays.js';
import { isValidTimeZone, wallClockToUtc, zoneOffsetMs } from '../time/time-zone.js';
import { DataError } from './data-error.js';

export type TimeframeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Timeframe {
  /** How many units per bar (5 in '5m'). */
  readonly count: number;
  readonly unit: TimeframeUnit;
}

export interface ResampleOptions {
  /** IANA zone whose wall clock sets the boundaries (default 'UTC'). */
  timeZone?: string;
  /** First day of a week, 0 = Sunday … 6 = Saturday (default 1, Monday: ISO 8601). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

export interface ResampleInput {
  /** Epoch ms, ascending. */
  time: ArrayLike<number>;
  open?: ArrayLike<number>;
  high?: ArrayLike<number>;
  low?: ArrayLike<number>;
  close?: ArrayLike<number>;
  /** Ticks (or a line): used when there is no `close`. */
  value?: ArrayLike<number>;
  volume?: ArrayLike<number>;
}

export interface ResampledBars {
  /** Bucket starts, epoch ms. */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Null when the input had no volume. */
  volume: Float64Array | null;
}

export interface ResampledBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One row for `Resampler.push`: a bar, or a tick as `{ value }`. Missing prices fall back as in `resample`. */
export interface BarInput {
  open?: number;
  high?: number;
  low?: number;
  close?: number;
  value?: number;
  volume?: number;
}

export interface Resampler {
  readonly timeframe: Timeframe;
  /**
   * Adds a row (a tick value, or a bar) and returns the bar of its bucket after the update, and
   * whether this row opened it. `bar` is a copy; it is null only while no row has counted yet
   * (rows whose prices are all NaN are skipped).
   */
  push(time: number, row: number | BarInput, volume?: number): { bar: ResampledBar | null; isNew: boolean };
  /** The bar being built (a copy), or null before the first row. */
  current(): ResampledBar | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_BY_LETTER: Readonly<Record<string, TimeframeUnit>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  D: 'day',
  w: 'week',
  W: 'week',
  M: 'month',
  y: 'year',
  Y: 'year',
};
const FIXED_MS: Partial<Record<TimeframeUnit, number>> = { second: SECOND, minute: MINUTE, hour: HOUR };
const EXAMPLES = "'1s', '5s', '1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M', '3M', '1y'";

/**
 * Parses '5m', '4h', '1d', '3M'…: a positive count and a unit letter (s, m = minute, h, d, w,
 * M = month, y; D, W and Y are accepted too). Case matters only for m/M.
 */
export function parseTimeframe(text: string): Timeframe {
  const match = typeof text === 'string' ? /^\s*(\d{1,9})\s*([a-zA-Z])\s*$/.exec(text) : null;
  const unit = match ? UNIT_BY_LETTER[match[2]!] : undefined;
  const count = match ? Number(match[1]) : 0;
  if (!unit || count < 1) {
    throw new Error(`invalid timeframe ${JSON.stringify(String(text))}: expected a positive count and a unit (s, m = minute, h, d, w, M = month, y), e.g. ${EXAMPLES}`);
  }
  return { count, unit };
}

/**
 * Resamples ticks (`value`) or bars (`close`, with optional `open`, `high`, `low`) to
 * `timeframe`. A missing open falls back to the close, a missing high/low to the larger/smaller
 * of open and close. Time must be ascending (a DataError 'unsorted-time' otherwise); rows with a
 * NaN time are skipped. O(N), with time-zone lookups only once per bucket.
 */
export function resample(input: ResampleInput, timeframe: Timeframe | string, options: ResampleOptions = {}): ResampledBars {
  const clock = new BucketClock(toTimeframe(timeframe), options);
  const { time, volume } = input;
  const close = input.close ?? input.value;
  if (!close) throw new DataError('resample needs a `close` or a `value` column', { code: 'no-value-columns' });
  const n = time.length;
  for (const [name, column] of Object.entries(input)) {
    if (column && (column as ArrayLike<number>).length < n) {
      throw new DataError(`resample: column "${name}" has ${(column as ArrayLike<number>).length} rows, time has ${n}`, { code: 'length-mismatch', column: name });
    }
  }
  const out = new Columns(Math.min(Math.max(n, 1), 1024), volume !== undefined);
  const row = new Row();
  const bar = new Accumulator();
  let previousTime = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (t !== t) continue;
    if (t < previousTime) throw new DataError(`resample: time ${t} at row ${i} is before the previous time ${previousTime}`, { code: 'unsorted-time', row: i, value: t });
    previousTime = t;
    if (!row.read(input.open?.[i], input.high?.[i], input.low?.[i], close[i]!, volume?.[i])) continue;
    if (bar.add(clock.locate(t), row) && bar.count > 1) out.push(bar.previous);
  }
  if (bar.count > 0) out.push(bar.current);
  return out.finish();
}

/**
 * A streaming resampler: push rows as they arrive; each push updates the current bucket in O(1)
 * (time-zone lookups once per bucket). Pushing the rows of `resample`'s input one by one gives
 * the same bars, floating-point operations in the same order.
 */
export function createResampler(timeframe: Timeframe | string, options: ResampleOptions = {}): Resampler {
  const parsed = toTimeframe(timeframe);
  const clock = new BucketClock(parsed, options);
  const row = new Row();
  const bar = new Accumulator();
  let lastTime = -Infinity;
  return {
    timeframe: parsed,
    push(t, input, volume) {
      if (typeof t !== 'number' || t !== t) throw new DataError(`resampler: time ${String(t)} is not a number`, { code: 'invalid-time', value: t });
      if (t < lastTime) throw new DataError(`resampler: time ${t} is before the previous time ${lastTime}`, { code: 'unsorted-time', value: t });
      lastTime = t;
      const counts =
        typeof input === 'number'
          ? row.read(undefined, undefined, undefined, input, volume)
          : row.read(input.open, input.high, input.low, input.close ?? input.value ?? NaN, input.volume ?? volume);
      if (!counts) return { bar: bar.count > 0 ? snapshot(bar.current) : null, isNew: false };
      const isNew = bar.add(clock.locate(t), row);
      return { bar: snapshot(bar.current), isNew };
    },
    current() {
      return bar.count > 0 ? snapshot(bar.current) : null;
    },
  };
}

function toTimeframe(timeframe: Timeframe | string): Timeframe {
  if (typeof timeframe === 'string') return parseTimeframe(timeframe);
  if (!timeframe || !Number.isSafeInteger(timeframe.count) || timeframe.count < 1 || !Object.values(UNIT_BY_LETTER).includes(timeframe.unit)) {
    throw new Error(`invalid timeframe ${JSON.stringify(timeframe)}: expected { count: positive integer, unit } or a string such as ${EXAMPLES}`);
  }
  return timeframe;
}

function snapshot(bar: ResampledBar): ResampledBar {
  return { time: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
}

/** One input row, normalized so that batch and streaming take exactly the same path. */
class Row {
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  volume = NaN;

  /** Returns false for a gap row (every price NaN). */
  read(open: number | undefined, high: number | undefined, low: number | undefined, close: number, volume: number | undefined): boolean {
    const c = close;
    const o = open ?? c;
    this.open = o;
    this.close = c;
    this.high = high ?? larger(o, c);
    this.low = low ?? smaller(o, c);
    this.volume = volume ?? NaN;
    return o === o || c === c || this.high === this.high || this.low === this.low;
  }
}

/** The bar being built, and the one before it (kept so that batch can flush it). */
class Accumulator {
  current: ResampledBar = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
  previous: ResampledBar = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
  /** Buckets opened so far. */
  count = 0;

  /**
   * Adds a row to the bucket starting at `start`; returns true when that opens a new bar. A start
   * before the current bar's (only where a zone sets its clock back across a boundary) is merged
   * into the current bar, so the output stays in time order.
   */
  add(start: number, row: Row): boolean {
    const bar = this.current;
    if (this.count === 0 || start > bar.time) {
      this.previous = bar;
      this.current = { time: start, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume };
      this.count++;
      return true;
    }
    if (bar.open !== bar.open) bar.open = row.open;
    // `!(a <= b)` is also true while the bar's high is still NaN.
    if (row.high === row.high && !(row.high <= bar.high)) bar.high = row.high;
    if (row.low === row.low && !(row.low >= bar.low)) bar.low = row.low;
    if (row.close === row.close) bar.close = row.close;
    if (row.volume === row.volume) bar.volume = bar.volume === bar.volume ? bar.volume + row.volume : row.volume;
    return false;
  }
}

/** Growable output columns. */
class Columns {
  private n = 0;
  private time: Float64Array;
  private open: Float64Array;
  private high: Float64Array;
  private low: Float64Array;
  private close: Float64Array;
  private volume: Float64Array | null;

  constructor(capacity: number, withVolume: boolean) {
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = withVolume ? new Float64Array(capacity) : null;
  }

  push(bar: ResampledBar): void {
    if (this.n === this.time.length) this.grow();
    const i = this.n++;
    this.time[i] = bar.time;
    this.open[i] = bar.open;
    this.high[i] = bar.high;
    this.low[i] = bar.low;
    this.close[i] = bar.close;
    if (this.volume) this.volume[i] = bar.volume;
  }

  finish(): ResampledBars {
    const n = this.n;
    return {
      time: this.time.slice(0, n),
      open: this.open.slice(0, n),
      high: this.high.slice(0, n),
      low: this.low.slice(0, n),
      close: this.close.slice(0, n),
      volume: this.volume ? this.volume.slice(0, n) : null,
    };
  }

  private grow(): void {
    const bigger = (old: Float64Array) => resized(old, old.length * 2);
    this.time = bigger(this.time);
    this.open = bigger(this.open);
    this.high = bigger(this.high);
    this.low = bigger(this.low);
    this.close = bigger(this.close);
    if (this.volume) this.volume = bigger(this.volume);
  }
}

/**
 * Maps instants to bucket starts. The answer for an instant also holds for every later instant
 * before `until` (the next boundary when no offset change lies in between), so sorted input costs
 * one comparison per row and the time-zone work is done once per bucket.
 */
class BucketClock {
  private readonly count: number;
  private readonly unit: TimeframeUnit;
  private readonly fixedMs: number;
  private readonly zone: string;
  /** Day number (since 1970-01-01) of a week start, for aligning weeks. */
  private readonly weekAnchor: number;
  private from = Infinity;
  private until = -Infinity;
  private start = NaN;
  // Output of wallBucket().
  private bucketWall = 0;
  private nextWall = 0;

  constructor(timeframe: Timeframe, options: ResampleOptions) {
    this.count = timeframe.count;
    this.unit = timeframe.unit;
    this.fixedMs = (FIXED_MS[timeframe.unit] ?? 0) * timeframe.count;
    const zone = options.timeZone ?? 'UTC';
    if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone ${JSON.stringify(zone)}: use an IANA name such as 'UTC' or 'America/New_York'`);
    this.zone = zone;
    const weekStartsOn = options.weekStartsOn ?? 1;
    if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) throw new RangeError(`weekStartsOn must be 0 (Sunday) … 6 (Saturday), got ${String(weekStartsOn)}`);
    // 1970-01-01 was a Thursday (weekday 4): the first day ≥ 0 with the wanted weekday.
    this.weekAnchor = (((weekStartsOn - 4) % 7) + 7) % 7;
  }

  /** Start (UTC ms) of the bucket holding the instant t. */
  locate(t: number): number {
    if (t >= this.from && t < this.until) return this.start;
    const zone = this.zone;
    const offset = zoneOffsetMs(t, zone);
    this.wallBucket(t + offset);
    // The boundary read with t's own offset is right unless an offset change lies between the two;
    // then wallClockToUtc resolves it (earlier instant for a repeated time, after a skipped one).
    const candidate = this.bucketWall - offset;
    this.start = zoneOffsetMs(candidate, zone) === offset ? candidate : wallClockToUtc(this.bucketWall, zone);
    // Later instants with t's offset map to the same start until the wall clock reaches the next
    // boundary. Cache that stretch when the offset is the same at its end (an offset change and
    // its reversal never both fit near a bucket's end); in a bucket holding a change (the month
    // of a DST switch), cache up to the next UTC midnight instead (zones change at most once a
    // day); failing both, the next row is located afresh.
    const end = this.nextWall - offset;
    const dayEnd = Math.min(end, (Math.floor(t / DAY) + 1) * DAY);
    this.from = t;
    if (end > t && zoneOffsetMs(end - 1, zone) === offset) this.until = end;
    else this.until = dayEnd > t && zoneOffsetMs(dayEnd - 1, zone) === offset ? dayEnd : t;
    return this.start;
  }

  /** Sets bucketWall and nextWall: the bucket of the wall-clock time `wall`, in wall-clock ms. */
  private wallBucket(wall: number): void {
    const count = this.count;
    switch (this.unit) {
      case 'second':
      case 'minute':
      case 'hour': {
        const size = this.fixedMs;
        if (size >= DAY) {
          this.bucketWall = Math.floor(wall / size) * size;
          this.nextWall = this.bucketWall + size;
        } else {
          // Aligned within the local day, so that 7h or 90m bars restart at midnight.
          const dayStart = Math.floor(wall / DAY) * DAY;
          this.bucketWall = dayStart + Math.floor((wall - dayStart) / size) * size;
          this.nextWall = Math.min(this.bucketWall + size, dayStart + DAY);
        }
        return;
      }
      case 'day': {
        const day = Math.floor(Math.floor(wall / DAY) / count) * count;
        this.bucketWall = day * DAY;
        this.nextWall = (day + count) * DAY;
        return;
      }
      case 'week': {
        const days = 7 * count;
        const day = Math.floor(wall / DAY);
        const first = this.weekAnchor + Math.floor((day - this.weekAnchor) / days) * days;
        this.bucketWall = first * DAY;
        this.nextWall = (first + days) * DAY;
        return;
      }
      case 'month': {
        const date = new Date(wall);
        const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
        const first = Math.floor(months / count) * count;
        this.bucketWall = monthStart(first);
        this.nextWall = monthStart(first + count);
        return;
      }
      case 'year': {
        const first = Math.floor(new Date(wall).getUTCFullYear() / count) * count;
        this.bucketWall = monthStart(first * 12);
        this.nextWall = monthStart((first + count) * 12);
        return;
      }
    }
  }
}

/** Wall-clock ms of the first day of a month numbered year × 12 + month (years 0–99 included, unlike Date.UTC). */
function monthStart(months: number): number {
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(months / 12), ((months % 12) + 12) % 12, 1);
  return date.getTime();
}

function larger(a: number, b: number): number {
  if (a !== a) return b;
  if (b !== b) return a;
  return a > b ? a : b;
}

function smaller(a: number, b: number): number {
  if (a !== a) return b;
  if (b !== b) return a;
  return a < b ? a : b;
}

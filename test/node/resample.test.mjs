import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resample, parseTimeframe, createResampler } from '../../build/node/data/index.js';
import { rng } from './helpers.mjs';

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Bars every `step` ms from `from` to `to`, with missing rows, NaN gap rows, a few NaN fields.
 * @returns {{ time: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array }}
 */
function makeBars(from, to, step, seed = 1, { holes = true } = {}) {
  const random = rng(seed);
  const rows = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  let price = 100;
  for (let t = from; t < to; t += step) {
    if (holes && random() < 0.1) continue; // a missing row (and so, at times, an empty bucket)
    const o = price;
    price += random() - 0.5;
    let row = [o, Math.max(o, price) + random(), Math.min(o, price) - random(), price, Math.floor(random() * 100)];
    if (holes && random() < 0.01) row = [NaN, NaN, NaN, NaN, NaN];
    else if (holes && random() < 0.01) row[Math.floor(random() * 5)] = NaN;
    rows.time.push(t);
    rows.open.push(row[0]);
    rows.high.push(row[1]);
    rows.low.push(row[2]);
    rows.close.push(row[3]);
    rows.volume.push(row[4]);
  }
  return /** @type {any} */ (Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Float64Array.from(v)])));
}

/** Aggregation by definition, given each row's bucket start. */
function bruteAggregate(rows, bucketOf) {
  const hasVolume = rows.volume !== undefined;
  const out = [];
  const close = rows.close ?? rows.value;
  for (let i = 0; i < rows.time.length; i++) {
    const c = close[i];
    const o = rows.open ? rows.open[i] : c;
    const nums = (...v) => v.filter((x) => !Number.isNaN(x));
    const h = rows.high ? rows.high[i] : nums(o, c).length ? Math.max(...nums(o, c)) : NaN;
    const l = rows.low ? rows.low[i] : nums(o, c).length ? Math.min(...nums(o, c)) : NaN;
    if (nums(o, h, l, c).length === 0) continue;
    const v = hasVolume ? rows.volume[i] : NaN;
    const start = bucketOf(rows.time[i]);
    let bar = out[out.length - 1];
    if (!bar || bar.time !== start) {
      assert.ok(!bar || start > bar.time);
      bar = { time: start, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN };
      out.push(bar);
    }
    if (Number.isNaN(bar.open)) bar.open = o;
    if (!Number.isNaN(h) && (Number.isNaN(bar.high) || h > bar.high)) bar.high = h;
    if (!Number.isNaN(l) && (Number.isNaN(bar.low) || l < bar.low)) bar.low = l;
    if (!Number.isNaN(c)) bar.close = c;
    if (!Number.isNaN(v)) bar.volume = Number.isNaN(bar.volume) ? v : bar.volume + v;
  }
  return out;
}

function rowsOf(result) {
  return Array.from(result.time, (time, i) => ({
    time, open: result.open[i], high: result.high[i], low: result.low[i], close: result.close[i],
    volume: result.volume ? result.volume[i] : NaN,
  }));
}

/** Wall-clock fields of an instant straight from Intl (independent of core/time-zone.ts). */
const formatters = new Map();
const walls = new Map();
function wallMs(t, timeZone) {
  const key = `${timeZone} ${t}`;
  let wall = walls.get(key);
  if (wall === undefined) {
    wall = intlWallMs(t, timeZone);
    walls.set(key, wall);
  }
  return wall;
}
function intlWallMs(t, timeZone) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
}

/** The local bucket label (wall ms of its start) of a wall time, by calendar arithmetic. */
function label(w, unit, count, weekStartsOn = 1) {
  const day = Math.floor(w / DAY) * DAY;
  const d = new Date(w);
  switch (unit) {
    case 'minute':
    case 'hour': {
      const size = count * (unit === 'hour' ? HOUR : MINUTE);
      return day + Math.floor((w - day) / size) * size;
    }
    case 'day':
      return day;
    case 'week': {
      const weekday = (Math.floor(w / DAY) + 4) % 7; // 0 = Sunday
      return day - ((weekday - weekStartsOn + 7) % 7) * DAY;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / count) * count, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

/**
 * Bucket starts by walking the instants of a grid (`step`, on which all boundaries and DST
 * transitions fall): a bucket starts where the wall clock moves forward across a boundary, or
 * jumps back onto one.
 */
function scanBuckets(from, to, step, timeZone, unit, count, weekStartsOn) {
  const startOf = new Map();
  let previous = NaN;
  let current = NaN;
  // Start a whole bucket early, so that the bucket holding `from` starts at a real boundary.
  const margin = { minute: DAY, hour: 2 * DAY, day: 2 * DAY, week: 8 * DAY, month: 100 * DAY, year: 370 * DAY }[unit];
  for (let s = from - margin; s <= to; s += step) {
    const w = wallMs(s, timeZone);
    const boundary = Number.isNaN(previous) || (w > previous ? label(w, unit, count, weekStartsOn) !== label(previous, unit, count, weekStartsOn) : label(w, unit, count, weekStartsOn) === w);
    if (boundary) current = s;
    startOf.set(s, current);
    previous = w;
  }
  return startOf;
}

// --- parseTimeframe -----------------------------------------------------------------------------

test('parseTimeframe reads the usual timeframes', () => {
  const expected = {
    '1s': [1, 'second'], '5s': [5, 'second'], '1m': [1, 'minute'], '5m': [5, 'minute'], '15m': [15, 'minute'],
    '30m': [30, 'minute'], '1h': [1, 'hour'], '4h': [4, 'hour'], '1d': [1, 'day'], '1D': [1, 'day'], '1w': [1, 'week'],
    '1M': [1, 'month'], '3M': [3, 'month'], '1y': [1, 'year'], ' 2h ': [2, 'hour'],
  };
  for (const [text, [count, unit]] of Object.entries(expected)) assert.deepEqual(parseTimeframe(text), { count, unit }, text);
});

test('bad timeframe strings throw an Error naming the text and valid examples', () => {
  for (const bad of ['', '5', 'm', '0m', '5x', '1.5h', '-1m', 'abc', '1 hour', '1mm', '1H', 5, null]) {
    // @ts-expect-error: non-strings on purpose (the parser must refuse them too)
    assert.throws(() => parseTimeframe(bad), (error) => {
      assert.ok(error instanceof Error);
      assert.ok(error.message.includes(JSON.stringify(String(bad))), error.message);
      assert.ok(error.message.includes("'5m'") && error.message.includes("'1M'"), error.message);
      return true;
    }, String(bad));
  }
  assert.throws(() => resample({ time: new Float64Array(1), value: new Float64Array(1) }, '7q'), /invalid timeframe "7q"/);
  assert.throws(() => createResampler('1mo'), /invalid timeframe "1mo"/);
  assert.throws(() => resample({ time: new Float64Array(1), value: new Float64Array(1) }, { count: 0, unit: 'minute' }), /invalid timeframe/);
  assert.throws(() => createResampler('1h', { timeZone: 'Mars/Olympus' }), /unknown time zone "Mars\/Olympus"/);
});

// --- batch, UTC ---------------------------------------------------------------------------------

const minuteBars = makeBars(Date.UTC(2024, 0, 29, 13, 7), Date.UTC(2024, 2, 3), MINUTE, 3);

test('1m → 5m / 1h / 4h / 1d / 1w in UTC equal brute force', () => {
  const floor = (size, origin = 0) => (t) => origin + Math.floor((t - origin) / size) * size;
  /** @type {Array<[string, (t: number) => number]>} */
  const cases = [
    ['5m', floor(5 * MINUTE)],
    ['1h', floor(HOUR)],
    ['4h', floor(4 * HOUR)],
    ['7h', (t) => floor(DAY)(t) + Math.floor((t - floor(DAY)(t)) / (7 * HOUR)) * 7 * HOUR], // restarts at midnight
    ['1d', floor(DAY)],
    ['1w', floor(7 * DAY, 4 * DAY)], // 1970-01-05 was a Monday
  ];
  for (const [tf, bucketOf] of cases) {
    const result = resample(minuteBars, tf);
    const expected = bruteAggregate(minuteBars, bucketOf);
    assert.deepEqual(rowsOf(result), expected, tf);
    assert.ok(result.time.length > 1);
  }
  // Weeks start on Monday: 2024-01-29 and 2024-02-05 are Mondays.
  const weeks = resample(minuteBars, '1w');
  assert.equal(weeks.time[0], Date.UTC(2024, 0, 29));
  assert.equal(weeks.time[1], Date.UTC(2024, 1, 5));
  assert.equal(new Date(weeks.time[2]).getUTCDay(), 1);
  // Or on Sunday when asked.
  const sundays = resample(minuteBars, '1w', { weekStartsOn: 0 });
  assert.equal(sundays.time[0], Date.UTC(2024, 0, 28));
  assert.equal(sundays.time[1], Date.UTC(2024, 1, 4));
});

test('empty buckets are omitted', () => {
  const time = Float64Array.from([0, MINUTE, 10 * MINUTE, 11 * MINUTE, 59 * MINUTE]);
  const value = Float64Array.from([1, 2, 3, 4, 5]);
  const result = resample({ time, value }, '5m');
  assert.deepEqual(Array.from(result.time), [0, 10 * MINUTE, 55 * MINUTE]);
  assert.equal(result.volume, null);
  // Gap rows (every price NaN) do not open a bucket.
  const gaps = resample({ time, value: Float64Array.from([1, 2, NaN, NaN, 5]) }, '5m');
  assert.deepEqual(Array.from(gaps.time), [0, 55 * MINUTE]);
});

test('ticks → 1m OHLC (open first, high max, low min, close last, volume summed)', () => {
  const random = rng(5);
  const time = [];
  const value = [];
  const volume = [];
  let t = Date.UTC(2024, 4, 1, 9, 30);
  for (let i = 0; i < 50_000; i++) {
    t += random() < 0.05 ? 0 : Math.floor(random() * 3000); // equal times happen in tick data
    if (random() < 0.01) t = Math.ceil(t / MINUTE) * MINUTE; // ticks exactly on a boundary
    time.push(t);
    value.push(random() < 0.005 ? NaN : 100 + random());
    volume.push(random() < 0.01 ? NaN : Math.floor(random() * 10));
  }
  const ticks = { time: Float64Array.from(time), value: Float64Array.from(value), volume: Float64Array.from(volume) };
  const result = resample(ticks, '1m');
  assert.deepEqual(rowsOf(result), bruteAggregate(ticks, (x) => Math.floor(x / MINUTE) * MINUTE));
  // Spot check one bucket by hand.
  const at = 3;
  const inBucket = time.map((x, i) => i).filter((i) => Math.floor(time[i] / MINUTE) * MINUTE === result.time[at] && !Number.isNaN(value[i]));
  assert.equal(result.open[at], value[inBucket[0]]);
  assert.equal(result.close[at], value[inBucket[inBucket.length - 1]]);
  assert.equal(result.high[at], Math.max(...inBucket.map((i) => value[i])));
  assert.equal(result.low[at], Math.min(...inBucket.map((i) => value[i])));
});

test('boundaries are exact: 10:00:00.000 opens the 10:00 bucket, 09:59:59.999 does not', () => {
  const ten = Date.UTC(2024, 5, 3, 10);
  const time = Float64Array.from([ten - HOUR, ten - 1, ten, ten + 1, ten + HOUR - 1, ten + HOUR]);
  const value = Float64Array.from([1, 2, 3, 4, 5, 6]);
  for (const tf of ['1s', '1m', '5m', '15m', '30m', '1h']) {
    const result = resample({ time, value }, tf);
    const i = Array.from(result.time).indexOf(ten);
    assert.ok(i > 0, tf);
    assert.equal(result.open[i], 3, tf);
    assert.equal(result.close[i - 1], 2, tf);
  }
  const hourly = resample({ time, value }, '1h');
  assert.deepEqual(Array.from(hourly.time), [ten - HOUR, ten, ten + HOUR]);
  assert.deepEqual(Array.from(hourly.close), [2, 5, 6]);
  // The same at a local midnight in New York (05:00Z in winter).
  const midnight = Date.UTC(2024, 0, 16, 5);
  const days = resample({ time: Float64Array.from([midnight - 1, midnight]), value: Float64Array.from([1, 2]) }, '1d', { timeZone: 'America/New_York' });
  assert.deepEqual(Array.from(days.time), [midnight - DAY, midnight]);
});

test('months, quarters and years in UTC', () => {
  const hourly = makeBars(Date.UTC(2023, 10, 17), Date.UTC(2025, 2, 9), HOUR, 8);
  const month = (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
  const quarter = (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1); };
  const year = (t) => Date.UTC(new Date(t).getUTCFullYear(), 0, 1);
  assert.deepEqual(rowsOf(resample(hourly, '1M')), bruteAggregate(hourly, month));
  assert.deepEqual(rowsOf(resample(hourly, '3M')), bruteAggregate(hourly, quarter));
  assert.deepEqual(rowsOf(resample(hourly, '1y')), bruteAggregate(hourly, year));
  assert.deepEqual(Array.from(resample(hourly, '3M').time), [Date.UTC(2023, 9, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1), Date.UTC(2024, 6, 1), Date.UTC(2024, 9, 1), Date.UTC(2025, 0, 1)]);
});

// --- time zones ---------------------------------------------------------------------------------

test('America/New_York: daily bars start at local midnight; DST days last 23 and 25 hours', () => {
  const zone = 'America/New_York';
  const bars = makeBars(Date.UTC(2024, 2, 7), Date.UTC(2024, 2, 14), MINUTE, 4, { holes: false });
  const days = resample(bars, '1d', { timeZone: zone });
  assert.equal(days.time[0], Date.UTC(2024, 2, 6, 5)); // Mar 6 00:00 EST
  const march10 = Array.from(days.time).indexOf(Date.UTC(2024, 2, 10, 5));
  assert.ok(march10 > 0);
  assert.equal(days.time[march10 + 1] - days.time[march10], 23 * HOUR);
  assert.equal(days.time[march10 + 1], Date.UTC(2024, 2, 11, 4)); // 00:00 EDT
  const fall = makeBars(Date.UTC(2024, 10, 1), Date.UTC(2024, 10, 6), MINUTE, 5, { holes: false });
  const fallDays = resample(fall, '1d', { timeZone: zone });
  const november3 = Array.from(fallDays.time).indexOf(Date.UTC(2024, 10, 3, 4));
  assert.ok(november3 > 0);
  assert.equal(fallDays.time[november3 + 1] - fallDays.time[november3], 25 * HOUR);
  // Every daily bar holds exactly the minutes of its local date.
  for (const data of [bars, fall]) {
    const result = resample(data, '1d', { timeZone: zone });
    const starts = scanBuckets(data.time[0], data.time[data.time.length - 1], MINUTE, zone, 'day', 1);
    assert.deepEqual(rowsOf(result), bruteAggregate(data, (t) => starts.get(t)));
  }
});

test('intraday buckets across DST transitions equal an Intl-based brute force (New York, Lord Howe, Kolkata)', () => {
  /** @type {Array<[string, number, number]>} */
  const windows = [
    ['America/New_York', Date.UTC(2024, 2, 9), Date.UTC(2024, 2, 12)],
    ['America/New_York', Date.UTC(2024, 10, 2), Date.UTC(2024, 10, 5)],
    ['Australia/Lord_Howe', Date.UTC(2024, 3, 5), Date.UTC(2024, 3, 8)], // back 30 min on Apr 7
    ['Australia/Lord_Howe', Date.UTC(2024, 9, 4), Date.UTC(2024, 9, 8)], // forward 30 min on Oct 6
    ['Asia/Kolkata', Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)],
  ];
  /** @type {Array<[string, 'minute' | 'hour' | 'day', number]>} */
  const timeframes = [['1m', 'minute', 1], ['5m', 'minute', 5], ['30m', 'minute', 30], ['1h', 'hour', 1], ['2h', 'hour', 2], ['4h', 'hour', 4], ['1d', 'day', 1]];
  let seed = 30;
  for (const [zone, from, to] of windows) {
    const data = makeBars(from, to, MINUTE, seed++);
    for (const [tf, unit, count] of timeframes) {
      const starts = scanBuckets(from, to, MINUTE, zone, unit, count);
      const result = resample(data, tf, { timeZone: zone });
      assert.deepEqual(rowsOf(result), bruteAggregate(data, (t) => starts.get(t)), `${zone} ${tf}`);
    }
  }
  // New York falls back at 02:00 EDT: the repeated 01:00 hour makes two hourly bars …
  const fall = makeBars(Date.UTC(2024, 10, 3, 4), Date.UTC(2024, 10, 3, 9), MINUTE, 9, { holes: false });
  const hours = resample(fall, '1h', { timeZone: 'America/New_York' });
  assert.deepEqual(Array.from(hours.time), [4, 5, 6, 7, 8].map((h) => Date.UTC(2024, 10, 3, h)));
  // … while the 00:00–02:00 bucket of a 2h chart lasts three hours.
  const twoHours = resample(fall, '2h', { timeZone: 'America/New_York' });
  assert.deepEqual(Array.from(twoHours.time), [Date.UTC(2024, 10, 3, 4), Date.UTC(2024, 10, 3, 7)]);
  // Kolkata (+05:30): hourly bars start at half past in UTC.
  const kolkata = resample(makeBars(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), MINUTE, 2), '1h', { timeZone: 'Asia/Kolkata' });
  for (const t of kolkata.time) assert.equal(t % HOUR, 30 * MINUTE);
});

test('months and weeks in America/New_York follow local midnight, DST included', () => {
  const zone = 'America/New_York';
  const hourly = makeBars(Date.UTC(2023, 11, 20), Date.UTC(2025, 1, 10), HOUR, 12);
  const months = resample(hourly, '1M', { timeZone: zone });
  // 2024-03-01 00:00 EST = 05:00Z; 2024-04-01 00:00 EDT = 04:00Z; 2024-11-01 is still EDT, 12-01 EST.
  const times = Array.from(months.time);
  for (const expected of [Date.UTC(2024, 0, 1, 5), Date.UTC(2024, 2, 1, 5), Date.UTC(2024, 3, 1, 4), Date.UTC(2024, 10, 1, 4), Date.UTC(2024, 11, 1, 5)]) {
    assert.ok(times.includes(expected), new Date(expected).toISOString());
  }
  for (const [tf, unit, count, weekStartsOn] of /** @type {Array<[string, string, number, (0 | 1)?]>} */ ([['1M', 'month', 1], ['3M', 'month', 3], ['1w', 'week', 1, 1], ['1w', 'week', 1, 0], ['1d', 'day', 1]])) {
    const starts = scanBuckets(hourly.time[0], hourly.time[hourly.time.length - 1], HOUR, zone, unit, count, weekStartsOn);
    const result = resample(hourly, tf, { timeZone: zone, weekStartsOn });
    assert.deepEqual(rowsOf(result), bruteAggregate(hourly, (t) => starts.get(t)), `${tf} ${weekStartsOn}`);
  }
  // Weeks start on Monday at local midnight.
  for (const t of resample(hourly, '1w', { timeZone: zone }).time) {
    const wall = new Date(wallMs(t, zone));
    assert.equal(wall.getUTCDay(), 1);
    assert.equal(wall.getUTCHours(), 0);
  }
});

test('missing fields fall back: open → close, high/low → max/min of open and close', () => {
  const time = Float64Array.from([0, 1000, 2000]);
  const open = Float64Array.from([10, 12, 11]);
  const close = Float64Array.from([12, 11, 15]);
  const result = resample({ time, open, close }, '1m');
  assert.deepEqual(rowsOf(result), [{ time: 0, open: 10, high: 15, low: 10, close: 15, volume: NaN }]);
  assert.throws(() => resample({ time, open }, '1m'), /close.*value/);
  assert.throws(() => resample({ time: Float64Array.from([2, 1]), close: Float64Array.from([1, 2]) }, '1m'), /before the previous time/);
  assert.throws(() => resample({ time, close: new Float64Array(2) }, '1m'), /column "close" has 2 rows/);
});

// --- streaming ----------------------------------------------------------------------------------

function stream(data, tf, options, asTicks) {
  const resampler = createResampler(tf, options);
  const bars = [];
  let news = 0;
  for (let i = 0; i < data.time.length; i++) {
    const { bar, isNew } = asTicks
      ? resampler.push(data.time[i], data.value[i], data.volume ? data.volume[i] : undefined)
      : resampler.push(data.time[i], { open: data.open[i], high: data.high[i], low: data.low[i], close: data.close[i], volume: data.volume[i] });
    if (bar === null) continue;
    if (isNew) {
      news++;
      bars.push(bar);
    } else bars[bars.length - 1] = bar;
  }
  assert.deepEqual(resampler.current(), bars[bars.length - 1] ?? null);
  return { bars, news };
}

test('streaming equals batch (bars and ticks, UTC and zones)', () => {
  const zones = [undefined, 'America/New_York', 'Australia/Lord_Howe'];
  const data = makeBars(Date.UTC(2024, 2, 8), Date.UTC(2024, 3, 10), MINUTE, 77);
  for (const timeZone of zones) {
    for (const tf of ['1m', '5m', '1h', '4h', '1d', '1w', '1M']) {
      const batch = rowsOf(resample(data, tf, { timeZone }));
      const { bars, news } = stream(data, tf, { timeZone }, false);
      assert.deepEqual(bars, batch, `${tf} ${timeZone}`);
      assert.equal(news, batch.length);
    }
  }
  const random = rng(8);
  const time = [];
  const value = [];
  const volume = [];
  let t = Date.UTC(2024, 10, 3, 4);
  for (let i = 0; i < 20_000; i++) {
    t += Math.floor(random() * 2000);
    time.push(t);
    value.push(random() < 0.01 ? NaN : random());
    volume.push(random());
  }
  const ticks = { time: Float64Array.from(time), value: Float64Array.from(value), volume: Float64Array.from(volume) };
  for (const tf of ['1s', '5s', '1m', '1h']) {
    const batch = rowsOf(resample(ticks, tf, { timeZone: 'America/New_York' }));
    assert.deepEqual(stream(ticks, tf, { timeZone: 'America/New_York' }, true).bars, batch, tf);
  }
});

test('the streaming resampler reports new bars and rejects time going back', () => {
  const resampler = createResampler('1m');
  assert.equal(resampler.current(), null);
  assert.deepEqual(resampler.push(0, NaN), { bar: null, isNew: false });
  assert.deepEqual(resampler.push(1000, 5, 2), { bar: { time: 0, open: 5, high: 5, low: 5, close: 5, volume: 2 }, isNew: true });
  assert.deepEqual(resampler.push(2000, 7), { bar: { time: 0, open: 5, high: 7, low: 5, close: 7, volume: 2 }, isNew: false });
  assert.deepEqual(resampler.push(3000, 4, 1), { bar: { time: 0, open: 5, high: 7, low: 4, close: 4, volume: 3 }, isNew: false });
  const opened = resampler.push(MINUTE, { open: 4, high: 9, low: 3, close: 8, volume: 10 });
  assert.deepEqual(opened, { bar: { time: MINUTE, open: 4, high: 9, low: 3, close: 8, volume: 10 }, isNew: true });
  // The returned bar is a copy.
  opened.bar.close = -1;
  assert.equal(resampler.current().close, 8);
  assert.throws(() => resampler.push(MINUTE - 1, 1), /before the previous time/);
  assert.throws(() => resampler.push(NaN, 1), /not a number/);
  assert.deepEqual(resampler.timeframe, { count: 1, unit: 'minute' });
});

test('cost: 1M one-minute bars → 1h in America/New_York', () => {
  const n = 1_000_000;
  const time = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2022, 0, 1) + i * MINUTE;
    close[i] = Math.sin(i / 1000);
  }
  for (const [tf, zone] of [['1h', 'America/New_York'], ['1d', 'America/New_York'], ['1M', 'UTC']]) {
    const started = performance.now();
    const result = resample({ time, close }, tf, { timeZone: zone });
    const ms = performance.now() - started;
    console.log(`# resample 1M bars → ${result.time.length} × ${tf} (${zone}): ${ms.toFixed(1)} ms`);
    assert.ok(ms < 2000);
  }
});

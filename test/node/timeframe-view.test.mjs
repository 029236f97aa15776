// A chart's timeframe: data resampled to bars, kept in step with appends (new rows, updated last row).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeframeView, resample } from '../../build/node/data/index.js';

function ticks(n, seed = 1) {
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  const volume = new Float64Array(n);
  let t = Date.UTC(2024, 2, 8);
  let v = 100;
  for (let i = 0; i < n; i++) {
    t += 1 + Math.floor(random() * 20_000);
    v += random() - 0.5;
    time[i] = t;
    value[i] = v;
    volume[i] = Math.floor(random() * 10);
  }
  return { time, columns: { value, volume } };
}

const slice = (data, from, to) => ({ time: data.time.slice(from, to), columns: Object.fromEntries(Object.entries(data.columns).map(([k, c]) => [k, c.slice(from, to)])) });

/** Applies the chart's append rule (a first row at the last time replaces it) to shown bars. */
function applyAppend(shown, rows) {
  const out = { time: Array.from(shown.time), columns: Object.fromEntries(Object.entries(shown.columns).map(([k, c]) => [k, Array.from(c)])) };
  for (let i = 0; i < rows.time.length; i++) {
    const replace = out.time.length > 0 && rows.time[i] === out.time[out.time.length - 1];
    if (!replace) out.time.push(rows.time[i]);
    for (const [k, c] of Object.entries(rows.columns)) {
      if (replace) out.columns[k][out.columns[k].length - 1] = c[i];
      else out.columns[k].push(c[i]);
    }
  }
  return out;
}

test('streamed rows give the same bars as resampling everything at once', () => {
  const data = ticks(5000);
  for (const timeframe of ['1m', '5m', '1h', '1d']) {
    const view = new TimeframeView();
    view.configure(timeframe, 'Europe/Berlin');
    /** @type {{ time: Float64Array | number[], columns: Record<string, Float64Array | number[]> }} */
    let shown = view.setData(slice(data, 0, 1000));
    let at = 1000;
    while (at < data.time.length) {
      const next = Math.min(data.time.length, at + 1 + (at % 37));
      shown = applyAppend(shown, view.append(slice(data, at, next)));
      at = next;
    }
    const expected = resample({ time: data.time, value: data.columns.value, volume: data.columns.volume }, timeframe, { timeZone: 'Europe/Berlin' });
    assert.deepEqual(Array.from(shown.time), Array.from(expected.time), `${timeframe}: bar times`);
    for (const k of ['open', 'high', 'low', 'close', 'volume']) assert.deepEqual(Array.from(shown.columns[k]), Array.from(expected[k]), `${timeframe}: ${k}`);
  }
});

test('an appended row replacing the last one rebuilds the newest bar', () => {
  const data = ticks(300, 7);
  const view = new TimeframeView();
  view.configure('5m', 'UTC');
  /** @type {{ time: Float64Array | number[], columns: Record<string, Float64Array | number[]> }} */
  let shown = view.setData(data);
  // The live tick at the last time changes its price.
  const last = data.time.length - 1;
  const update = { time: Float64Array.of(data.time[last]), columns: { value: Float64Array.of(1000), volume: Float64Array.of(3) } };
  shown = applyAppend(shown, view.append(update));
  const value = data.columns.value.slice();
  value[last] = 1000;
  const volume = data.columns.volume.slice();
  volume[last] = 3;
  const expected = resample({ time: data.time, value, volume }, '5m');
  assert.deepEqual(Array.from(shown.columns.high), Array.from(expected.high));
  assert.deepEqual(Array.from(shown.columns.volume), Array.from(expected.volume));
  assert.equal(shown.columns.high.at(-1), 1000);
});

test('changing or dropping the timeframe needs no reload; invalid ones throw and change nothing', () => {
  const data = ticks(2000, 3);
  const view = new TimeframeView();
  view.configure('1m', 'UTC');
  const minute = view.setData(data);
  const hour = view.configure('1h', 'UTC');
  assert.ok(hour.time.length < minute.time.length);
  assert.throws(() => view.configure('7x', 'UTC'), /invalid timeframe "7x"/);
  assert.equal(view.active.unit, 'hour', 'still hourly');
  const raw = view.release();
  assert.deepEqual(Array.from(raw.time), Array.from(data.time));
  assert.equal(view.active, null);
});

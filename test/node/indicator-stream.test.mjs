// IndicatorStream: a full computation on the first K rows, then growth in random chunks with
// random revisions of the last bar, must equal the batch function over the data at every step —
// bit for bit (Object.is: NaN where the batch has NaN) — and its min/max pyramids must answer
// range queries like a brute-force scan.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATORS, IndicatorError } from '../../build/node/indicators/index.js';
import { IndicatorStream } from '../../build/node/indicators/indicator-stream.js';
import { NO_INDEX } from '../../build/node/data/lod/minmax-pyramid.js';
import { makeSeries, mulberry32 } from './indicator-reference/data.mjs';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** Working columns with spare capacity (garbage past `length`, so reads beyond it would show). */
function workColumns(n) {
  /** @type {Record<string, Float64Array>} */
  const cols = {};
  for (const k of [...FIELDS, 'source']) cols[k] = new Float64Array(n).fill(-12345.678);
  return cols;
}

function setRow(cols, i, row) {
  for (const k of FIELDS) cols[k][i] = row[k];
  cols.source[i] = (row.high + row.low) / 2;
}

function finalRow(s, i) {
  return { time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i] };
}

/** A provisional version of row i (the still-forming live bar); sometimes missing (NaN). */
function provisional(s, i, rnd, gaps) {
  const r = finalRow(s, i);
  const f = 1 + (rnd() - 0.5) * 0.02;
  r.close *= f;
  r.high = Math.max(r.high, r.close) * (1 + rnd() * 0.003);
  r.low = Math.min(r.low, r.close) * (1 - rnd() * 0.003);
  r.volume = Math.round(r.volume * rnd());
  if (gaps && rnd() < 0.15) r[rnd() < 0.5 ? 'close' : 'high'] = NaN;
  return r;
}

function views(cols, length) {
  /** @type {Record<string, Float64Array>} */
  const out = {};
  for (const [k, v] of Object.entries(cols)) if (v && typeof v === 'object') out[k] = v.subarray(0, length);
  return out;
}

function compareOutputs(type, stream, cols, length, params, where) {
  const batch = INDICATORS[type].compute(views(cols, length), params);
  assert.equal(stream.length, length, `${where}: length`);
  for (const o of INDICATORS[type].outputs) {
    const got = stream.column(o);
    const want = batch[o];
    for (let i = 0; i < length; i++) {
      if (!Object.is(got[i], want[i])) assert.fail(`${type}.${o}[${i}] ${where}: stream ${got[i]}, batch ${want[i]}`);
    }
    const view = stream.view(o);
    assert.equal(view.length, length);
  }
}

/** The pyramid's answer must pick the values a plain scan (same comparisons) finds. */
function comparePyramids(type, stream, length, rnd, where) {
  const pair = new Uint32Array(2);
  for (const o of INDICATORS[type].outputs) {
    const values = stream.column(o);
    const pyramid = stream.pyramid(o);
    const ranges = [[0, length], [Math.max(0, length - 40), length], [Math.max(0, length - 300), length + 5]];
    for (let r = 0; r < 4; r++) {
      const a = Math.floor(rnd() * length);
      ranges.push([a, a + 1 + Math.floor(rnd() * (length - a))]);
    }
    // Whole pyramid blocks (16, 64, 256 rows) near the end, where revisions and write-backs land.
    for (let r = 0; r < 6; r++) {
      const x = length - 1 - Math.floor(rnd() * Math.min(length, 400));
      for (const size of [16, 64, 256]) {
        const a = Math.floor(x / size) * size;
        ranges.push([a, a + size], [a, a + 2 * size]);
      }
    }
    for (const [a, b] of ranges) {
      let lo = Infinity, hi = -Infinity, loI = NO_INDEX, hiI = NO_INDEX;
      for (let i = a; i < Math.min(b, length); i++) {
        const v = values[i];
        if (v < lo) { lo = v; loI = i; }
        if (v > hi) { hi = v; hiI = i; }
      }
      pyramid.rangeMinMax(a, b, pair);
      const label = `${type}.${o} pyramid [${a}, ${b}) ${where}`;
      assert.equal(pair[0] === NO_INDEX, loI === NO_INDEX, `${label}: min index ${pair[0]} vs ${loI}`);
      assert.equal(pair[1] === NO_INDEX, hiI === NO_INDEX, `${label}: max index ${pair[1]} vs ${hiI}`);
      if (loI !== NO_INDEX) assert.equal(values[pair[0]], lo, `${label}: min`);
      if (hiI !== NO_INDEX) assert.equal(values[pair[1]], hi, `${label}: max`);
    }
  }
}

/**
 * @param {string} type
 * @param {object} params
 * @param {{ n?: number, seed?: number, gaps?: boolean, k0?: number, stepAll?: boolean }} [options]
 */
function run(type, params, { n = 1200, seed = 1, gaps = false, k0: start, stepAll = false } = {}) {
  const s = makeSeries(n, { seed, flats: gaps });
  const rnd = mulberry32(seed * 7919 + type.length);
  const cols = workColumns(n);
  // The finished history: missing bars here stay missing.
  if (gaps) {
    for (const k of ['close', 'high', 'volume']) s[k] = Float64Array.from(s[k]);
    for (let i = 0; i < n; i++) if (rnd() < 0.02) s[['close', 'high', 'volume'][i % 3]][i] = i % 2 ? NaN : Infinity;
  }
  const k0 = start ?? Math.floor(rnd() * Math.min(200, n));
  for (let i = 0; i < k0; i++) setRow(cols, i, finalRow(s, i));
  if (k0 > 0 && rnd() < 0.5) setRow(cols, k0 - 1, provisional(s, k0 - 1, rnd, gaps));
  const stream = new IndicatorStream(type, params);
  stream.reset(cols, k0, { stepAll });
  const eager = rnd() < 0.5;
  if (eager) for (const o of stream.outputNames) stream.pyramid(o);
  compareOutputs(type, stream, cols, k0, params, `after reset(${k0})`);
  let length = k0;
  let step = 0;
  while (length < n) {
    step++;
    const updatedLast = length > 0 && rnd() < 0.6;
    if (updatedLast) {
      const i = length - 1;
      setRow(cols, i, rnd() < 0.4 ? finalRow(s, i) : provisional(s, i, rnd, gaps));
    }
    const roll = rnd();
    let appended = roll < 0.3 ? 0 : roll < 0.8 ? 1 : 1 + Math.floor(rnd() * 60);
    appended = Math.min(appended, n - length);
    if (appended === 0 && !updatedLast) appended = 1;
    for (let i = length; i < length + appended; i++) {
      // Rows already complete are final; the newest is sometimes still forming.
      setRow(cols, i, i === length + appended - 1 && rnd() < 0.5 ? provisional(s, i, rnd, gaps) : finalRow(s, i));
    }
    length += appended;
    const first = stream.sync(cols, length, appended, updatedLast);
    const earliest = updatedLast ? length - appended - 1 : length - appended;
    const lag = stream.outputOffsets.chikou ?? 0;
    assert.ok(first <= earliest, `sync returned ${first}, rows from ${earliest} changed`);
    if (lag === 0) assert.equal(first, earliest);
    if (step % 7 === 0 || length === n) compareOutputs(type, stream, cols, length, params, `after step ${step} (length ${length})`);
    if (step % 3 === 0) comparePyramids(type, stream, length, rnd, `after step ${step}`);
  }
  // Settle the live bar on its final values.
  setRow(cols, n - 1, finalRow(s, n - 1));
  stream.sync(cols, n, 0, true);
  compareOutputs(type, stream, cols, n, params, 'at the end');
  comparePyramids(type, stream, n, rnd, 'at the end');
}

const PARAMS = {
  sma: [{ period: 7 }], ema: [{ period: 1 }], kama: [{ period: 6 }], bbands: [{ period: 3, nbDevUp: 1, nbDevDn: 3 }],
  macd: [{ fast: 26, slow: 5, signal: 1 }], stoch: [{ fastK: 1, slowK: 2, slowD: 4 }], sar: [{ acceleration: 0.3, maximum: 0.2 }],
  vwap: [{ session: 4 * 3600_000, offset: 1800_000 }, { session: 0 }], donchian: [{ period: 1 }],
  ichimoku: [{ tenkan: 3, kijun: 5, senkouB: 8, displacement: 4 }, { displacement: 0 }, { displacement: 1 }, { displacement: 300 }],
};

describe('IndicatorStream equals the batch function while the data grows', () => {
  for (const type of Object.keys(INDICATORS)) {
    test(`${type} (defaults)`, () => run(type, {}, { seed: 3 }));
    test(`${type} (defaults, missing bars, flat stretches)`, () => run(type, {}, { seed: 4, gaps: true }));
    for (const p of PARAMS[type] ?? []) {
      test(`${type} ${JSON.stringify(p)}`, () => run(type, p, { seed: 5 }));
      test(`${type} ${JSON.stringify(p)}, missing bars`, () => run(type, p, { seed: 6, gaps: true }));
    }
  }
  // reset takes the batch outputs and steps only the last window for these (long enough series).
  for (const [type, p] of /** @type {Array<[string, object]>} */ ([['donchian', {}], ['willr', {}], ['cci', {}], ['aroon', {}], ['roc', {}], ['mom', {}], ['ichimoku', {}], ['ichimoku', { tenkan: 3, kijun: 5, senkouB: 8, displacement: 4 }]])) {
    for (const stepAll of [false, true]) {
      const how = stepAll ? 'stepping every row' : 'batch + last window';
      test(`${type} ${JSON.stringify(p)}: reset on 700 rows, ${how}`, () => run(type, p, { k0: 700, seed: 12, stepAll }));
      test(`${type} ${JSON.stringify(p)}: reset on 700 rows, ${how}, missing bars`, () => run(type, p, { k0: 700, seed: 13, gaps: true, stepAll }));
    }
  }
  test('ichimoku: many seeds, short series, missing bars (chikou write-backs)', () => {
    for (let seed = 10; seed < 40; seed++) run('ichimoku', { tenkan: 2, kijun: 3, senkouB: 5, displacement: 1 + (seed % 9) }, { n: 150, seed, gaps: true });
  });
});

describe('IndicatorStream API', () => {
  test('a missing input column throws the batch function\'s IndicatorError', () => {
    const s = makeSeries(50, { seed: 9 });
    const noVolume = { time: s.time, open: s.open, high: s.high, low: s.low, close: s.close };
    for (const [type, cols] of /** @type {Array<[string, Record<string, Float64Array>]>} */ ([['mfi', noVolume], ['obv', noVolume], ['atr', { close: s.close }], ['sma', { high: s.high }], ['vwap', { ...noVolume, time: undefined, volume: s.volume }]])) {
      let batchError;
      try { INDICATORS[type].compute(cols); } catch (e) { batchError = e; }
      assert.ok(batchError instanceof IndicatorError && batchError.code === 'missing-input', `${type}: batch throws`);
      const stream = new IndicatorStream(type);
      const same = (e) => e instanceof IndicatorError && e.code === 'missing-input' && e.input === batchError.input && e.message === batchError.message;
      assert.throws(() => stream.reset(cols, 50), same);
      // sync too, and the stream is left as it was.
      const full = { ...s, source: s.close };
      stream.reset(full, 40);
      assert.throws(() => stream.sync(cols, 50, 10, false), same);
      assert.equal(stream.length, 40);
      stream.sync(full, 50, 10, false);
      compareOutputs(type, stream, full, 50, {}, 'after a rejected sync');
    }
  });

  test('a column shorter than length throws length-mismatch', () => {
    const s = makeSeries(20, { seed: 9 });
    assert.throws(() => new IndicatorStream('ema').reset({ close: s.close }, 21), (e) => e instanceof IndicatorError && e.code === 'length-mismatch');
  });

  test('params are resolved; unknown types and params throw', () => {
    const stream = new IndicatorStream('MACD', { fast: '5' });
    assert.equal(stream.type, 'macd');
    assert.deepEqual(stream.params, { fast: 5, slow: 26, signal: 9 });
    assert.deepEqual(stream.outputNames, ['macd', 'signal', 'histogram']);
    assert.throws(() => new IndicatorStream('nope'), (/** @type {IndicatorError} */ e) => e.code === 'unknown-indicator');
    assert.throws(() => new IndicatorStream('ema', { length: 3 }), (/** @type {IndicatorError} */ e) => e.code === 'unknown-param');
    assert.throws(() => stream.column('value'), RangeError);
    assert.equal(new IndicatorStream('ichimoku').outputOffsets.chikou, -26);
    assert.equal(new IndicatorStream('ichimoku', { displacement: 0 }).outputOffsets.chikou, 0);
  });

  test('columns grow by doubling and change identity; views and outputs cover [0, length)', () => {
    const s = makeSeries(5000, { seed: 2 });
    const stream = new IndicatorStream('ema', { period: 5 });
    stream.reset(s, 0);
    const first = stream.column('value');
    assert.equal(first.length, 1024);
    stream.sync(s, 1024, 1024, false);
    assert.equal(stream.column('value'), first);
    stream.sync(s, 1025, 1, false);
    const grown = stream.column('value');
    assert.notEqual(grown, first);
    assert.equal(grown.length, 2048);
    assert.equal(stream.outputs.value.length, 1025);
    assert.equal(stream.view('value').buffer, grown.buffer);
    stream.reset(s, 4000);
    assert.equal(stream.column('value').length, 5000); // 25 % headroom
  });

  test('sync falls back to reset when the stream does not cover length − appended rows', () => {
    const s = makeSeries(300, { seed: 8 });
    const stream = new IndicatorStream('rsi');
    stream.reset(s, 100);
    const pyramid = stream.pyramid('value');
    assert.equal(stream.sync(s, 300, 150, false), 0);
    compareOutputs('rsi', stream, s, 300, {}, 'after the fallback');
    assert.notEqual(stream.pyramid('value'), pyramid);
    assert.equal(stream.pyramid('value').size, 300);
  });

  test('sync returns the first changed row (chikou: the row its value belongs to)', () => {
    const s = makeSeries(200, { seed: 11 });
    const ichimoku = new IndicatorStream('ichimoku', { displacement: 10 });
    ichimoku.reset(s, 100);
    assert.equal(ichimoku.sync(s, 101, 1, false), 90);
    assert.equal(ichimoku.sync(s, 101, 0, true), 90);
    const ema = new IndicatorStream('ema');
    ema.reset(s, 100);
    assert.equal(ema.sync(s, 103, 3, true), 99);
    assert.equal(ema.sync(s, 103, 0, false), 103);
  });
});

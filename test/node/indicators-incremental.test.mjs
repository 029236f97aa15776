// Streaming API: appending bars one by one, and revising the last bar several
// times, must reproduce the full recomputation (to 1e-12 relative; in practice
// the values are bit-identical).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATORS, createIncremental, IndicatorError } from '../../build/node/indicators/index.js';
import { makeSeries } from './indicator-reference/data.mjs';

const REL = 1e-12;

function bars(s) {
  return Array.from({ length: s.n }, (_, i) => ({
    open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i], time: s.time[i],
  }));
}

function check(type, params, s, withGaps) {
  const def = INDICATORS[type];
  const list = bars(s);
  const cols = { open: s.open, high: s.high, low: s.low, close: s.close, volume: s.volume, time: s.time };
  const batch = def.compute(cols, params);
  const inc = createIncremental(type, params);
  // Streaming offsets count non-missing bars (missing bars are skipped in both forms).
  const inputs = def.inputs.map((n) => (n === 'source' ? 'close' : n));
  const valid = [];
  list.forEach((bar, i) => {
    const ok = inputs.every((k) => Number.isFinite(bar[k]));
    // A provisional bar first, then revisions, then the final value.
    inc.push({ ...bar, close: bar.close * 1.003, high: bar.high * 1.01, volume: bar.volume + 7 });
    inc.updateLast({ ...bar, low: bar.low * 0.995 });
    if (withGaps && i % 97 === 5) inc.updateLast({ ...bar, close: NaN });
    const r = inc.updateLast(bar);
    if (ok) valid.push(i);
    for (const o of def.outputs) {
      let j = i;
      const off = inc.outputOffsets[o];
      if (off !== 0) {
        if (!ok) continue;
        const k = valid.length - 1 + off;
        if (k < 0) continue;
        j = valid[k];
      }
      const a = batch[o][j];
      const b = r[o];
      if (Number.isNaN(a) || Number.isNaN(b)) {
        assert.ok(Number.isNaN(a) && Number.isNaN(b), `${type}.${o}[${j}]: batch ${a}, streaming ${b}`);
        continue;
      }
      assert.ok(Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b)), `${type}.${o}[${j}]: batch ${a}, streaming ${b}`);
    }
  });
}

const PARAMS = {
  sma: [{ period: 7 }], ema: [{ period: 1 }], wma: [{ period: 5 }], dema: [{ period: 4 }], tema: [{ period: 3 }], kama: [{ period: 1 }, { period: 6 }],
  bbands: [{ period: 3, nbDevUp: 1, nbDevDn: 3 }], rsi: [{ period: 2 }], macd: [{ fast: 26, slow: 5, signal: 1 }], stoch: [{ fastK: 1, slowK: 2, slowD: 4 }],
  atr: [{ period: 1 }], natr: [{ period: 2 }], adx: [{ period: 2 }], cci: [{ period: 3 }], willr: [{ period: 2 }], mfi: [{ period: 2 }],
  sar: [{ acceleration: 0.3, maximum: 0.2 }], roc: [{ period: 1 }], mom: [{ period: 2 }], stddev: [{ period: 2, nbDev: 3 }], trix: [{ period: 2 }],
  aroon: [{ period: 3 }], adosc: [{ fast: 10, slow: 3 }], ultosc: [{ period1: 3, period2: 1, period3: 2 }], vwap: [{ session: 4 * 3600_000, offset: 1800_000 }, { session: 0 }],
  keltner: [{ period: 2, multiplier: 1, atrPeriod: 5 }], donchian: [{ period: 1 }], ichimoku: [{ tenkan: 3, kijun: 5, senkouB: 8, displacement: 4 }, { displacement: 0 }],
};

describe('streaming equals full recomputation', () => {
  const plain = makeSeries(3000, { seed: 31 });
  const gappy = makeSeries(3000, { seed: 32, flats: true });
  for (const k of ['close', 'high', 'volume']) gappy[k] = Float64Array.from(gappy[k]);
  gappy.close[100] = NaN;
  gappy.high[777] = NaN;
  gappy.volume[1500] = Infinity;
  for (const type of Object.keys(INDICATORS)) {
    test(`${type} (defaults)`, () => check(type, {}, plain, false));
    test(`${type} (defaults, flat stretches, missing bars)`, () => check(type, {}, gappy, true));
    for (const p of PARAMS[type] ?? []) test(`${type} ${JSON.stringify(p)}`, () => check(type, p, plain, false));
  }
});

describe('streaming API', () => {
  test('metadata and errors', () => {
    const inc = createIncremental('MACD', { fast: '5' });
    assert.equal(inc.type, 'macd');
    assert.deepEqual(inc.outputs, ['macd', 'signal', 'histogram']);
    assert.deepEqual(inc.params, { fast: 5, slow: 26, signal: 9 });
    assert.equal(inc.lookback, 33);
    assert.throws(() => inc.updateLast({ close: 1 }), (e) => e instanceof IndicatorError && e.code === 'no-bar');
    assert.throws(() => inc.push({ open: 1 }), (e) => e instanceof IndicatorError && e.code === 'missing-input');
    assert.throws(() => createIncremental('nope'), (/** @type {IndicatorError} */ e) => e.code === 'unknown-indicator');
    assert.equal(createIncremental('ichimoku').outputOffsets.chikou, -26);
    // 'source' wins over close when given.
    const src = createIncremental('sma', { period: 1 });
    assert.equal(src.push({ close: 1, source: 5 }).value, 5);
  });

  test('a bar rejected for a missing field leaves the state untouched', () => {
    const a = createIncremental('ema', { period: 3 });
    const b = createIncremental('ema', { period: 3 });
    for (const v of [1, 2, 3, 4]) {
      a.push({ close: v });
      assert.throws(() => a.push({}));
      b.push({ close: v });
    }
    assert.deepEqual(a.push({ close: 9 }), b.push({ close: 9 }));
  });
});

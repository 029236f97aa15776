// Registry metadata, parameter validation, missing inputs and the missing-bar (NaN) policy.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as I from '../../build/node/indicators/index.js';
import { makeSeries } from './indicator-reference/data.mjs';
import { assertClose } from './indicator-reference/compare.mjs';

const { INDICATORS, IndicatorError, resolveIndicatorParams, getIndicator } = I;
const s = makeSeries(1500, { seed: 21 });
const { n: _n, ...cols } = s;

function throwsCode(fn, code, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof IndicatorError, `expected IndicatorError, got ${e}`);
    assert.equal(e.code, code);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

describe('registry', () => {
  test('has the 29 TA-Lib indicators and the 4 extras', () => {
    const expected = ['sma', 'ema', 'wma', 'dema', 'tema', 'kama', 'bbands', 'rsi', 'macd', 'stoch', 'atr', 'natr', 'obv', 'adx', 'cci', 'willr',
      'mfi', 'sar', 'roc', 'mom', 'stddev', 'trix', 'aroon', 'ad', 'adosc', 'ultosc', 'vwap', 'keltner', 'donchian', 'ichimoku'];
    assert.deepEqual(Object.keys(INDICATORS).sort(), [...expected].sort());
  });

  test('definitions are consistent', () => {
    for (const [type, def] of Object.entries(INDICATORS)) {
      assert.equal(def.type, type);
      assert.ok(def.title.length > 2);
      assert.ok(def.outputs.length >= 1);
      assert.equal(typeof def.overlay, 'boolean');
      for (const [name, p] of Object.entries(def.params)) {
        assert.ok(p.default >= p.min && (p.max === undefined || p.default <= p.max), `${type}.${name} default in range`);
      }
      const out = def.compute(cols);
      assert.deepEqual(Object.keys(out).sort(), [...def.outputs].sort(), `${type} outputs`);
      for (const o of def.outputs) {
        assert.ok(out[o] instanceof Float64Array);
        assert.equal(out[o].length, s.n, `${type}.${o} aligned to the input`);
      }
    }
    assert.equal(INDICATORS.sma.overlay, true);
    assert.equal(INDICATORS.rsi.overlay, false);
    assert.deepEqual(INDICATORS.bbands.outputs, ['upper', 'middle', 'lower']);
    assert.deepEqual(INDICATORS.macd.outputs, ['macd', 'signal', 'histogram']);
  });

  test('TA-Lib default parameters', () => {
    const d = (t) => Object.fromEntries(Object.entries(INDICATORS[t].params).map(([k, v]) => [k, v.default]));
    assert.deepEqual(d('sma'), { period: 30 });
    assert.deepEqual(d('bbands'), { period: 5, nbDevUp: 2, nbDevDn: 2 });
    assert.deepEqual(d('macd'), { fast: 12, slow: 26, signal: 9 });
    assert.deepEqual(d('stoch'), { fastK: 5, slowK: 3, slowD: 3 });
    assert.deepEqual(d('sar'), { acceleration: 0.02, maximum: 0.2 });
    assert.deepEqual(d('adosc'), { fast: 3, slow: 10 });
    assert.deepEqual(d('ultosc'), { period1: 7, period2: 14, period3: 28 });
    assert.deepEqual(d('keltner'), { period: 20, multiplier: 2, atrPeriod: 10 });
    assert.deepEqual(d('ichimoku'), { tenkan: 9, kijun: 26, senkouB: 52, displacement: 26 });
  });

  test('compute equals the direct function; source defaults to close', () => {
    assertClose(INDICATORS.rsi.compute(cols, { period: 9 }).value, I.rsi(s.close, 9), 0, 'rsi');
    const src = s.open;
    assertClose(INDICATORS.ema.compute({ ...cols, source: src }, {}).value, I.ema(src, 30), 0, 'ema(source)');
    const m = INDICATORS.macd.compute({ close: s.close });
    assertClose(m.signal, I.macd(s.close).signal, 0, 'macd.signal');
  });

  test('type lookup is case-insensitive; params accept numeric strings (HTML attributes)', () => {
    assert.equal(getIndicator('RSI').type, 'rsi');
    assert.deepEqual(resolveIndicatorParams('bbands', { period: '20', nbDevUp: ' 2.5 ' }), { period: 20, nbDevUp: 2.5, nbDevDn: 2 });
  });
});

describe('parameter errors', () => {
  test('unknown type lists the valid ones', () => {
    throwsCode(() => resolveIndicatorParams('rsx', {}), 'unknown-indicator', /Unknown indicator type "rsx"\. Valid types: ad, adosc, adx, aroon/);
    throwsCode(() => INDICATORS.sma.compute(cols, { perod: 3 }), 'unknown-param', /unknown parameter "perod"\. Valid parameters: period/);
    throwsCode(() => resolveIndicatorParams('obv', { period: 3 }), 'unknown-param', /obv takes no parameters/);
  });
  test('period ≤ 0, non-integer, NaN, non-numeric, out of range', () => {
    throwsCode(() => resolveIndicatorParams('sma', { period: 0 }), 'out-of-range', /sma: parameter "period" must be an integer from 1 to 100000, got 0/);
    throwsCode(() => resolveIndicatorParams('rsi', { period: -5 }), 'out-of-range', /rsi: parameter "period"/);
    throwsCode(() => resolveIndicatorParams('rsi', { period: 1 }), 'out-of-range', /from 2 to 100000, got 1/);
    throwsCode(() => resolveIndicatorParams('rsi', { period: 2.5 }), 'not-integer', /not an integer/);
    throwsCode(() => resolveIndicatorParams('ema', { period: NaN }), 'invalid-param', /"period" is NaN/);
    throwsCode(() => resolveIndicatorParams('ema', { period: 'abc' }), 'invalid-param', /must be a number, got "abc"/);
    throwsCode(() => resolveIndicatorParams('ema', { period: '' }), 'invalid-param');
    throwsCode(() => resolveIndicatorParams('ema', { period: Infinity }), 'invalid-param');
    throwsCode(() => resolveIndicatorParams('sma', { period: 100001 }), 'out-of-range');
    throwsCode(() => resolveIndicatorParams('bbands', { nbDevUp: -1 }), 'out-of-range', /"nbDevUp" must be a number from 0 to 100/);
    const e = (() => { try { resolveIndicatorParams('macd', { slow: 0 }); } catch (err) { return err; } })();
    assert.equal(e.param, 'slow');
  });
  test('direct functions validate too', () => {
    throwsCode(() => I.sma([1, 2, 3], 0), 'out-of-range', /sma: parameter "period"/);
    throwsCode(() => I.rsi([1, 2, 3], 2.5), 'not-integer');
    throwsCode(() => I.bbands([1, 2, 3], 5, NaN), 'invalid-param');
    throwsCode(() => I.sar([1], [1], -0.1), 'out-of-range');
    throwsCode(() => I.macd([1, 2], 12, 26, 0), 'out-of-range');
  });
});

describe('missing input columns', () => {
  test('named in the error', () => {
    throwsCode(() => INDICATORS.rsi.compute({ open: s.open }), 'missing-input', /rsi requires a "source" column \(or "close"\); columns given: open/);
    throwsCode(() => INDICATORS.mfi.compute({ high: s.high, low: s.low, close: s.close }), 'missing-input', /mfi requires a "volume" column/);
    throwsCode(() => INDICATORS.vwap.compute({ ...cols, time: undefined }), 'missing-input', /"time"/);
    throwsCode(() => INDICATORS.stoch.compute({}), 'missing-input', /columns given: none/);
    const e = (() => { try { INDICATORS.obv.compute({ close: s.close }); } catch (err) { return err; } })();
    assert.equal(e.input, 'volume');
  });
  test('columns of different lengths', () => {
    throwsCode(() => I.atr([1, 2, 3], [1, 2], [1, 2, 3]), 'length-mismatch');
  });
});

describe('missing bars (NaN / ±Infinity) are skipped', () => {
  const bad = [3, 150, 151, 152, 700, 1499];
  const holes = { ...cols };
  for (const k of ['open', 'high', 'low', 'close', 'volume', 'time']) holes[k] = Float64Array.from(s[k]);
  holes.close[3] = NaN;
  holes.high[150] = NaN;
  holes.low[151] = Infinity;
  holes.volume[152] = NaN; // only matters to volume indicators
  holes.close[700] = -Infinity;
  holes.close[1499] = NaN;
  for (const [type, def] of Object.entries(INDICATORS)) {
    test(`${type}: NaN at the missing bars, others as if they were removed`, () => {
      const out = def.compute(holes);
      const inputs = I.resolveIndicatorInputs(type, holes);
      const keep = [];
      for (let i = 0; i < s.n; i++) if (inputs.every((c) => Number.isFinite(c[i]))) keep.push(i);
      const compact = Object.fromEntries(Object.entries(holes).map(([k, c]) => [k, Float64Array.from(keep, (i) => c[i])]));
      const ref = def.compute(compact);
      for (const o of def.outputs) {
        const expected = new Float64Array(s.n).fill(NaN);
        keep.forEach((i, k) => (expected[i] = ref[o][k]));
        assertClose(out[o], expected, 0, `${type}.${o}`);
      }
      for (const i of bad) if (!keep.includes(i)) for (const o of def.outputs) assert.ok(Number.isNaN(out[o][i]));
    });
  }
  test('degenerate inputs never throw: empty, one bar, all NaN, shorter than the warm-up', () => {
    for (const def of Object.values(INDICATORS)) {
      for (const n of [0, 1, 2, 5]) {
        const c = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.slice(0, n)]));
        const out = def.compute(c);
        for (const o of def.outputs) assert.equal(out[o].length, n);
      }
      const allNaN = Object.fromEntries(Object.entries(cols).map(([k]) => [k, new Float64Array(50).fill(NaN)]));
      const out = def.compute(allNaN);
      for (const o of def.outputs) assert.ok(out[o].every((v) => Number.isNaN(v)));
    }
  });
  test('plain arrays and Float32Array inputs work like Float64Array', () => {
    const arr = Array.from(s.close);
    assertClose(I.ema(arr, 10), I.ema(s.close, 10), 0, 'array');
    const f32 = Float32Array.from(s.close);
    assertClose(I.sma(f32, 10), I.sma(Float64Array.from(f32), 10), 0, 'f32');
  });
});

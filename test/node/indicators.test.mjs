// Correctness of the 29+4 indicators against independent reference loops
// (indicator-reference/reference.mjs) on long deterministic series, exact
// warm-up lengths, TA-Lib's known traps and small hand-computed examples.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as I from '../../build/node/indicators/index.js';
import * as R from './indicator-reference/reference.mjs';
import { makeSeries } from './indicator-reference/data.mjs';
import { assertClose, leadingNaN } from './indicator-reference/compare.mjs';

const REL = 1e-9;

/** [label, ours(series), reference(series)] — multi-output results are objects of columns. */
/** @returns {Array<[string, () => any, () => any]>} */
function cases(s) {
  const { high: H, low: L, close: C, volume: V, time: T } = s;
  return [
    ['sma(30)', () => I.sma(C), () => R.refSma(C, 30)],
    ['sma(7)', () => I.sma(C, 7), () => R.refSma(C, 7)],
    ['ema(30)', () => I.ema(C), () => R.refEma(C, 30)],
    ['ema(10)', () => I.ema(C, 10), () => R.refEma(C, 10)],
    ['wma(30)', () => I.wma(C), () => R.refWma(C, 30)],
    ['wma(9)', () => I.wma(C, 9), () => R.refWma(C, 9)],
    ['dema(30)', () => I.dema(C), () => R.refDema(C, 30)],
    ['dema(8)', () => I.dema(C, 8), () => R.refDema(C, 8)],
    ['tema(30)', () => I.tema(C), () => R.refTema(C, 30)],
    ['tema(6)', () => I.tema(C, 6), () => R.refTema(C, 6)],
    ['kama(30)', () => I.kama(C), () => R.refKama(C, 30)],
    ['kama(10)', () => I.kama(C, 10), () => R.refKama(C, 10)],
    ['bbands(5,2,2)', () => I.bbands(C), () => R.refBbands(C, 5, 2, 2)],
    ['bbands(20,2.5,1.5)', () => I.bbands(C, 20, 2.5, 1.5), () => R.refBbands(C, 20, 2.5, 1.5)],
    ['rsi(14)', () => I.rsi(C), () => R.refRsi(C, 14)],
    ['rsi(5)', () => I.rsi(C, 5), () => R.refRsi(C, 5)],
    ['macd(12,26,9)', () => I.macd(C), () => R.refMacd(C, 12, 26, 9)],
    ['macd(35,5,5) swapped', () => I.macd(C, 35, 5, 5), () => R.refMacd(C, 5, 35, 5)],
    ['stoch(5,3,3)', () => I.stoch(H, L, C), () => R.refStoch(H, L, C, 5, 3, 3)],
    ['stoch(14,3,5)', () => I.stoch(H, L, C, 14, 3, 5), () => R.refStoch(H, L, C, 14, 3, 5)],
    ['atr(14)', () => I.atr(H, L, C), () => R.refAtr(H, L, C, 14)],
    ['atr(1)', () => I.atr(H, L, C, 1), () => R.refAtr(H, L, C, 1)],
    ['natr(14)', () => I.natr(H, L, C), () => R.refNatr(H, L, C, 14)],
    ['obv', () => I.obv(C, V), () => R.refObv(C, V)],
    ['adx(14)', () => I.adx(H, L, C), () => R.refAdx(H, L, C, 14)],
    ['adx(5)', () => I.adx(H, L, C, 5), () => R.refAdx(H, L, C, 5)],
    ['cci(14)', () => I.cci(H, L, C), () => R.refCci(H, L, C, 14)],
    ['cci(20)', () => I.cci(H, L, C, 20), () => R.refCci(H, L, C, 20)],
    ['willr(14)', () => I.willr(H, L, C), () => R.refWillr(H, L, C, 14)],
    ['mfi(14)', () => I.mfi(H, L, C, V), () => R.refMfi(H, L, C, V, 14)],
    ['mfi(5)', () => I.mfi(H, L, C, V, 5), () => R.refMfi(H, L, C, V, 5)],
    ['sar(0.02,0.2)', () => I.sar(H, L), () => R.refSar(H, L, 0.02, 0.2)],
    ['sar(0.01,0.1)', () => I.sar(H, L, 0.01, 0.1), () => R.refSar(H, L, 0.01, 0.1)],
    ['roc(10)', () => I.roc(C), () => R.refRoc(C, 10)],
    ['mom(10)', () => I.mom(C), () => R.refMom(C, 10)],
    ['stddev(5,1)', () => I.stddev(C), () => R.refStddev(C, 5, 1)],
    ['stddev(20,2)', () => I.stddev(C, 20, 2), () => R.refStddev(C, 20, 2)],
    ['trix(30)', () => I.trix(C), () => R.refTrix(C, 30)],
    ['trix(5)', () => I.trix(C, 5), () => R.refTrix(C, 5)],
    ['aroon(14)', () => I.aroon(H, L), () => R.refAroon(H, L, 14)],
    ['aroon(25)', () => I.aroon(H, L, 25), () => R.refAroon(H, L, 25)],
    ['ad', () => I.ad(H, L, C, V), () => R.refAd(H, L, C, V)],
    ['adosc(3,10)', () => I.adosc(H, L, C, V), () => R.refAdosc(H, L, C, V, 3, 10)],
    ['adosc(10,3)', () => I.adosc(H, L, C, V, 10, 3), () => R.refAdosc(H, L, C, V, 10, 3)],
    ['ultosc(7,14,28)', () => I.ultosc(H, L, C), () => R.refUltosc(H, L, C, 7, 14, 28)],
    ['ultosc(28,5,10)', () => I.ultosc(H, L, C, 28, 5, 10), () => R.refUltosc(H, L, C, 28, 5, 10)],
    ['vwap(day)', () => I.vwap(H, L, C, V, T), () => R.refVwap(H, L, C, V, T)],
    ['vwap(4h,+1h)', () => I.vwap(H, L, C, V, T, 4 * 3600_000, 3600_000), () => R.refVwap(H, L, C, V, T, 4 * 3600_000, 3600_000)],
    ['vwap(anchored)', () => I.vwap(H, L, C, V, T, 0), () => R.refVwap(H, L, C, V, T, 0)],
    ['keltner(20,2,10)', () => I.keltner(H, L, C), () => R.refKeltner(H, L, C, 20, 2, 10)],
    ['keltner(5,1.5,20)', () => I.keltner(H, L, C, 5, 1.5, 20), () => R.refKeltner(H, L, C, 5, 1.5, 20)],
    ['donchian(20)', () => I.donchian(H, L), () => R.refDonchian(H, L, 20)],
    ['ichimoku(9,26,52,26)', () => I.ichimoku(H, L, C), () => R.refIchimoku(H, L, C, 9, 26, 52, 26)],
    ['ichimoku(7,22,44,22)', () => I.ichimoku(H, L, C, 7, 22, 44, 22), () => R.refIchimoku(H, L, C, 7, 22, 44, 22)],
  ];
}

const SERIES = {
  'random walk, 6000 bars': makeSeries(6000, { seed: 1 }),
  'high price level (~60000), 5000 bars': makeSeries(5000, { seed: 2, start: 60000, vol: 0.004, tick: 0.5 }),
  'tiny prices (~1e-5), unrounded, 5000 bars': makeSeries(5000, { seed: 3, start: 0.00002, vol: 0.02, tick: 0 }),
  'with flat stretches and zero volume, 8000 bars': makeSeries(8000, { seed: 4, flats: true }),
};

for (const [name, s] of Object.entries(SERIES)) {
  describe(`matches the reference implementations: ${name}`, () => {
    for (const [label, ours, ref] of cases(s)) {
      test(label, () => {
        const a = ours();
        const e = ref();
        if (a instanceof Float64Array) return assertClose(a, e, REL, label);
        assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${label}: outputs`);
        for (const k of Object.keys(e)) assertClose(a[k], e[k], REL, `${label}.${k}`);
      });
    }
  });
}

describe('warm-up: exact number of leading NaN equals the lookback', () => {
  const s = makeSeries(2000, { seed: 5 });
  const cols = { ...s };
  const paramSets = {
    sma: [{}, { period: 1 }, { period: 13 }], ema: [{}, { period: 1 }, { period: 7 }], wma: [{}, { period: 2 }],
    dema: [{}, { period: 1 }, { period: 9 }], tema: [{}, { period: 4 }], kama: [{}, { period: 1 }, { period: 10 }],
    bbands: [{}, { period: 20 }], rsi: [{}, { period: 2 }], macd: [{}, { fast: 3, slow: 40, signal: 1 }, { fast: 40, slow: 3, signal: 4 }],
    stoch: [{}, { fastK: 1, slowK: 1, slowD: 1 }, { fastK: 14, slowK: 5, slowD: 2 }], atr: [{}, { period: 1 }], natr: [{}, { period: 3 }],
    obv: [{}], adx: [{}, { period: 2 }], cci: [{}, { period: 2 }], willr: [{}], mfi: [{}, { period: 3 }], sar: [{}], roc: [{}, { period: 1 }],
    mom: [{}, { period: 3 }], stddev: [{}, { period: 2 }], trix: [{}, { period: 1 }, { period: 3 }], aroon: [{}, { period: 2 }], ad: [{}],
    adosc: [{}, { fast: 12, slow: 2 }], ultosc: [{}, { period1: 1, period2: 2, period3: 3 }], vwap: [{}], keltner: [{}, { period: 3, atrPeriod: 30 }],
    donchian: [{}, { period: 1 }], ichimoku: [{}, { tenkan: 5, kijun: 10, senkouB: 20, displacement: 0 }],
  };
  test('every registry indicator has a warm-up case', () => {
    assert.deepEqual(Object.keys(paramSets).sort(), Object.keys(I.INDICATORS).sort());
  });
  for (const [type, sets] of Object.entries(paramSets)) {
    for (const params of sets) {
      test(`${type} ${JSON.stringify(params)}`, () => {
        const def = I.INDICATORS[type];
        const out = def.compute(cols, params);
        const lbs = def.lookbacks(params);
        for (const o of def.outputs) {
          assert.equal(leadingNaN(out[o]), lbs[o], `${type}.${o} leading NaN`);
          // No NaN after the warm-up (VWAP: unless the session has had no volume; chikou: trailing).
          const tail = o === 'chikou' ? params.displacement ?? 26 : 0;
          for (let i = lbs[o]; i < s.n - tail; i++) {
            if (type === 'vwap' && out[o][i] !== out[o][i]) continue;
            assert.ok(out[o][i] === out[o][i], `${type}.${o}[${i}] is NaN after the warm-up`);
          }
        }
        assert.equal(def.lookback(params), Math.max(...Object.values(lbs)));
      });
    }
  }
  test('direct lookback functions agree with TA-Lib formulas', () => {
    assert.equal(I.smaLookback(30), 29);
    assert.equal(I.emaLookback(), 29);
    assert.equal(I.demaLookback(30), 58);
    assert.equal(I.temaLookback(30), 87);
    assert.equal(I.kamaLookback(30), 30);
    assert.equal(I.trixLookback(30), 88);
    assert.equal(I.rsiLookback(14), 14);
    assert.equal(I.macdLookback(12, 26, 9), 33);
    assert.equal(I.stochLookback(5, 3, 3), 8);
    assert.equal(I.atrLookback(14), 14);
    assert.equal(I.adxLookback(14), 27);
    assert.equal(I.cciLookback(14), 13);
    assert.equal(I.mfiLookback(14), 14);
    assert.equal(I.sarLookback(), 1);
    assert.equal(I.aroonLookback(14), 14);
    assert.equal(I.adoscLookback(3, 10), 9);
    assert.equal(I.ultoscLookback(7, 14, 28), 28);
    assert.equal(I.bbandsLookback(5), 4);
    assert.equal(I.ichimokuLookback(), 77);
  });
});

describe('known traps', () => {
  test('EMA is seeded with the SMA of the first `period` values, not the first value', () => {
    const x = [2, 4, 6, 8, 4];
    // seed (2+4+6)/3 = 4; then (8-4)/2+4 = 6; (4-6)/2+6 = 5
    assert.deepEqual(Array.from(I.ema(x, 3)), [NaN, NaN, 4, 6, 5]);
  });

  test('RSI: Wilder smoothing with a mean-of-changes seed', () => {
    // changes +1 +1 −1: seed gain 1 loss 0 → 100; then gain (1·1+0)/2, loss (0·1+1)/2 → 50
    assert.deepEqual(Array.from(I.rsi([1, 2, 3, 2], 2)), [NaN, NaN, 100, 50]);
    // Wilder (α = 1/14) vs an EMA-style α = 2/15 must differ measurably.
    const s = makeSeries(300, { seed: 9 });
    const wilder = I.rsi(s.close, 14);
    const ref = R.refRsi(s.close, 14);
    assertClose(wilder, ref, 1e-12, 'rsi');
  });

  test('RSI with no movement outputs 0 (TA-Lib), not 50 or NaN', () => {
    assert.deepEqual(Array.from(I.rsi([5, 5, 5, 5, 5, 5], 3)), [NaN, NaN, NaN, 0, 0, 0]);
    // Only gains → 100; only losses → 0.
    assert.equal(I.rsi([1, 2, 3, 4, 5], 3)[4], 100);
    assert.equal(I.rsi([5, 4, 3, 2, 1], 3)[4], 0);
  });

  test('MACD: fast EMA seeded so that it aligns with the slow EMA, signal seeded by SMA of MACD', () => {
    const s = makeSeries(400, { seed: 10 });
    const x = s.close;
    const m = I.macd(x, 12, 26, 9);
    assert.equal(leadingNaN(m.macd), 33);
    assert.equal(leadingNaN(m.signal), 33);
    assert.equal(leadingNaN(m.histogram), 33);
    // The fast EMA's SMA seed is over bars 14..25, not 0..11.
    const slow = R.refEma(x, 26);
    const alignedFast = R.refEma(x, 12, 14);
    const naiveFast = R.refEma(x, 12, 0);
    const line = (fast) => Array.from(x, (_, i) => fast[i] - slow[i]);
    const aligned = line(alignedFast);
    assert.ok(Math.abs(m.macd[33] - aligned[33]) < 1e-12);
    assert.ok(Math.abs(m.macd[33] - line(naiveFast)[33]) > 1e-9, 'naive seeding would give another value');
    // Signal at bar 33 is the plain mean of macd[25..33].
    let sum = 0;
    for (let i = 25; i <= 33; i++) sum += aligned[i];
    assert.ok(Math.abs(m.signal[33] - sum / 9) < 1e-12);
  });

  test('BBANDS use the population standard deviation', () => {
    const b = I.bbands([1, 2, 3, 4, 5], 5, 2, 2);
    // mean 3, population variance 2 (sample variance would be 2.5)
    assert.equal(b.middle[4], 3);
    assert.ok(Math.abs(b.upper[4] - (3 + 2 * Math.SQRT2)) < 1e-15);
    assert.ok(Math.abs(b.lower[4] - (3 - 2 * Math.SQRT2)) < 1e-15);
    assert.ok(Math.abs(I.stddev([1, 2, 3, 4, 5], 5)[4] - Math.SQRT2) < 1e-15);
  });

  test('STDDEV / BBANDS keep full precision at high price levels and give exactly 0 on flat windows', () => {
    const x = [60000.5, 60001, 60000, 60000.5, 60001.5, 60000, 60000, 60000, 60000, 60000, 60000.25];
    const sd = I.stddev(x, 5);
    const ref = R.refStddev(x, 5);
    assertClose(sd, ref, 1e-12, 'stddev');
    assert.equal(sd[9], 0);
    const b = I.bbands([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 3);
    assert.equal(b.upper[5] - b.lower[5], 0);
  });

  test('OBV starts at the first volume, not 0', () => {
    assert.deepEqual(Array.from(I.obv([10, 11, 10, 10, 12], [100, 200, 300, 400, 500])), [100, 300, 0, 0, 500]);
  });

  test('ADOSC seeds both EMAs with the first A/D value (not an SMA)', () => {
    const s = makeSeries(200, { seed: 11 });
    const ours = I.adosc(s.high, s.low, s.close, s.volume);
    assertClose(ours, R.refAdosc(s.high, s.low, s.close, s.volume, 3, 10), REL, 'adosc');
    // An SMA-seeded EMA pair (TA_EMA style) would give different values for a long time.
    const adl = R.refAd(s.high, s.low, s.close, s.volume);
    const smaSeeded = R.refEma(adl, 3, 7).map((f, i) => f - R.refEma(adl, 10)[i]);
    assert.ok(Math.abs(ours[9] - smaSeeded[9]) > 1e-6);
    assert.equal(leadingNaN(ours), 9);
  });

  test('ADX lookback is 2·period − 1', () => {
    const s = makeSeries(100, { seed: 12 });
    assert.equal(leadingNaN(I.adx(s.high, s.low, s.close, 14)), 27);
  });

  test('SAR: initial direction from the first two bars, first SAR = first bar extreme', () => {
    // bar1 vs bar0: up-move 1 > down-move −1 → long; SAR[1] = low[0] = 9
    const sarUp = I.sar([10, 11, 12], [9, 10, 11]);
    assert.ok(Number.isNaN(sarUp[0]));
    assert.equal(sarUp[1], 9);
    assert.ok(Math.abs(sarUp[2] - 9.04) < 1e-15); // 9 + 0.02·(11 − 9)
    // A larger down-move → short, SAR[1] = high[0]
    const sarDown = I.sar([10, 9.5, 9], [9, 8, 7]);
    assert.equal(sarDown[1], 10);
  });

  test('STOCH / WILLR with a zero range output 0 (TA-Lib)', () => {
    const h = [5, 5, 5, 5, 5, 5, 5, 5, 5];
    const st = I.stoch(h, h, h);
    assert.equal(st.k[8], 0);
    assert.equal(st.d[8], 0);
    assert.equal(I.willr(h, h, h, 3)[8], 0);
  });

  test('CCI of a flat window is exactly 0', () => {
    const x = Array(20).fill(100.1);
    assert.deepEqual(Array.from(I.cci(x, x, x, 5)).slice(4), Array(16).fill(0));
  });
});

describe('small hand-computed examples', () => {
  test('SMA / WMA / MOM / ROC', () => {
    assert.deepEqual(Array.from(I.sma([1, 2, 3, 4, 5], 3)), [NaN, NaN, 2, 3, 4]);
    assert.ok(Math.abs(I.wma([1, 2, 3], 3)[2] - 14 / 6) < 1e-15);
    assert.deepEqual(Array.from(I.mom([1, 4, 9, 16], 2)), [NaN, NaN, 8, 12]);
    const r = I.roc([100, 110, 121, 0, 5], 1);
    assert.ok(Number.isNaN(r[0]));
    assert.ok(Math.abs(r[1] - 10) < 1e-12 && Math.abs(r[2] - 10) < 1e-12);
    assert.equal(r[3], -100);
    assert.equal(r[4], 0); // previous value 0: TA-Lib outputs 0 instead of dividing by zero
  });

  test('ATR / NATR', () => {
    const h = [10, 12, 11];
    const l = [8, 9, 9];
    const c = [9, 11, 10];
    // TR1 = max(3, |9−12|, |9−9|) = 3; TR2 = max(2, 0, 2) = 2; ATR(2)[2] = 2.5
    assert.deepEqual(Array.from(I.atr(h, l, c, 2)), [NaN, NaN, 2.5]);
    assert.deepEqual(Array.from(I.natr(h, l, c, 2)), [NaN, NaN, 25]);
  });

  test('AD money flow', () => {
    // ((9.5−8) − (10−9.5)) / 2 · 100 = 50; zero-range bar adds nothing
    assert.deepEqual(Array.from(I.ad([10, 7], [8, 7], [9.5, 7], [100, 50])), [50, 50]);
  });

  test('WILLR / AROON / Donchian', () => {
    assert.equal(I.willr([3, 4, 5], [1, 2, 3], [2, 3, 4], 3)[2], -25);
    // highs [1,3,3,2]: highest = 3, most recent at index 2 → 1 bar ago → up = 100/3·(3−1)
    const ar = I.aroon([1, 3, 3, 2], [0, 1, 1, 0.5], 3);
    assert.ok(Math.abs(ar.up[3] - 200 / 3) < 1e-12);
    // lowest low 0 at index 0, 3 bars ago (the window holds period + 1 = 4 bars) → 0
    assert.equal(ar.down[3], 0);
    const dc = I.donchian([1, 3, 2, 5], [0, 2, 1, 4], 3);
    assert.deepEqual([dc.upper[3], dc.middle[3], dc.lower[3]], [5, 3, 1]);
  });

  test('VWAP resets at each session', () => {
    const day = 86_400_000;
    const t = [0, 3600_000, day, day + 60_000];
    const v = I.vwap([2, 4, 10, 20], [2, 4, 10, 20], [2, 4, 10, 20], [1, 3, 0, 5], t);
    // session 1: (2·1 + 4·3)/4 = 3.5; session 2 starts with zero volume → NaN, then 20
    assert.deepEqual(Array.from(v), [2, 3.5, NaN, 20]);
    // A custom session function: every bar its own session
    assert.deepEqual(Array.from(I.vwap([1, 2], [1, 2], [1, 2], [1, 1], [0, 1], (ms) => ms)), [1, 2]);
  });

  test('Ichimoku shifts', () => {
    const n = 100;
    const h = Array.from({ length: n }, (_, i) => i + 1);
    const l = Array.from({ length: n }, (_, i) => i);
    const c = Array.from({ length: n }, (_, i) => i + 0.5);
    const r = I.ichimoku(h, l, c);
    // tenkan at 8: (9 + 0)/2; senkouA at 8+26 uses bar 8's tenkan/kijun
    assert.equal(r.tenkan[8], 4.5);
    assert.equal(r.chikou[0], c[26]);
    assert.ok(Number.isNaN(r.chikou[n - 26]));
    assert.equal(r.senkouA[51], (r.tenkan[25] + r.kijun[25]) / 2);
    assert.equal(r.senkouB[77], (52 + 0) / 2);
    const proj = I.ichimokuProjection(h, l);
    assert.equal(proj.senkouA.length, 26);
    assert.equal(proj.senkouA[0], (r.tenkan[n - 26] + r.kijun[n - 26]) / 2);
    // the last projected senkouB comes from the last bar: (max high[48..99] + min low[48..99]) / 2
    assert.equal(proj.senkouB[25], (100 + 48) / 2);
  });
});

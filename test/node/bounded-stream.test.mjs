// Bounded streaming (issue 16): a SeriesStore with maxPoints / windowMs is a ring buffer. After
// every append of a long random stream (chunks of random sizes, some longer than the bound, some
// revising the last row), the store must hold exactly the newest rows, and its min/max pyramids,
// prefix sums and the indicators streamed over it must answer exactly like structures rebuilt
// from scratch over the same rows; and its memory must stay flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeriesStore } from '../../build/node/data/series-store.js';
import { MinMaxPyramid, NO_INDEX } from '../../build/node/data/lod/minmax-pyramid.js';
import { PrefixSum } from '../../build/node/data/lod/prefix-sum.js';
import { IndicatorStream } from '../../build/node/indicators/indicator-stream.js';
import { INDICATORS } from '../../build/node/indicators/index.js';
import { mulberry32 } from './indicator-reference/data.mjs';

/** A deterministic random walk (with a few NaN gaps) from row `from` on. */
function rows(from, n, rnd, gaps = true) {
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = (from + i) * 1000;
    value[i] = gaps && rnd() < 0.01 ? NaN : Math.sin((from + i) / 50) * 10 + rnd() * 3;
    volume[i] = Math.round(rnd() * 1000);
  }
  return { time, columns: { value, volume } };
}

/** Checks the store against the reference rows [lo, hi) of the full history. */
function checkAgainstScratch(store, all, lo, hi, rnd, label) {
  assert.equal(store.length, hi - lo, `${label}: length`);
  assert.deepEqual(Array.from(store.time.subarray(0, 3)), Array.from(all.time.subarray(lo, Math.min(lo + 3, hi))), `${label}: first times`);
  assert.equal(store.lastTime(), all.time[hi - 1], `${label}: last time`);
  const value = store.column('value');
  for (let i = 0; i < value.length; i += 97) assert.ok(Object.is(value[i], all.value[lo + i]), `${label}: value ${i}`);
  const fresh = new MinMaxPyramid(all.value.slice(lo, hi));
  const freshSums = new PrefixSum(all.volume.slice(lo, hi));
  const pyramid = store.pyramid('value');
  const sums = store.prefixSum('volume');
  const a = new Uint32Array(2);
  const b = new Uint32Array(2);
  for (let q = 0; q < 40; q++) {
    const s = Math.floor(rnd() * store.length);
    const e = s + 1 + Math.floor(rnd() * (store.length - s));
    pyramid.rangeMinMax(s, e, a);
    fresh.rangeMinMax(s, e, b);
    assert.deepEqual(Array.from(a), Array.from(b), `${label}: rangeMinMax(${s}, ${e})`);
    if (a[0] !== NO_INDEX) assert.ok(a[0] >= 0 && a[0] < store.length);
    assert.equal(sums.count(s, e), freshSums.count(s, e), `${label}: count(${s}, ${e})`);
    const got = sums.sum(s, e);
    const want = freshSums.sum(s, e);
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${label}: sum(${s}, ${e}) ${got} vs ${want}`);
  }
}

test('maxPoints: the newest rows only, pyramids and prefix sums exact against a rebuild, after every append of a long stream', () => {
  const rnd = mulberry32(7);
  const MAX = 5000;
  const total = 60_000;
  const all = { time: new Float64Array(total + 1), value: new Float64Array(total + 1), volume: new Float64Array(total + 1) };
  const first = rows(0, 3000, rnd);
  all.time.set(first.time);
  all.value.set(first.columns.value);
  all.volume.set(first.columns.volume);
  const store = new SeriesStore(first, { maxPoints: MAX, windowMs: null });
  store.pyramid('value'); // built early: from then on maintained incrementally
  store.prefixSum('volume');
  let n = 3000;
  let droppedSeen = 0;
  for (let step = 0; n < total; step++) {
    // Mostly small chunks; sometimes one longer than the bound; sometimes the last row revised.
    const size = step % 37 === 36 ? MAX + 1234 : 1 + Math.floor(rnd() * 700);
    const count = Math.min(size, total - n);
    const revise = step % 5 === 0;
    const chunk = rows(n, count, rnd);
    let data = chunk;
    if (revise) {
      const v = rnd() * 10;
      const t = Float64Array.of(all.time[n - 1], ...chunk.time);
      data = { time: t, columns: { value: Float64Array.of(v, ...chunk.columns.value), volume: Float64Array.of(7, ...chunk.columns.volume) } };
      all.value[n - 1] = v;
      all.volume[n - 1] = 7;
    }
    all.time.set(chunk.time, n);
    all.value.set(chunk.columns.value, n);
    all.volume.set(chunk.columns.volume, n);
    const before = store.length;
    const result = store.append(data);
    n += count;
    const lo = Math.max(0, n - MAX);
    assert.equal(result.updatedLast, revise);
    assert.equal(before + result.appended - result.dropped, store.length, 'length = before + appended − dropped');
    droppedSeen += result.dropped;
    if (step % 3 === 0 || count > MAX) checkAgainstScratch(store, all, lo, n, rnd, `step ${step} (n ${n})`);
  }
  assert.ok(droppedSeen > total - MAX - 6000, `rows dropped ${droppedSeen}`);
});

test('maxPoints: memory stays flat over a stream 200× the bound; data set larger than the bound keeps its newest rows', () => {
  const rnd = mulberry32(3);
  const MAX = 2000;
  const store = new SeriesStore(rows(0, 100, rnd), { maxPoints: MAX, windowMs: null });
  store.pyramid('value');
  let n = 100;
  const sizes = [];
  for (let i = 0; i < 4000; i++) {
    store.append(rows(n, 100, rnd));
    n += 100;
    store.pyramid('value'); // a frame queries it (rebuilt lazily after a compaction)
    if (i >= 100) sizes.push(store.byteLength);
  }
  assert.equal(store.length, MAX);
  assert.equal(Math.max(...sizes), Math.min(...sizes) > 0 ? Math.max(...sizes) : NaN, 'bytes do not move once the ring is full');
  assert.ok(Math.max(...sizes) < 3 * MAX * 8 * 3 + 64 * 1024, `bytes ${Math.max(...sizes)}`);

  const big = rows(0, 50_000, rnd);
  const trimmed = new SeriesStore({ ...big, borrowed: ['time', 'value', 'volume'] }, { maxPoints: 1000, windowMs: null });
  assert.equal(trimmed.length, 1000);
  assert.equal(trimmed.firstTime(), big.time[49_000]);
  assert.notEqual(trimmed.time.buffer, big.time.buffer, 'the kept rows were copied into the store\'s own ring');
  trimmed.append(rows(50_000, 10, rnd));
  assert.equal(big.time[0], 0, 'the caller\'s arrays are never written');
});

test('windowMs: rows older than the window before the newest drop; combined with maxPoints the tighter wins', () => {
  const rnd = mulberry32(5);
  const store = new SeriesStore(rows(0, 1000, rnd), { maxPoints: null, windowMs: 100_000 }); // 100 s: 101 rows
  assert.equal(store.length, 101);
  assert.equal(store.firstTime(), 899_000);
  for (let i = 0; i < 500; i++) store.append(rows(1000 + i * 10, 10, rnd));
  assert.equal(store.length, 101);
  assert.equal(store.lastTime() - store.firstTime(), 100_000);
  assert.equal(store.setBounds({ maxPoints: 50, windowMs: 100_000 }), 51);
  assert.equal(store.length, 50);
  assert.equal(store.setBounds({ maxPoints: null, windowMs: null }), 0);
  assert.equal(store.length, 50, 'lifting the bound keeps what is there');
});

test('indicators over a bounded store: outputs equal the batch function over the whole history (its newest rows), pyramids exact', () => {
  const rnd = mulberry32(11);
  const MAX = 3000;
  const n0 = 1500;
  const total = 30_000;
  const mk = (from, n) => {
    const out = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
    let p = 100 + Math.sin(from / 300) * 5;
    for (let i = 0; i < n; i++) {
      out.time[i] = (from + i) * 60_000;
      const o = p;
      p *= 1 + (rnd() - 0.5) * 0.01;
      out.open[i] = o;
      out.close[i] = p;
      out.high[i] = Math.max(o, p) * (1 + rnd() * 0.002);
      out.low[i] = Math.min(o, p) * (1 - rnd() * 0.002);
      out.volume[i] = Math.round(rnd() * 1e4);
    }
    return out;
  };
  const history = mk(0, total);
  const slice = (from, to) => ({ time: history.time.slice(from, to), columns: Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((k) => [k, history[k].slice(from, to)])) });
  const store = new SeriesStore(slice(0, n0), { maxPoints: MAX, windowMs: null });
  const columnsOf = () => ({ time: store.time, open: store.column('open'), high: store.column('high'), low: store.column('low'), close: store.column('close'), volume: store.column('volume'), source: store.column('close') });
  const types = [['ema', { period: 20 }], ['rsi', { period: 14 }], ['macd', {}], ['stoch', {}], ['ichimoku', {}], ['bbands', { period: 20 }]];
  const streams = types.map(([type, params]) => new IndicatorStream(/** @type {string} */ (type), /** @type {Record<string, number>} */ (params)));
  for (const s of streams) {
    s.reset(columnsOf(), store.length);
    for (const o of s.outputNames) s.pyramid(o);
  }
  let n = n0;
  const a = new Uint32Array(2);
  const b = new Uint32Array(2);
  for (let step = 0; n < total; step++) {
    const count = Math.min(total - n, 1 + Math.floor(rnd() * 400));
    const { appended, updatedLast, dropped } = store.append(slice(n, n + count));
    n += count;
    for (const s of streams) s.sync(columnsOf(), store.length, appended, updatedLast, dropped);
    if (step % 7 !== 0 && n < total) continue;
    const lo = n - store.length;
    const full = Object.fromEntries(['time', 'open', 'high', 'low', 'close', 'volume'].map((k) => [k, history[k].subarray(0, n)]));
    full.source = full.close;
    streams.forEach((s, j) => {
      const batch = INDICATORS[s.type].compute(full, s.params);
      for (const o of s.outputNames) {
        const got = s.view(o);
        const want = batch[o].subarray(lo, n);
        assert.equal(got.length, want.length);
        // Ichimoku's chikou: the last `displacement` rows are NaN in both; rows whose value came
        // from a bar that was stepped before the drop are kept.
        for (let i = 0; i < got.length; i++) {
          if (!(Object.is(got[i], want[i]) || Math.abs(got[i] - want[i]) <= 1e-9 * Math.abs(want[i]))) {
            assert.fail(`${types[j][0]}.${o} row ${i} (of ${got.length}, step ${step}): ${got[i]} vs ${want[i]}`);
          }
        }
        const pyramid = s.pyramid(o);
        const fresh = new MinMaxPyramid(got.slice());
        for (let q = 0; q < 10; q++) {
          const x = Math.floor(rnd() * got.length);
          const y = x + 1 + Math.floor(rnd() * (got.length - x));
          pyramid.rangeMinMax(x, y, a);
          fresh.rangeMinMax(x, y, b);
          const va = a[0] === NO_INDEX ? NaN : got[a[0]];
          const vb = b[0] === NO_INDEX ? NaN : got[b[0]];
          assert.ok(Object.is(va, vb), `${types[j][0]}.${o} pyramid min (${x}, ${y})`);
        }
      }
    });
  }
});

test('zero-copy streaming: appended views continuing the caller\'s arrays extend the store without a copy (bounded: the views move past dropped rows), queries exact', () => {
  const rnd = mulberry32(9);
  const total = 40_000;
  const all = rows(0, total, rnd);
  const view = (lo, hi) => ({ time: all.time.subarray(lo, hi), columns: { value: all.columns.value.subarray(lo, hi), volume: all.columns.volume.subarray(lo, hi) }, borrowed: ['time', 'value', 'volume'] });
  for (const bounds of [{ maxPoints: null, windowMs: null }, { maxPoints: 3000, windowMs: null }]) {
    const store = new SeriesStore(view(0, 2000), bounds);
    store.pyramid('value');
    store.prefixSum('volume');
    let n = 2000;
    while (n < total) {
      const hi = Math.min(total, n + 1 + Math.floor(rnd() * 900));
      store.append(view(n, hi));
      n = hi;
      assert.equal(store.time.buffer, all.time.buffer, 'still a view of the caller\'s array: nothing copied');
      const lo = bounds.maxPoints ? Math.max(0, n - bounds.maxPoints) : 0;
      checkAgainstScratch(store, { time: all.time, value: all.columns.value, volume: all.columns.volume }, lo, n, rnd, `${bounds.maxPoints ?? 'unbounded'} n ${n}`);
      // Views of at most 2 × maxPoints rows (3 columns), their pyramid and prefix sums (20 B a row).
      if (bounds.maxPoints) assert.ok(store.byteLength < 2 * 3000 * (3 * 8 + 20 + 2) + 64 * 1024, `bounded own memory: ${store.byteLength}`);
    }
    // A chunk that does not continue the arrays (a fresh array) is copied as before.
    store.append({ time: Float64Array.of((total + 5) * 1000), columns: { value: Float64Array.of(1), volume: Float64Array.of(2) } });
    assert.notEqual(store.time.buffer, all.time.buffer);
    assert.equal(store.lastTime(), (total + 5) * 1000);
    assert.equal(all.time[total - 1], (total - 1) * 1000, 'the caller\'s array is unchanged');
  }
});

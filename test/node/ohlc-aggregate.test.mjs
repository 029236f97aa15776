import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinMaxPyramid, PrefixSum, OhlcAggregator, visibleRange } from '../../build/node/data/index.js';
import { rng } from './helpers.mjs';

const MINUTE = 60_000;

/**
 * Random minute bars with irregular spacing (occasional multi-hour gaps), runs of whole-row NaN
 * gaps (some longer than a bucket) and a few malformed bars (one price NaN). Integer volumes, so
 * that brute-force sums are exact.
 */
function makeBars(n, seed = 1, { gaps = true } = {}) {
  const random = rng(seed);
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let t = Date.UTC(2020, 0, 1);
  let price = 100;
  for (let i = 0; i < n; i++) {
    t += random() < 0.002 ? MINUTE * Math.floor(1 + random() * 600) : MINUTE;
    time[i] = t;
    const o = price;
    price += random() - 0.5;
    open[i] = o;
    close[i] = price;
    high[i] = Math.max(o, price) + random();
    low[i] = Math.min(o, price) - random();
    volume[i] = Math.floor(random() * 1000);
  }
  if (gaps) {
    for (let g = 0; g < n / 2000; g++) {
      const at = Math.floor(random() * n);
      const len = random() < 0.2 ? Math.floor(random() * 3000) : Math.floor(1 + random() * 20);
      for (let i = at; i < Math.min(n, at + len); i++) open[i] = high[i] = low[i] = close[i] = volume[i] = NaN;
    }
    for (let g = 0; g < n / 5000; g++) {
      const at = Math.floor(random() * n);
      [open, high, low, close][Math.floor(random() * 4)][at] = NaN;
    }
    for (let g = 0; g < n / 500; g++) volume[Math.floor(random() * n)] = NaN;
  }
  return { time, open, high, low, close, volume, length: n };
}

function build(bars, length = bars.length) {
  return {
    highPyramid: new MinMaxPyramid(bars.high, length),
    lowPyramid: new MinMaxPyramid(bars.low, length),
    volumeSums: new PrefixSum(bars.volume, length),
  };
}

function run(aggregator, bars, index, t0, t1, columns, bucketMs, length = bars.length) {
  return aggregator.aggregate(
    bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume, length,
    index.highPyramid, index.lowPyramid, index.volumeSums, t0, t1, columns, bucketMs,
  );
}

const isBar = (b, i) => [b.open[i], b.high[i], b.low[i], b.close[i]].every((v) => !Number.isNaN(v));

/** The candle of bars [a, b) by definition: a plain scan. */
function bruteBucket(bars, a, b, out) {
  let first = -1;
  let last = -1;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let volumes = 0;
  for (let i = a; i < b; i++) {
    if (Number.isFinite(bars.volume[i])) {
      volume += bars.volume[i];
      volumes++;
    }
    if (!isBar(bars, i)) continue;
    if (first < 0) first = i;
    last = i;
    high = Math.max(high, bars.high[i]);
    low = Math.min(low, bars.low[i]);
  }
  if (first < 0) return;
  out.push({ time: bars.time[a], open: bars.open[first], high, low, close: bars.close[last], volume: volumes ? volume : NaN, first, last });
}

function brute(bars, t0, t1, result, length = bars.length) {
  const [start, end] = visibleRange(bars.time, length, t0, t1);
  const out = [];
  if (result.mode === 'raw') {
    for (let i = start; i < end; i++) {
      if (isBar(bars, i)) out.push({ time: bars.time[i], open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i], first: i, last: i });
    }
  } else if (result.bucketMs > 0) {
    const d = result.bucketMs;
    if (start < end) {
      const cell = (t) => Math.floor(t / d);
      let a = start;
      while (a > 0 && cell(bars.time[a - 1]) === cell(bars.time[start])) a--;
      while (a < end) {
        let b = a + 1;
        while (b < length && cell(bars.time[b]) === cell(bars.time[a])) b++;
        bruteBucket(bars, a, b, out);
        a = b;
      }
    }
  } else {
    const k = result.bucketBars;
    for (let a = Math.floor(start / k) * k; a < end; a += k) bruteBucket(bars, a, Math.min(a + k, length), out);
  }
  return out;
}

function candles(result) {
  const out = [];
  for (let i = 0; i < result.count; i++) {
    out.push({
      time: result.time[i], open: result.open[i], high: result.high[i], low: result.low[i], close: result.close[i],
      volume: result.volume[i], first: result.firstIndex[i], last: result.lastIndex[i],
    });
  }
  return out;
}

// --- PrefixSum ---------------------------------------------------------------------------------

test('PrefixSum range sums are correctly rounded (±1 ulp) on 1M values, where float64 prefixes fail', () => {
  const n = 1_000_000;
  const random = rng(42);
  const values = new Float64Array(n);
  const scaled = new Array(n); // exact values × 2^20, as BigInt
  for (let i = 0; i < n; i++) {
    if (random() < 0.001) {
      values[i] = NaN;
      scaled[i] = 0n;
      continue;
    }
    // 52-bit integer mantissas with 20 fraction bits, both signs: totals reach 2^52 and cancel.
    const m = Math.floor(random() * 2 ** 20) * 2 ** 32 + Math.floor(random() * 2 ** 32);
    const signed = random() < 0.3 ? -m : m;
    values[i] = signed / 2 ** 20;
    scaled[i] = BigInt(signed);
  }
  const exact = new Array(n + 1);
  exact[0] = 0n;
  for (let i = 0; i < n; i++) exact[i + 1] = exact[i] + scaled[i];
  const naive = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) naive[i + 1] = naive[i] + (Number.isNaN(values[i]) ? 0 : values[i]);

  const sums = new PrefixSum(values);
  let worstUlps = 0;
  let naiveWorstUlps = 0;
  let exactHits = 0;
  const ranges = 20_000;
  for (let k = 0; k < ranges; k++) {
    let a = Math.floor(random() * (n + 1));
    let b = Math.floor(random() * (n + 1));
    if (k % 4 === 0) b = Math.min(n, a + Math.floor(random() * 50)); // short ranges far from 0
    if (a > b) [a, b] = [b, a];
    const expected = Number(exact[b] - exact[a]) / 2 ** 20; // Number(BigInt) rounds to nearest
    const got = sums.sum(a, b);
    const ulp = expected === 0 ? 2 ** -1074 : 2 ** (Math.floor(Math.log2(Math.abs(expected))) - 52);
    const error = Math.abs(got - expected) / ulp;
    worstUlps = Math.max(worstUlps, error);
    naiveWorstUlps = Math.max(naiveWorstUlps, Math.abs(naive[b] - naive[a] - expected) / ulp);
    if (got === expected) exactHits++;
  }
  assert.ok(worstUlps <= 1, `worst error ${worstUlps} ulp`);
  assert.ok(exactHits > ranges * 0.95, `${exactHits} of ${ranges} exact`);
  // The test would catch a plain float64 prefix sum: it is off by many ulps on short ranges.
  assert.ok(naiveWorstUlps > 1000, `naive worst ${naiveWorstUlps} ulp`);
});

test('PrefixSum counts finite values, treats NaN and ±Infinity as 0, and clamps ranges', () => {
  const values = new Float64Array([1, NaN, 2, Infinity, 3, -Infinity, 4]);
  const sums = new PrefixSum(values);
  assert.equal(sums.sum(0, 7), 10);
  assert.equal(sums.count(0, 7), 4);
  assert.equal(sums.sum(1, 4), 2);
  assert.equal(sums.count(1, 4), 1);
  assert.equal(sums.sum(-5, 100), 10);
  assert.equal(sums.sum(4, 4), 0);
  assert.equal(sums.sum(5, 2), 0);
  assert.equal(sums.count(1, 2), 0);
  assert.equal(new PrefixSum(new Float64Array(0)).sum(0, 10), 0);
});

test('PrefixSum extend and refreshLast equal a rebuild', () => {
  const random = rng(3);
  let buffer = new Float64Array(1000);
  for (let i = 0; i < buffer.length; i++) buffer[i] = random() * 1e6;
  const sums = new PrefixSum(buffer, 10);
  let length = 10;
  while (length < 1000) {
    const next = Math.min(1000, length + Math.floor(random() * 100));
    buffer = buffer.slice(); // a reallocated column, as the store does on growth
    buffer[next - 1] = random() < 0.1 ? NaN : random() * 1e6;
    sums.extend(buffer, next);
    length = next;
    buffer[length - 1] = random() * 1e9; // "update last bar"
    sums.refreshLast(buffer);
    const fresh = new PrefixSum(buffer, length);
    for (let k = 0; k < 50; k++) {
      const a = Math.floor(random() * (length + 1));
      const b = a + Math.floor(random() * (length + 1 - a));
      assert.equal(sums.sum(a, b), fresh.sum(a, b));
      assert.equal(sums.count(a, b), fresh.count(a, b));
    }
  }
  assert.equal(sums.size, 1000);
});

// --- OhlcAggregator ---------------------------------------------------------------------------

const bars200k = makeBars(200_000, 7);
const index200k = build(bars200k);

test('aggregate equals brute force on 200k bars for many windows and widths (index grid)', () => {
  const bars = bars200k;
  const random = rng(11);
  const first = bars.time[0];
  const last = bars.time[bars.length - 1];
  let aggregatedCalls = 0;
  const shared = new OhlcAggregator();
  for (let k = 0; k < 300; k++) {
    const span = (last - first) * Math.pow(10, -4 * random()); // from the whole series to 1/10000 of it
    const t0 = first - span * 0.05 + random() * (last - first + span * 0.1 - span);
    const t1 = t0 + span;
    const columns = 20 + Math.floor(random() * 2000);
    const fresh = new OhlcAggregator();
    const result = run(fresh, bars, index200k, t0, t1, columns);
    // Without history, k is the smallest power of two ≥ bars per candle at 3 px.
    const ideal = (result.visibleBars * 3) / columns;
    const expectedK = ideal > 1 ? 2 ** Math.ceil(Math.log2(ideal)) : 1;
    assert.equal(result.bucketBars, expectedK);
    assert.equal(result.mode, expectedK === 1 ? 'raw' : 'aggregated');
    if (result.mode === 'aggregated') aggregatedCalls++;
    assert.deepEqual(candles(result), brute(bars, t0, t1, result), `window ${k}`);
    // Bounded work: about one candle per minBarPx pixels.
    assert.ok(result.count <= Math.ceil(columns / 3) + 3, `${result.count} candles for ${columns} columns`);
    // A shared aggregator (with hysteresis) is exact too, whatever k it keeps.
    const kept = run(shared, bars, index200k, t0, t1, columns);
    assert.deepEqual(candles(kept), brute(bars, t0, t1, kept));
    assert.ok(kept.bucketBars === 1 || kept.bucketBars >= ideal / 1.25, 'candles at most 25 % below minBarPx');
  }
  assert.ok(aggregatedCalls > 200);
});

test('aggregate on a time grid (bucketMs) equals brute force', () => {
  const bars = bars200k;
  const random = rng(12);
  const first = bars.time[0];
  const last = bars.time[bars.length - 1];
  for (let k = 0; k < 100; k++) {
    const span = (last - first) * Math.pow(10, -3 * random());
    const t0 = first + random() * (last - first - span);
    const t1 = t0 + span;
    const columns = 100 + Math.floor(random() * 1500);
    const result = run(new OhlcAggregator(), bars, index200k, t0, t1, columns, MINUTE);
    if (result.mode === 'raw') continue;
    assert.ok(result.bucketMs >= (3 * span) / columns && result.bucketMs < (6 * span) / columns + MINUTE);
    assert.equal(Math.log2(result.bucketMs / MINUTE) % 1, 0, 'bucketMs × 2^j');
    assert.deepEqual(candles(result), brute(bars, t0, t1, result), `window ${k}`);
    for (let i = 1; i < result.count; i++) {
      assert.ok(Math.floor(result.time[i] / result.bucketMs) > Math.floor(result.time[i - 1] / result.bucketMs));
    }
  }
});

test('raw mode when bars are at least minBarPx wide', () => {
  const bars = bars200k;
  const t0 = bars.time[5000];
  const t1 = bars.time[5099]; // 100 bars
  const result = run(new OhlcAggregator(), bars, index200k, t0, t1, 400);
  assert.equal(result.mode, 'raw');
  assert.equal(result.bucketBars, 1);
  assert.equal(result.visibleBars, 100);
  const expected = brute(bars, t0, t1, result);
  assert.deepEqual(candles(result), expected);
  // Neighbours on both sides are included, like M4.
  assert.ok(result.firstIndex[0] === 4999 || !isBar(bars, 4999));
  assert.ok(result.lastIndex[result.count - 1] === 5100 || !isBar(bars, 5100));
  // Narrower: 100 bars on 200 columns at 3 px → aggregated.
  assert.equal(run(new OhlcAggregator(), bars, index200k, t0, t1, 200).mode, 'aggregated');
  // A custom minBarPx.
  assert.equal(run(new OhlcAggregator({ minBarPx: 1 }), bars, index200k, t0, t1, 200).mode, 'raw');
});

test('panning keeps bucket boundaries: candles do not swim', () => {
  // Regular bars, zoom chosen so that bars per candle sits right at a power of two (4.0), where the
  // count of bars in the window flips between 1333 and 1334 while panning.
  const bars = makeBars(100_000, 5, { gaps: false });
  for (let i = 0; i < bars.length; i++) bars.time[i] = i * MINUTE;
  const index = build(bars);
  const aggregator = new OhlcAggregator();
  const columns = 1000;
  const span = 1333.4 * MINUTE;
  let previous = null;
  let k = 0;
  for (let step = 0; step < 400; step++) {
    const t0 = 20_000 * MINUTE + step * 0.37 * MINUTE; // sub-bar pan steps
    const result = run(aggregator, bars, index, t0, t0 + span, columns);
    k ||= result.bucketBars;
    assert.equal(result.bucketBars, k, 'hysteresis keeps k while panning');
    const current = candles(result);
    for (const candle of current) assert.equal(candle.first % k, 0, 'buckets start on multiples of k');
    if (previous) {
      const byTime = new Map(previous.map((c) => [c.time, c]));
      let shared = 0;
      for (const candle of current) {
        const before = byTime.get(candle.time);
        if (!before) continue;
        shared++;
        assert.deepEqual(candle, before);
      }
      assert.ok(shared >= current.length - 2, 'all but the edge candles are the same');
    }
    previous = current;
  }
  // Without hysteresis, the same pan would flip between k = 4 and k = 8.
  const ks = new Set();
  for (let step = 0; step < 400; step++) {
    const t0 = 20_000 * MINUTE + step * 0.37 * MINUTE;
    ks.add(run(new OhlcAggregator(), bars, index, t0, t0 + span, columns).bucketBars);
  }
  assert.deepEqual([...ks].sort(), [4, 8]);
});

test('zooming changes k and hysteresis lets it follow', () => {
  const bars = bars200k;
  const aggregator = new OhlcAggregator();
  const t0 = bars.time[0];
  const ks = [];
  for (let bars_ = 500; bars_ <= 150_000; bars_ = Math.round(bars_ * 1.1)) {
    const result = run(aggregator, bars, index200k, t0, bars.time[bars_], 1000);
    const ideal = (result.visibleBars * 3) / 1000;
    assert.ok(result.bucketBars >= ideal / 1.25 && result.bucketBars <= Math.max(1.25, ideal * 2.5), `k ${result.bucketBars} for ideal ${ideal}`);
    ks.push(result.bucketBars);
  }
  for (let i = 1; i < ks.length; i++) assert.ok(ks[i] >= ks[i - 1], 'zooming out never makes buckets smaller');
  assert.equal(ks[0], 2);
  assert.ok(ks[ks.length - 1] >= 256);
});

test('NaN bars are skipped and buckets without a complete bar are omitted', () => {
  const n = 4096;
  const bars = makeBars(n, 9, { gaps: false });
  for (let i = 0; i < n; i++) bars.time[i] = i * MINUTE;
  // A gap over whole buckets (k = 16 below): [100, 700).
  for (let i = 100; i < 700; i++) bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = NaN;
  // Bucket [992, 1008): first and last bars are gaps, an extreme sits on a malformed bar.
  for (const i of [992, 993, 1007]) bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = NaN;
  bars.high[1000] = 1e6;
  bars.open[1000] = NaN;
  const index = build(bars);
  const result = run(new OhlcAggregator(), bars, index, 0, (n - 1) * MINUTE, Math.ceil((n * 3) / 16));
  assert.equal(result.bucketBars, 16);
  const all = candles(result);
  assert.deepEqual(all, brute(bars, 0, (n - 1) * MINUTE, result));
  assert.equal(all.length, n / 16 - (688 - 112) / 16, 'gap buckets omitted (the two partial ones stay)');
  const bucket = all.find((c) => c.time === 992 * MINUTE);
  assert.equal(bucket.first, 994);
  assert.equal(bucket.last, 1006);
  assert.equal(bucket.open, bars.open[994]);
  assert.equal(bucket.close, bars.close[1006]);
  assert.ok(bucket.high < 1e6, 'the malformed bar does not count');
  for (const c of all) assert.ok(c.first >= 700 || c.last < 100);
  // Everything NaN: nothing to draw.
  const empty = makeBars(1000, 2, { gaps: false });
  empty.open.fill(NaN);
  empty.high.fill(NaN);
  empty.low.fill(NaN);
  empty.close.fill(NaN);
  assert.equal(run(new OhlcAggregator(), empty, build(empty), empty.time[0], empty.time[999], 50).count, 0);
});

test('appending (extend, refreshLast) gives the same candles as a rebuild', () => {
  const full = makeBars(200_000, 21);
  const random = rng(4);
  let length = 120_000;
  const index = build(full, length);
  while (length < full.length) {
    length = Math.min(full.length, length + 1 + Math.floor(random() * 9000));
    index.highPyramid.extend(full.high, length);
    index.lowPyramid.extend(full.low, length);
    index.volumeSums.extend(full.volume, length);
    // Update the last bar in place, as a live feed does.
    full.high[length - 1] = (full.high[length - 1] || 100) + 50;
    full.volume[length - 1] = 12345;
    index.highPyramid.refreshLast(full.high);
    index.volumeSums.refreshLast(full.volume);
    const fresh = build(full, length);
    const t1 = full.time[length - 1];
    for (const [span, columns] of [[1e9, 800], [3e7, 1200], [3e6, 500]]) {
      const a = run(new OhlcAggregator(), full, index, t1 - span, t1, columns, undefined, length);
      const b = run(new OhlcAggregator(), full, fresh, t1 - span, t1, columns, undefined, length);
      const expected = candles(b);
      assert.deepEqual(candles(a), expected);
      assert.deepEqual(expected, brute(full, t1 - span, t1, b, length));
    }
  }
});

test('cost of one aggregate() at 1M bars / 1000 columns', () => {
  const bars = makeBars(1_000_000, 8);
  const index = build(bars);
  const aggregator = new OhlcAggregator();
  const first = bars.time[0];
  const last = bars.time[bars.length - 1];
  const windows = [];
  for (let k = 0; k < 200; k++) {
    const shift = (k / 200) * (last - first) * 0.01;
    windows.push([first + shift, last + shift]);
  }
  for (const [t0, t1] of windows) run(aggregator, bars, index, t0, t1, 1000); // warm-up
  const started = performance.now();
  let candlesDrawn = 0;
  for (const [t0, t1] of windows) candlesDrawn += run(aggregator, bars, index, t0, t1, 1000).count;
  const perCall = (performance.now() - started) / windows.length;
  const r = run(aggregator, bars, index, first, last, 1000);
  console.log(`# aggregate 1M bars → ${r.count} candles (k=${r.bucketBars}): ${(perCall * 1000).toFixed(0)} µs per call (${candlesDrawn / windows.length} candles)`);
  assert.ok(perCall < 20, `${perCall} ms per call`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinMaxPyramid, NO_INDEX, EXTENT_BLOCK } from '../../build/node/data/lod/minmax-pyramid.js';
import { M4Decimator, GAP, visibleRange, SeriesStore } from '../../build/node/data/index.js';
import { lowerBound, upperBound, nearestIndex } from '../../build/node/data/lod/search.js';

/** A random walk from a seeded PRNG (mulberry32, exact in 32-bit integer arithmetic). */
function noisy(n, seed = 1) {
  const values = new Float64Array(n);
  let a = seed >>> 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    v += ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
    values[i] = v;
  }
  return values;
}

function bruteMinMax(values, a, b) {
  let lo = NO_INDEX;
  let hi = NO_INDEX;
  for (let i = a; i < b; i++) {
    if (Number.isNaN(values[i])) continue;
    if (lo === NO_INDEX || values[i] < values[lo]) lo = i;
    if (hi === NO_INDEX || values[i] > values[hi]) hi = i;
  }
  return [lo, hi];
}

test('pyramid range min/max equals a brute-force scan for random ranges', () => {
  const values = noisy(100_000);
  const pyramid = new MinMaxPyramid(values);
  const out = new Uint32Array(2);
  let s = 7;
  for (let k = 0; k < 2000; k++) {
    s = (s * 16807) % 2147483647;
    const a = s % values.length;
    s = (s * 16807) % 2147483647;
    const b = a + (s % (values.length - a)) + 1;
    pyramid.rangeMinMax(a, b, out);
    const [lo, hi] = bruteMinMax(values, a, b);
    assert.equal(values[out[0]], values[lo], `min of [${a}, ${b})`);
    assert.equal(values[out[1]], values[hi], `max of [${a}, ${b})`);
  }
});

test('pyramid ignores NaN and reports all-NaN ranges', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i >= 100 && i < 400 ? NaN : i % 17));
  const pyramid = new MinMaxPyramid(values);
  const out = new Uint32Array(2);
  pyramid.rangeMinMax(100, 400, out);
  assert.deepEqual([...out], [NO_INDEX, NO_INDEX]);
  pyramid.rangeMinMax(90, 410, out);
  assert.deepEqual([...out].map((i) => values[i]), [0, 16]);
});

test('pyramid extends on append and refreshes an updated last value', () => {
  const all = noisy(50_000, 3);
  const buffer = new Float64Array(all.length);
  buffer.set(all.subarray(0, 1000));
  const pyramid = new MinMaxPyramid(buffer, 1000);
  for (let n = 1000; n < all.length; n += 777) {
    const next = Math.min(all.length, n + 777);
    buffer.set(all.subarray(n, next), n);
    pyramid.extend(buffer, next);
  }
  const out = new Uint32Array(2);
  pyramid.rangeMinMax(0, all.length, out);
  const [lo, hi] = bruteMinMax(all, 0, all.length);
  assert.equal(out[0], lo);
  assert.equal(out[1], hi);
  buffer[all.length - 1] = 1e9;
  pyramid.refreshLast(buffer);
  pyramid.rangeMinMax(0, all.length, out);
  assert.equal(out[1], all.length - 1, 'updated last value becomes the max');
});

test('binary searches', () => {
  const time = Float64Array.from([0, 10, 10, 20, 30]);
  assert.equal(lowerBound(time, 5, 10), 1);
  assert.equal(upperBound(time, 5, 10), 3);
  assert.equal(lowerBound(time, 5, 31), 5);
  assert.equal(nearestIndex(time, 5, 24), 3);
  assert.equal(nearestIndex(time, 5, 26), 4);
  assert.equal(nearestIndex(time, 0, 26), -1);
  assert.deepEqual(visibleRange(time, 5, 12, 25), [2, 5]);
});

test('M4 keeps first, min, max and last of every pixel column', () => {
  const n = 100_000;
  const values = noisy(n, 5);
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const pyramid = new MinMaxPyramid(values);
  const m4 = new M4Decimator();
  const columns = 200;
  const result = m4.decimate(time, values, n, pyramid, 0, n - 1, columns);
  assert.equal(result.mode, 'm4');
  assert.equal(result.visiblePoints, n);
  assert.ok(result.count <= columns * 4 + 2, `at most 4 per column, got ${result.count}`);
  const kept = new Set(result.indices.subarray(0, result.count));
  const span = n - 1;
  for (let c = 0; c < columns; c++) {
    const a = lowerBound(time, n, (c * span) / columns);
    const b = c === columns - 1 ? n : lowerBound(time, n, ((c + 1) * span) / columns);
    const [lo, hi] = bruteMinMax(values, a, b);
    for (const index of [a, b - 1]) assert.ok(kept.has(index), `column ${c} keeps ${index}`);
    assert.ok([...kept].some((i) => i >= a && i < b && values[i] === values[lo]), `column ${c} keeps its min`);
    assert.ok([...kept].some((i) => i >= a && i < b && values[i] === values[hi]), `column ${c} keeps its max`);
  }
  const list = [...result.indices.subarray(0, result.count)];
  assert.deepEqual(list, [...list].sort((x, y) => x - y), 'indices ascending');
});

test('M4 returns raw points when a column holds 4 or fewer', () => {
  const time = Float64Array.from({ length: 300 }, (_, i) => i);
  const values = noisy(300);
  const result = new M4Decimator().decimate(time, values, 300, new MinMaxPyramid(values), 100, 200, 100);
  assert.equal(result.mode, 'raw');
  assert.deepEqual([...result.indices.subarray(0, result.count)], Array.from({ length: 103 }, (_, i) => 99 + i));
});

test('M4 marks gaps for NaN runs and all-NaN columns', () => {
  const n = 10_000;
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const values = Float64Array.from({ length: n }, (_, i) => (i >= 4000 && i < 6000 ? NaN : Math.sin(i)));
  const result = new M4Decimator().decimate(time, values, n, new MinMaxPyramid(values), 0, n - 1, 100);
  const list = [...result.indices.subarray(0, result.count)];
  const gapAt = list.indexOf(GAP);
  assert.ok(gapAt > 0, 'a gap');
  assert.ok(list[gapAt - 1] < 4000 && list[gapAt + 1] >= 6000, 'gap between the finite runs');
  const raw = new M4Decimator().decimate(time, values, n, new MinMaxPyramid(values), 3990, 4010, 100);
  assert.equal(raw.mode, 'raw');
  assert.ok([...raw.indices.subarray(0, raw.count)].includes(GAP));
});

test('M4 cost grows with the width, not with N', () => {
  const cost = (n) => {
    const time = Float64Array.from({ length: n }, (_, i) => i);
    const values = noisy(n);
    const pyramid = new MinMaxPyramid(values);
    const m4 = new M4Decimator();
    let count = 0;
    for (let k = 0; k < 5; k++) count += m4.decimate(time, values, n, pyramid, n * 0.1, n * 0.9, 1000).count;
    return count / 5;
  };
  // Same number of output points for 100k and 2M inputs: work per frame is bounded by the width.
  const small = cost(100_000);
  const large = cost(2_000_000);
  assert.ok(large <= 4002 && small <= 4002, `${small} / ${large}`);
});

test('a coarse pyramid (EXTENT_BLOCK) answers the same min/max as a brute-force scan, through appends, NaN and drops', () => {
  let s = 11;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const n = 20_000;
  const values = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) values[i] = rand() < 0.001 ? NaN : (v += rand() - 0.5);
  const coarse = new MinMaxPyramid(values, 9_000, 0, EXTENT_BLOCK);
  coarse.extend(values, n);
  const brute = (a, b) => {
    let lo = NO_INDEX, hi = NO_INDEX;
    for (let i = a; i < b; i++) {
      if (!(values[i] === values[i])) continue;
      if (lo === NO_INDEX || values[i] < values[lo]) lo = i;
      if (hi === NO_INDEX || values[i] > values[hi]) hi = i;
    }
    return [lo, hi];
  };
  const out = new Uint32Array(2);
  for (let k = 0; k < 300; k++) {
    const a = Math.floor(rand() * n);
    const b = a + Math.floor(rand() * (n - a)) + 1;
    coarse.rangeMinMax(a, b, out);
    const [lo, hi] = brute(a, b);
    assert.equal(values[out[0]], values[lo], `min of [${a}, ${b})`);
    assert.equal(values[out[1]], values[hi], `max of [${a}, ${b})`);
  }
  // Dropped rows are never read again; indices are relative to the new origin.
  coarse.dropFront(3_000);
  coarse.rangeMinMax(0, n - 3_000, out);
  const [lo, hi] = brute(3_000, n);
  assert.equal(values[out[0] + 3_000], values[lo]);
  assert.equal(values[out[1] + 3_000], values[hi]);
  // Its nodes are 64× fewer than the fine pyramid's.
  assert.ok(coarse.byteLength * 32 < new MinMaxPyramid(values).byteLength, `${coarse.byteLength} vs fine`);
});

test('M4 builds no pyramid for a window it draws raw (a lazy pyramid is called only when columns need it)', () => {
  const n = 10_000;
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
  let built = 0;
  const lazy = () => {
    built++;
    return new MinMaxPyramid(values);
  };
  const raw = new M4Decimator().decimate(time, values, n, lazy, 3990, 4010, 100);
  assert.equal(raw.mode, 'raw');
  assert.equal(built, 0, 'a raw window must not build the pyramid');
  const m4 = new M4Decimator().decimate(time, values, n, lazy, 0, n - 1, 100);
  assert.equal(m4.mode, 'm4');
  assert.equal(built, 1);
});

test('SeriesStore: extents read a coarse pyramid until the fine one exists; lazyPyramid builds nothing until called', () => {
  const n = 50_000;
  const time = Float64Array.from({ length: n }, (_, i) => i * 1000);
  const value = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 300) * 10);
  const store = new SeriesStore({ time, columns: { value } });
  const dataBytes = store.byteLength;
  const getter = store.lazyPyramid('value');
  assert.equal(store.byteLength, dataBytes, 'a lazy pyramid holds nothing');
  const coarse = store.extentPyramid('value');
  const coarseBytes = store.byteLength - dataBytes;
  assert.ok(coarseBytes > 0 && coarseBytes < (n / 16) * 8, `coarse pyramid: ${coarseBytes} bytes`);
  const out = new Uint32Array(2);
  coarse.rangeMinMax(100, 40_000, out);
  assert.equal(value[out[1]], Math.max(...value.subarray(100, 40_000)));
  // Appends extend it like the fine one.
  store.append({ time: Float64Array.of(n * 1000), columns: { value: Float64Array.of(99) } });
  store.extentPyramid('value').rangeMinMax(0, n + 1, out);
  assert.equal(value.length + 1, store.length);
  assert.equal(store.column('value')[out[1]], 99);
  // Building the fine pyramid retires the coarse one; extents then read the fine one.
  const fine = getter();
  assert.equal(store.extentPyramid('value'), fine);
  assert.equal(store.lazyPyramid('value'), getter, 'the same getter while the pyramids stand');
  const fineOnly = new SeriesStore({ time: time.slice(), columns: { value: value.slice() } });
  fineOnly.append({ time: Float64Array.of(n * 1000), columns: { value: Float64Array.of(99) } });
  fineOnly.pyramid('value');
  assert.equal(store.byteLength, fineOnly.byteLength, 'only the fine pyramid is held');
});

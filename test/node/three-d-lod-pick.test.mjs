// 3D charts without a DOM: the point cloud's progressive order (level of detail while the camera
// moves), GPU picking's read-back maths (the nearest covered id pixel) and its one-in-flight
// scheduler, and the chart model drawing the reduced set while moving and every point once still.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressiveOrder, pointsToDraw, scatterStride, MOVING_POINTS, LEVELS, nearestIdPixel, LatestOnly, parsePoints3d, ChartModel } from '../../build/node/core/index.js';
import { loadSeriesType } from '../../build/node/series/index.js';

// 3D is a lazy chunk: the model builds 3D frames once it is loaded.
await loadSeriesType('surface');

function rand(seed) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A dense gaussian-ish blob of n points plus a few far outliers (the last `outliers` indices). */
function blob(n, outliers = 5) {
  const r = rand(3);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  for (let i = 0; i < n - outliers; i++) {
    x[i] = (r() + r() + r() - 1.5) * 0.2;
    y[i] = (r() + r() + r() - 1.5) * 0.2;
    z[i] = (r() + r() + r() - 1.5) * 0.2;
  }
  for (let k = 0; k < outliers; k++) {
    const i = n - outliers + k;
    x[i] = 5 + k;
    y[i] = -4 - k;
    z[i] = 3 * (k % 2 ? 1 : -1);
  }
  const range = (a) => [a.reduce((m, v) => Math.min(m, v), Infinity), a.reduce((m, v) => Math.max(m, v), -Infinity)];
  return { x, y, z, bounds: /** @type {any} */ ({ x: range(x), y: range(y), z: range(z) }) };
}

test('the progressive order is a permutation of every point', () => {
  const n = 20_000;
  const { x, y, z, bounds } = blob(n);
  const { order, levelEnds } = progressiveOrder(x, y, z, n, bounds);
  assert.equal(order.length, n);
  const seen = new Uint8Array(n);
  for (const i of order) {
    assert.equal(seen[i], 0, `index ${i} twice`);
    seen[i] = 1;
  }
  assert.equal(levelEnds.length, LEVELS.length + 1);
  for (let l = 1; l < levelEnds.length; l++) assert.ok(levelEnds[l] >= levelEnds[l - 1]);
});

test('outliers and the extremes of each axis come first; a prefix spans the whole cloud', () => {
  const n = 50_000;
  const { x, y, z, bounds } = blob(n, 5);
  const { order, levelEnds } = progressiveOrder(x, y, z, n, bounds);
  // Every outlier is alone in a coarse cell: it is in the first levels' points.
  const early = new Set(order.subarray(0, levelEnds[2]));
  for (let k = 0; k < 5; k++) assert.ok(early.has(n - 5 + k), `outlier ${k} in the first levels (${levelEnds[2]} points)`);
  // The extremes of x: its min and max are in the first six.
  const first = [...order.subarray(0, 6)];
  const xs = first.map((i) => x[i]);
  assert.equal(Math.max(...xs), bounds.x[1]);
  assert.equal(Math.min(...first.map((i) => x[i])), bounds.x[0]);
  // A prefix of 2 000 covers about the same box of the dense core as all points (no row bias).
  const k = 2000;
  const prefix = order.subarray(0, k);
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of prefix) {
    if (i >= n - 5) continue;
    lo = Math.min(lo, y[i]);
    hi = Math.max(hi, y[i]);
  }
  assert.ok(lo < -0.2 && hi > 0.2, `prefix spans the core in y: ${lo}..${hi}`);
  // And not only early rows of the data.
  const late = [...prefix].filter((i) => i > n / 2).length;
  assert.ok(late > k * 0.3 && late < k * 0.7, `late rows in the prefix: ${late} of ${k}`);
});

test('a sorted cloud (a helix in data order) is sampled along its whole length by any prefix', () => {
  const n = 40_000;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i / n) * 20;
    x[i] = Math.cos(t);
    y[i] = Math.sin(t);
    z[i] = t;
  }
  const { order } = progressiveOrder(x, y, z, n, { x: [-1, 1], y: [-1, 1], z: [0, 20] });
  // 10 bins of z: each gets some of the first 1 000.
  const bins = new Array(10).fill(0);
  for (const i of order.subarray(0, 1000)) bins[Math.min(9, Math.floor(z[i] / 2))]++;
  assert.ok(bins.every((b) => b > 40), `prefix spread along z: ${bins}`);
});

test('scatterStride is coprime with n (visits every index once)', () => {
  for (const n of [1, 2, 3, 10, 97, 1000, 1_000_000, 65536]) {
    const s = scatterStride(n);
    const seen = new Set();
    for (let j = 0, i = 0; j < Math.min(n, 5000); j++, i = (i + s) % n) seen.add(i);
    assert.equal(seen.size, Math.min(n, 5000), `n ${n} stride ${s}`);
  }
});

test('pointsToDraw: the moving budget for large clouds, everything when settled or small', () => {
  assert.equal(pointsToDraw(1_000_000, true), MOVING_POINTS);
  assert.equal(pointsToDraw(1_000_000, false), 1_000_000);
  assert.equal(pointsToDraw(1000, true), 1000);
  assert.equal(pointsToDraw(500, true, 100), 100);
});

/** An id read-back: width × height pixels, rows padded to rowWords words. */
function idImage(width, height, rowWords, cells) {
  const words = new Uint32Array(rowWords * height);
  for (const [x, y, tag, chunk, local] of cells) {
    words[y * rowWords + x * 2] = (tag << 8) | chunk;
    words[y * rowWords + x * 2 + 1] = local;
  }
  return words;
}

test('nearestIdPixel: the covered pixel nearest the pointer, decoded; nothing past the radius', () => {
  const words = idImage(21, 21, 64, [
    [10, 10, 1, 0, 77],
    [12, 10, 2, 1, 5],
    [0, 0, 3, 0, 9],
  ]);
  const hit = nearestIdPixel(words, 21, 21, 64, 10.5, 10.5, 10);
  assert.deepEqual({ tag: hit.tag, chunk: hit.chunk, local: hit.local, x: hit.x, y: hit.y, distance: hit.distance }, { tag: 1, chunk: 0, local: 77, x: 10, y: 10, distance: 0 });
  const right = nearestIdPixel(words, 21, 21, 64, 12.2, 10.5, 10);
  assert.equal(right.tag, 2);
  assert.equal(right.chunk, 1);
  assert.equal(right.local, 5);
  // The corner pixel is ~14 px away: out of reach at radius 3 with the others cleared.
  const lone = idImage(21, 21, 64, [[0, 0, 3, 0, 9]]);
  assert.equal(nearestIdPixel(lone, 21, 21, 64, 10.5, 10.5, 3), null);
  assert.equal(nearestIdPixel(new Uint32Array(64 * 21), 21, 21, 64, 10, 10, 30), null);
  // Large indices survive (a 10M-point cloud, a 4096² surface).
  const big = nearestIdPixel(idImage(3, 3, 8, [[1, 1, 200, 3, 16_777_215]]), 3, 3, 8, 1.5, 1.5, 2);
  assert.deepEqual([big.tag, big.chunk, big.local], [200, 3, 16_777_215]);
});

test('LatestOnly: one job in flight, moves coalesced into the latest, stale answers dropped', async () => {
  const started = [];
  const delivered = [];
  const resolvers = [];
  const q = new LatestOnly(
    (x) => {
      started.push(x);
      return new Promise((resolve) => resolvers.push(() => resolve(x * 10)));
    },
    (x, r) => delivered.push([x, r]),
  );
  q.request(1);
  for (let i = 2; i <= 20; i++) q.request(i);
  assert.deepEqual(started, [1], 'one in flight');
  assert.equal(q.inFlight, true);
  resolvers.shift()();
  await new Promise((r) => setTimeout(r, 0));
  // 1's answer is stale (20 waits): dropped; 20 runs next.
  assert.deepEqual(delivered, []);
  assert.deepEqual(started, [1, 20]);
  resolvers.shift()();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(delivered, [[20, 200]]);
  assert.equal(q.runs, 2);
  assert.equal(q.inFlight, false);
  // Cancel: the run in flight delivers nothing.
  q.request(5);
  q.cancel();
  resolvers.shift()();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(delivered, [[20, 200]]);
  // A failing run delivers null.
  const failing = new LatestOnly(() => Promise.reject(new Error('lost')), (x, r) => delivered.push([x, r]));
  failing.request(7);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(delivered.at(-1), [7, null]);
});

test('the model draws the reduced sample while the camera moves and every point once still', () => {
  const n = MOVING_POINTS * 3;
  const r = rand(9);
  const data = { x: Array.from({ length: n }, r), y: Array.from({ length: n }, r), z: Array.from({ length: n }, r) };
  const model = new ChartModel();
  model.setOptions({ defaultType: 'points3d' });
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  model.three.setPoints(parsePoints3d(data));
  model.setSeriesOptions(null);
  const still = model.frame();
  const layer = still.scene.layers.find((l) => l.kind === 'points3d');
  assert.equal(layer.drawCount, n);
  assert.equal(still.lod.drawnPoints, n);
  const dataKey = layer.dataKey;
  model.three.moving = true;
  const moving = model.frame();
  const movingLayer = moving.scene.layers.find((l) => l.kind === 'points3d');
  assert.equal(movingLayer.drawCount, MOVING_POINTS);
  assert.equal(moving.lod.drawnPoints, MOVING_POINTS);
  assert.equal(moving.lod.visiblePoints, n);
  // Same data, same upload: only the drawn prefix changes.
  assert.equal(movingLayer.dataKey, dataKey);
  // The layer's element k is data point ids[k], its world position that point's.
  const k = 123;
  const i = movingLayer.ids[k];
  const map = (v, a) => v * 2 - 1; // x, y in [0, 1) map onto about [-1, 1]
  assert.ok(Math.abs(movingLayer.data[k * 4] - map(data.x[i])) < 0.01, `x of element ${k} is data point ${i}'s`);
  // The CPU pick names the data index.
  model.three.moving = false;
  model.frame();
});

test('surfaces: a coarser stride while the camera moves, refined once still, every vertex with lod off', async () => {
  const { surfaceStride, MOVING_LOD_PIXELS, LOD_PIXELS } = await import('../../build/node/series/surface/index.js');
  const still = surfaceStride(1000, 1000, 1188, 688, 'auto', false);
  const moving = surfaceStride(1000, 1000, 1188, 688, 'auto', true);
  assert.equal(still, Math.ceil(999 / Math.ceil(1188 / LOD_PIXELS)));
  assert.equal(moving, Math.ceil(999 / Math.ceil(1188 / MOVING_LOD_PIXELS)));
  assert.ok(moving > still * 3, `moving ${moving}, still ${still}`);
  assert.equal(surfaceStride(1000, 1000, 1188, 688, 'off', true), 1);
  assert.equal(surfaceStride(20, 20, 1188, 688, 'auto', true), 1, 'small grids keep every vertex');
});

test('keyboard navigation in 3D: grid cells by row and column, points in data order, clamped; the announcement', async () => {
  const { navigationStep3d, announce3d } = await import('../../build/node/core/index.js');
  const grid = /** @type {any} */ ({ kind: 'grid', rows: 4, cols: 5 });
  assert.equal(navigationStep3d(grid, 0, 'ArrowRight'), 1);
  assert.equal(navigationStep3d(grid, 4, 'ArrowRight'), 4, 'clamped at the last column');
  assert.equal(navigationStep3d(grid, 7, 'ArrowUp'), 12, 'up a row');
  assert.equal(navigationStep3d(grid, 7, 'ArrowDown'), 2);
  assert.equal(navigationStep3d(grid, 2, 'PageUp'), 17, 'ten rows, clamped to the last');
  assert.equal(navigationStep3d(grid, 9, 'End'), 19);
  assert.equal(navigationStep3d(grid, 9, 'x'), null, 'other keys are not navigation');
  const cloud = /** @type {any} */ ({ kind: 'points', count: 1000 });
  assert.equal(navigationStep3d(cloud, 0, 'ArrowLeft'), 0);
  assert.equal(navigationStep3d(cloud, 0, 'ArrowRight'), 1);
  assert.equal(navigationStep3d(cloud, 5, 'ArrowUp'), 15, 'a hundredth of the cloud');
  assert.equal(navigationStep3d(cloud, 995, 'PageUp'), 999);
  assert.equal(announce3d(cloud, 11, { x: 1.5, y: 2, z: -0.25, extra: [['magnitude', 3.14159]] }, { x: 'x', y: 'y', z: 'z' }), 'Point 12 of 1,000: x 1.5, y 2, z -0.25, magnitude 3.142.');
  assert.equal(announce3d(grid, 7, { x: 10, y: 20, z: 1e-7, extra: [] }, { x: 'strike', y: 'expiry', z: 'z' }), 'Cell row 2 of 4, column 3 of 5: strike 10, expiry 20, z 1.000e-7.');
});

// CPU reference of the density compute pass (the Canvas2D path draws with it, and the browser test
// compares the GPU's cell buffers with it), and the data-space points a scatter series keeps on
// the GPU (no DOM). Clusters: cluster-levels.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binDensity, densityLevel, gridSize } from '../../build/node/core/scene/density-grid.js';
import { DataSpacePoints } from '../../build/node/series/shared/density-layers.js';
import { SeriesStore } from '../../build/node/data/series-store.js';
import { createTimeScale, createValueScale } from '../../build/node/core/scales.js';

/** @returns {any} */
const layer = (pairs, transform = [1, 0, 1, 0], cellSize = 10) => ({ id: 'd', points: Float32Array.from(pairs.flat()), count: pairs.length, version: 1, transform, cellSize });

test('gridSize covers the pane with whole cells', () => {
  assert.deepEqual(gridSize(100, 50, 10), [10, 5]);
  assert.deepEqual(gridSize(101, 50, 10), [11, 5]);
  assert.deepEqual(gridSize(3, 3, 1), [3, 3]);
});

test('binDensity counts every point into its cell, drops points outside the pane, and finds the maximum', () => {
  const pairs = [[5, 5], [6, 7], [9.99, 0], [10, 0], [95, 45], [-1, 5], [100, 5], [5, 50], [NaN, 5]];
  const { counts, max, columns, rows } = binDensity(layer(pairs), 100, 50);
  assert.deepEqual([columns, rows], [10, 5]);
  assert.equal(counts[0], 3, 'three points in cell (0, 0)');
  assert.equal(counts[1], 1, 'x = 10 starts cell 1');
  assert.equal(counts[4 * 10 + 9], 1, 'the last cell');
  assert.equal(counts.reduce((a, b) => a + b, 0), 5, 'outside (x < 0, x = width, y = height, NaN) not counted');
  assert.equal(max, 3);
});

test('binDensity applies the transform (f32 steps): a pan moves points between cells', () => {
  const pairs = [[0, 0], [1, 1], [2, 2]];
  const a = binDensity(layer(pairs, [10, 5, 10, 5]), 40, 40);
  assert.equal(a.counts[0], 1);
  assert.equal(a.counts[1 * 4 + 1], 1);
  assert.equal(a.counts[2 * 4 + 2], 1);
  const b = binDensity(layer(pairs, [10, 15, 10, 5]), 40, 40);
  assert.equal(b.counts[0], 0, 'panned right by one cell');
  assert.equal(b.counts[1], 1);
});

test('densityLevel maps counts to colormap entries, linear and log', () => {
  assert.equal(densityLevel(0, 10, 'linear'), -1, 'empty cells are not painted');
  assert.equal(densityLevel(10, 10, 'linear'), 255);
  assert.equal(densityLevel(5, 10, 'linear'), 128);
  assert.equal(densityLevel(10, 10, 'log'), 255);
  assert.equal(densityLevel(1, 1000, 'log'), Math.floor((Math.log(2) / Math.log(1001)) * 255 + 0.5));
  assert.ok(densityLevel(1, 1000, 'log') > densityLevel(1, 1000, 'linear'), 'log lifts sparse cells');
});

test('DataSpacePoints: built once per data version; the transform maps data to pane px like the scales', () => {
  const n = 5;
  const time = Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 1000);
  const x = Float64Array.of(1, 10, 100, 1000, -1);
  const y = Float64Array.of(2, 4, 6, 8, 10);
  const store = new SeriesStore({ time, columns: { x, y } });
  const p = new DataSpacePoints();
  assert.equal(p.update(store, x, y, n, true, false, 'x|y'), true);
  assert.equal(p.update(store, x, y, n, true, false, 'x|y'), false, 'same data: not rebuilt');
  const v = p.version;
  assert.equal(p.points[4 * 2], Math.fround(1e30), 'x ≤ 0 on a log axis is stored far away');
  const xScale = { toPixel: (value) => (Math.log10(value) - 0) * 100 };
  const yScale = createValueScale('linear', 0, 10, 100);
  const t = p.transform(xScale, yScale, true, false, [3, 8]);
  for (let i = 0; i < 4; i++) {
    const px = p.points[i * 2] * t[0] + t[1];
    const py = p.points[i * 2 + 1] * t[2] + t[3];
    assert.ok(Math.abs(px - xScale.toPixel(x[i])) < 1e-3, `x ${i}: ${px}`);
    assert.ok(Math.abs(py - yScale.toPixel(y[i])) < 1e-3, `y ${i}: ${py}`);
  }
  store.append({ time: Float64Array.of(1.7e12 + 9000), columns: { x: Float64Array.of(5), y: Float64Array.of(5) } });
  if (store.length === n + 1) {
    p.update(store, store.column('x'), store.column('y'), store.length, true, false, 'x|y');
    assert.ok(p.version > v, 'new data: a new version');
  }
  // A time axis works the same (linear, epoch ms stays precise thanks to the origin).
  const q = new DataSpacePoints();
  q.update(store, time, y, n, false, false, 't|y');
  const ts = createTimeScale(time[0], time[n - 1], 400);
  const tt = q.transform(ts, yScale, false, false, [4000, 8]);
  assert.ok(Math.abs(q.points[2 * 2] * tt[0] + tt[1] - 200) < 1e-3);
});

test('a scatter series emits a density or cluster layer of all its points instead of markers, and error bars', async () => {
  const { seriesType } = await import('../../build/node/series/registry.js');
  const { LIGHT_THEME } = await import('../../build/node/core/theme.js');
  const scatter = seriesType('scatter');
  const n = 100;
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const x = Float64Array.from({ length: n }, (_, i) => (i * 37) % 100);
  const y = Float64Array.from({ length: n }, (_, i) => (i * 53) % 100);
  const err = new Float64Array(n).fill(2);
  const store = new SeriesStore({ time, columns: { x, y, err } });
  /** @returns {any} */
  const draw = (extra) => {
    const spec = { id: 's', column: 'y', type: 'scatter', name: 's', color: null, lineWidth: 1, visible: true, x: 'x', ...extra };
    /** @type {any} */
    const series = { spec, color: [0, 0, 1, 1], state: scatter.createState(), store, theme: LIGHT_THEME, pixelRatio: 1, start: 0, end: 99 };
    /** @type {any} */
    const target = { pane: { x: 0, y: 0, width: 200, height: 100 }, xScale: createTimeScale(0, 100, 200), yScale: createValueScale('linear', 0, 100, 100), lodColumns: 200, layers: [], lod: { mode: 'raw', visiblePoints: 0, drawnPoints: 0 } };
    scatter.draw(series, target);
    return { series, target };
  };
  assert.deepEqual(draw({}).target.layers.map((l) => l.kind), ['markers']);
  const { target: d } = draw({ density: 'on', densityScale: 'linear', colormap: 'magma' });
  assert.deepEqual(d.layers.map((l) => l.kind), ['density']);
  assert.equal(d.layers[0].count, n);
  assert.equal(d.layers[0].scale, 'linear');
  assert.equal(d.layers[0].colormap.length, 1024);
  // The CPU reference puts every point where the scales do.
  const grid = binDensity(d.layers[0], 200, 100);
  assert.equal(grid.counts.reduce((a, b) => a + b, 0), n - x.filter((v, i) => v * 2 >= 200 || y[i] === 0).length, 'every point inside the pane binned');
  const { target: c } = draw({ cluster: 'grid' });
  assert.deepEqual(c.layers.map((l) => l.kind), ['cluster']);
  assert.equal(c.layers[0].cellSize, 40);
  const { target: e, series } = draw({ yError: 'err' });
  assert.deepEqual(e.layers.map((l) => l.kind), ['segments', 'markers']);
  assert.equal(e.layers[0].count, n * 6, 'a bar and two caps per point');
  const q = { first: 0, end: n, positiveOnly: false, plotWidth: 200, min: Infinity, max: -Infinity };
  scatter.extent(series, q);
  assert.deepEqual([q.min, q.max], [-2, 101]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Viewport, createTimeScale, createValueScale, paddedRange, plotRect, canvasPixels, resolveSeries, ChartModel, GAP_Y } from '../../build/node/core/index.js';
import { indicesToPoints } from '../../build/node/core/index.js';
import { SeriesStore } from '../../build/node/data/index.js';

test('viewport zooms around an anchor and clamps to the data', () => {
  const v = new Viewport();
  v.setDataBounds(0, 1000, true);
  v.zoomX(0.5, 0.25);
  assert.equal(v.start, 125);
  assert.equal(v.end, 625);
  v.panX(10);
  assert.ok(v.start + v.span / 2 <= 1000, 'centre stays within data');
  v.reset();
  assert.deepEqual([v.start, v.end, v.autoY], [0, 1000, true]);
  v.zoomX(1e-12);
  assert.ok(v.span >= 1 - 1e-9, `minimum span 1 ms, got ${v.span}`);
});

test('viewport follows a live stream only when showing the end', () => {
  const v = new Viewport();
  v.setDataBounds(0, 1000, true);
  assert.ok(v.isAtEnd());
  v.zoomX(0.5, 0);
  assert.ok(!v.isAtEnd());
});

test('scales map values and times in float64', () => {
  const y = createValueScale('linear', 0, 10, 100);
  assert.equal(y.toPixel(10), 0);
  assert.equal(y.toPixel(0), 100);
  assert.equal(y.fromPixel(50), 5);
  const log = createValueScale('log', 1, 1000, 300);
  assert.ok(Math.abs(log.toPixel(10) - 200) < 1e-9);
  assert.ok(Number.isNaN(log.toPixel(0)));
  const t0 = Date.UTC(2021, 5, 15) + 0.5;
  const x = createTimeScale(t0, t0 + 20, 400);
  assert.equal(x.toPixel(t0 + 1), 20, '1 ms = 20 px deep in the epoch');
  assert.deepEqual(paddedRange(5, 5, 'linear'), [4.95, 5.05]);
  assert.ok(paddedRange(-1, 100, 'log')[0] > 0, 'log ranges stay positive');
});

test('points outside the plot are pulled to its edge along their segment', () => {
  const time = Float64Array.from([-1e9, 10, 20, 1e9]);
  const values = Float64Array.from([0, 5, 5, 10]);
  const out = new Float32Array(16);
  const n = indicesToPoints(Uint32Array.from([0, 1, 2, 3]), null, 4, time, values, createTimeScale(0, 100, 100), createValueScale('linear', 0, 10, 100), 100, out);
  assert.equal(n, 4);
  assert.equal(out[0], -4, 'clipped to the left margin');
  assert.ok(Math.abs(out[1] - (100 - ((5 * (1e9 - 4)) / (1e9 + 10)) * 10)) < 0.01, 'y interpolated on the segment');
  assert.equal(out[6], 104, 'clipped to the right margin');
});

test('gaps and non-drawable log values become GAP_Y', () => {
  const time = Float64Array.from([0, 1, 2]);
  const values = Float64Array.from([1, -1, 10]);
  const out = new Float32Array(8);
  indicesToPoints(Uint32Array.from([0, 1, 2]), null, 3, time, values, createTimeScale(0, 2, 100), createValueScale('log', 1, 10, 100), 100, out);
  assert.equal(out[3], Math.fround(GAP_Y));
});

test('series store appends, updates the last row, and refuses the past', () => {
  const store = new SeriesStore({ time: Float64Array.from([0, 1]), columns: { value: Float64Array.from([1, 2]) } });
  store.pyramid('value');
  store.append({ time: Float64Array.from([1, 2, 3]), columns: { value: Float64Array.from([20, 3, 4]) } });
  assert.equal(store.length, 4);
  assert.deepEqual([...store.column('value')], [1, 20, 3, 4]);
  const out = new Uint32Array(2);
  assert.equal(store.column('value')[store.pyramid('value').rangeMinMax(0, 4, out)[1]], 20);
  assert.throws(() => store.append({ time: Float64Array.from([2]), columns: { value: Float64Array.from([0]) } }), /before the last time/);
  assert.throws(() => store.append({ time: Float64Array.from([9]), columns: { other: Float64Array.from([0]) } }), /not in the chart's data/);
  assert.equal(store.length, 4, 'failed appends change nothing');
});

test('layout keeps whole device pixels at any ratio', () => {
  const plot = plotRect({ width: 333, height: 200, pixelRatio: 1.5 });
  for (const v of Object.values(plot)) assert.equal(v, Math.round(v));
  assert.deepEqual(canvasPixels({ width: 333, height: 200, pixelRatio: 1.5 }), { width: 500, height: 300 });
});

test('series default to one per column, or follow the user list', () => {
  assert.deepEqual(resolveSeries(['a', 'b'], null, 'line').map((s) => s.id), ['a', 'b']);
  const specs = resolveSeries(['a', 'b'], [{ column: 'b', type: 'area', name: 'B' }, { column: 'zzz' }], 'line');
  assert.deepEqual(specs.map((s) => [s.column, s.type, s.name]), [['b', 'area', 'B']]);
});

test('the chart model builds a frame: grid, series, labels, LOD summary', () => {
  const model = new ChartModel();
  const n = 1_000_000;
  model.setData({ time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 1000), columns: { value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000)) } });
  model.setSize({ width: 800, height: 400, pixelRatio: 2 });
  const frame = model.frame();
  assert.equal(frame.scene.width, 1600);
  assert.equal(frame.lod.mode, 'm4');
  assert.equal(frame.lod.visiblePoints, n);
  assert.ok(frame.lod.drawnPoints <= frame.scene.plot.width * 4 + 2);
  assert.deepEqual(frame.scene.layers.map((l) => l.kind), ['segments', 'line']);
  assert.ok(frame.xLabels.length >= 2 && frame.yLabels.length >= 2);
  const [lo, hi] = frame.yRange;
  assert.ok(lo < -0.99 && hi > 0.99 && lo > -1.2 && hi < 1.2, `autoscaled y ${lo}..${hi}`);
  const pick = model.pick(400, 200);
  assert.ok(pick && Number.isFinite(pick.values[0].value));
});

test('config settings reach the picture: dashed and dotted grids, level-of-detail aggressiveness', () => {
  const model = new ChartModel();
  const n = 200_000;
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const value = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + Math.sin(i * 1.7));
  model.setData({ time, columns: { value } });
  model.setSize({ width: 600, height: 300, pixelRatio: 1 });
  const grid = (style) => {
    model.setOptions({ gridStyle: style });
    return model.frame().scene.layers.find((l) => l.id.startsWith('grid'));
  };
  const solid = grid('solid');
  const dashed = grid('dashed');
  const dotted = grid('dotted');
  assert.ok(dashed.count > solid.count * 10 && dotted.count > dashed.count, `segments: ${solid.count} / ${dashed.count} / ${dotted.count}`);
  // A dashed horizontal line: 6 px on, 4 off.
  const p = /** @type {import('../../build/node/core/index.js').SegmentsLayer} */ (dashed).points;
  const firstHorizontal = Array.from({ length: dashed.count / 2 }, (_, k) => k).find((k) => p[k * 4 + 1] === p[k * 4 + 3]);
  assert.deepEqual([p[firstHorizontal * 4 + 2] - p[firstHorizontal * 4], p[firstHorizontal * 4 + 4] - p[firstHorizontal * 4]], [6, 10]);
  model.setOptions({ gridStyle: 'solid' });
  const drawn = (a) => {
    model.setOptions({ lodAggressiveness: a });
    return model.frame().lod.drawnPoints;
  };
  const exact = drawn(0);
  assert.equal(drawn(0.5), exact, 'up to 0.5: one column per pixel');
  const coarse = drawn(1);
  assert.ok(coarse < exact / 3 && coarse > exact / 5, `a quarter of the points at 1: ${exact} → ${coarse}`);
  // Coarser columns still span the plot.
  const frame = model.frame();
  const line = frame.scene.layers.find((l) => l.kind === 'line');
  assert.ok(line.points[(line.count - 1) * 2] > frame.scene.plot.width - 4, 'last point near the right edge');
});

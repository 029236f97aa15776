// Error bars (yError, yLow/yHigh on line series) and band series: the layers they push, their LOD
// (one envelope per column), gaps, and the extents that include them (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIGHT_THEME } from '../../build/node/core/theme.js';
import { createTimeScale, createValueScale } from '../../build/node/core/scales.js';
import { SeriesStore } from '../../build/node/data/series-store.js';
import { seriesType } from '../../build/node/series/registry.js';
import { resolveSeries } from '../../build/node/series/resolve-series.js';
import { GAP_Y } from '../../build/node/core/scene/frame-scene.js';

const N = 8;
const time = Float64Array.from({ length: N }, (_, i) => 1000 * i);
const y = Float64Array.of(10, 11, 12, 11, 9, 8, 9, 10);
const err = Float64Array.of(1, 2, 1, 0.5, 1, 1, 3, 1);
const lo = Float64Array.from(y, (v, i) => v - err[i]);
const hi = Float64Array.from(y, (v, i) => v + err[i]);
const data = () => ({ time, columns: { y, err, lo: lo.slice(), hi: hi.slice() } });

/** @returns {any} */
function context(type, spec, store = new SeriesStore(data())) {
  const module = seriesType(type);
  const full = { id: 's', column: 'y', type, name: 's', color: null, lineWidth: 1, visible: true, ...spec };
  return { module, series: { spec: full, color: [0, 0, 1, 1], state: module.createState(), store, theme: LIGHT_THEME, pixelRatio: 1, start: 0, end: 7000 } };
}

/** @returns {any} */
function target(width = 700, height = 100, columns = Infinity, range = [0, 20]) {
  return { pane: { x: 0, y: 0, width, height }, xScale: createTimeScale(0, 7000, width), yScale: createValueScale('linear', range[0], range[1], height), lodColumns: columns, layers: [], lod: { mode: 'raw', visiblePoints: 0, drawnPoints: 0 } };
}

const query = () => ({ first: 0, end: N, positiveOnly: false, plotWidth: 700, min: Infinity, max: -Infinity });

test('a line with yError draws a bar and two caps per row, under the line, from value − error to value + error', () => {
  const { module, series } = context('line', { yError: 'err' });
  const t = target();
  module.draw(series, t);
  assert.deepEqual(t.layers.map((l) => l.kind), ['segments', 'line']);
  const bars = t.layers[0];
  assert.equal(bars.id, 's:error-bars');
  assert.equal(bars.count, N * 6, 'bar + 2 caps = 6 points per row');
  // Row 1: x = 100 px, y = 11 ± 2 → 9..13 → pixel y = (20 − v) × 5.
  const p = bars.points;
  const row = 1 * 12;
  assert.deepEqual([...p.slice(row, row + 4)], [100, 55, 100, 35]);
  assert.deepEqual([...p.slice(row + 4, row + 8)], [97, 55, 103, 55], 'the low cap, 3 px each side');
});

test('yLow/yHigh give the same bars as the equivalent yError', () => {
  const a = context('line', { yError: 'err' });
  const b = context('line', { yLow: 'lo', yHigh: 'hi' });
  const ta = target();
  const tb = target();
  a.module.draw(a.series, ta);
  b.module.draw(b.series, tb);
  assert.deepEqual([...ta.layers[0].points.slice(0, ta.layers[0].count * 2)], [...tb.layers[0].points.slice(0, tb.layers[0].count * 2)]);
});

test('the extent of a line with error bars includes the bars', () => {
  const plain = context('line', {});
  const withBars = context('line', { yError: 'err' });
  const q1 = query();
  const q2 = query();
  plain.module.extent(plain.series, q1);
  withBars.module.extent(withBars.series, q2);
  assert.deepEqual([q1.min, q1.max], [8, 12]);
  assert.deepEqual([q2.min, q2.max], [6, 13]);
  const q3 = { ...query(), positiveOnly: true };
  withBars.module.extent(withBars.series, q3);
  assert.deepEqual([q3.min, q3.max], [6, 13]);
});

test('a NaN error drops that row\'s bar only', () => {
  const d = data();
  d.columns.err = err.slice();
  d.columns.err[3] = NaN;
  const { module, series } = context('line', { yError: 'err' }, new SeriesStore(d));
  const t = target();
  module.draw(series, t);
  assert.equal(t.layers[0].count, (N - 1) * 6);
});

test('with more rows than LOD columns, bars merge per column into envelopes without caps', () => {
  const { module, series } = context('line', { yLow: 'lo', yHigh: 'hi' });
  const t = target(700, 100, 2);
  module.draw(series, t);
  const bars = t.layers[0];
  assert.equal(bars.count, 4, 'one bar (2 points) per column');
  // Column 0 covers rows 0..3 (t < 3500): lows 9, 9, 11, 10.5 → min 9; highs 11, 13, 13, 11.5 → 13.
  assert.deepEqual([...bars.points.slice(0, 4)], [175, 55, 175, 35]);
  // Column 1: rows 4..7: lows 8, 7, 6, 9 → 6; highs 10, 9, 12, 11 → 12.
  assert.deepEqual([...bars.points.slice(4, 8)], [525, 70, 525, 40]);
});

test('a band series fills between yLow and yHigh; a NaN breaks it; LOD gives column envelopes', () => {
  const d = data();
  d.columns.lo[5] = NaN;
  const { module, series } = context('band', { yLow: 'lo', yHigh: 'hi' }, new SeriesStore(d));
  const t = target();
  module.draw(series, t);
  assert.equal(t.layers.length, 1);
  const band = t.layers[0];
  assert.equal(band.kind, 'band');
  assert.equal(band.count, N);
  // Row 0: x 0, high 11 → 45, low 9 → 55.
  assert.deepEqual([...band.points.slice(0, 4)], [0, 45, 0, 55]);
  assert.ok(Math.abs(band.points[5 * 4 + 1]) > 1e29 && band.points[5 * 4 + 1] === Math.fround(GAP_Y), 'row 5 is a gap');
  assert.deepEqual(band.fill, [0, 0, 1, LIGHT_THEME.areaOpacity]);
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [6, 13]);

  const t2 = target(700, 100, 2);
  module.draw(series, t2);
  assert.equal(t2.layers[0].count, 2);
  assert.equal(t2.lod.mode, 'm4');
});

test('resolveSeries keeps a band that names only its edges, keyed by its upper edge, and copies the new options', () => {
  const specs = resolveSeries(['y', 'lo', 'hi', 'err'], [{ column: 'ci', id: 'ci', type: 'band', yLow: 'lo', yHigh: 'hi' }, { column: 'y', yError: 'err', density: 'on', densityScale: 'linear', cluster: 'grid' }], 'line');
  assert.equal(specs.length, 2);
  assert.equal(specs[0].column, 'hi');
  assert.equal(specs[0].yLow, 'lo');
  assert.equal(specs[1].yError, 'err');
  assert.equal(specs[1].density, 'on');
  assert.equal(specs[1].densityScale, 'linear');
  assert.equal(specs[1].cluster, 'grid');
  assert.equal(resolveSeries(['y'], [{ column: 'ci', type: 'band', yLow: 'lo', yHigh: 'hi' }], 'line').length, 0, 'missing edges: dropped');
});

// Scatter series (no DOM): the spatial index against brute force, x bounds and y extents with
// unsorted x, option resolution and its errors, the markers layer (skipped points, data-space
// transform, upload key) and picking through ChartModel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartModel } from '../../build/node/core/chart-model.js';
import { MARKER_SHAPES } from '../../build/node/core/scene/frame-scene.js';
import { COLORMAP_NAMES } from '../../build/node/core/colormap/index.js';
import { PointGrid } from '../../build/node/series/scatter/point-grid.js';
import { resolveScatter, scatterIssues } from '../../build/node/series/scatter/options.js';
import { SCATTER_COLORMAPS, SCATTER_MARKERS } from '../../build/node/config/schema.js';
import { seriesType } from '../../build/node/series/registry.js';

/** A seeded generator in [0, 1). */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function bruteNearest(xs, ys, qx, qy, kx, ky, radius) {
  let best = -1;
  let bestD2 = radius * radius;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const dx = (xs[i] - qx) * Math.abs(kx);
    const dy = (ys[i] - qy) * Math.abs(ky);
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2 || (d2 === bestD2 && (best < 0 || i < best))) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}

test('PointGrid.nearest equals brute force on uniform, clustered and degenerate data', () => {
  const random = rng(42);
  const sets = {
    uniform: (n) => [Float64Array.from({ length: n }, () => random() * 1000 - 500), Float64Array.from({ length: n }, () => random() * 3)],
    clustered: (n) => {
      const xs = new Float64Array(n);
      const ys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const c = i % 3;
        xs[i] = c * 100 + (random() + random() + random() - 1.5) * (c + 1);
        ys[i] = c * 5 + (random() - 0.5) * 0.5;
      }
      return [xs, ys];
    },
    withGaps: (n) => {
      const xs = Float64Array.from({ length: n }, () => random());
      const ys = Float64Array.from({ length: n }, () => random());
      for (let i = 0; i < n; i += 7) xs[i] = NaN;
      for (let i = 3; i < n; i += 11) ys[i] = NaN;
      return [xs, ys];
    },
    oneColumn: (n) => [new Float64Array(n).fill(2), Float64Array.from({ length: n }, () => random())],
    onePoint: (n) => [new Float64Array(n).fill(1), new Float64Array(n).fill(1)],
  };
  for (const [name, make] of Object.entries(sets)) {
    for (const n of [1, 10, 5000]) {
      const [xs, ys] = make(n);
      const grid = new PointGrid(xs, ys, n);
      const finiteX = Array.from(xs).filter(Number.isFinite);
      const finiteY = Array.from(ys).filter(Number.isFinite);
      const [x0, x1] = [Math.min(...finiteX), Math.max(...finiteX)];
      const [y0, y1] = [Math.min(...finiteY), Math.max(...finiteY)];
      for (let q = 0; q < 300; q++) {
        // Pixels per unit as a plot would have them (y flipped: negative), radii of 0.5–30 px.
        const kx = 800 / ((x1 - x0) * (0.05 + random() * 2) || 1);
        const ky = -500 / ((y1 - y0) * (0.05 + random() * 2) || 1);
        const radius = 0.5 + random() * 30;
        const qx = x0 + (random() * 1.4 - 0.2) * (x1 - x0 || 1);
        const qy = y0 + (random() * 1.4 - 0.2) * (y1 - y0 || 1);
        assert.equal(grid.nearest(qx, qy, kx, ky, radius), bruteNearest(xs, ys, qx, qy, kx, ky, radius), `${name} n=${n} query ${q}`);
      }
      // Querying a point itself finds it (or a point at the same spot, the lowest row).
      for (let i = 0; i < Math.min(n, 50); i++) {
        if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
        const found = grid.nearest(xs[i], ys[i], 100, -100, 2);
        assert.ok(found >= 0 && xs[found] === xs[i] && ys[found] === ys[i], `${name} n=${n}: point ${i} finds itself`);
      }
    }
  }
  assert.equal(new PointGrid(new Float64Array(0), new Float64Array(0), 0).nearest(0, 0, 1, 1, 10), -1, 'empty grid');
  assert.equal(new PointGrid(Float64Array.of(NaN), Float64Array.of(1), 1).nearest(0, 0, 1, 1, 10), -1, 'only non-finite points');
});

test('PointGrid answers a query by visiting few points', () => {
  const n = 200_000;
  const random = rng(7);
  const xs = Float64Array.from({ length: n }, () => random());
  const ys = Float64Array.from({ length: n }, () => random());
  const grid = new PointGrid(xs, ys, n);
  const t0 = performance.now();
  for (let q = 0; q < 2000; q++) grid.nearest(random(), random(), 1000, -600, 8);
  const perQuery = (performance.now() - t0) / 2000;
  // A linear scan of 200k points takes ~0.3 ms or more; the grid, microseconds.
  assert.ok(perQuery < 0.05, `${perQuery.toFixed(4)} ms per query`);
});

/** A model with scatter data: row key, x unsorted, y, c. */
function scatterModel(options = {}, data = null) {
  const d = data ?? {
    time: Float64Array.of(0, 1, 2, 3, 4, 5),
    x: Float64Array.of(5, -3, 12, 0.5, 8, -1),
    y: Float64Array.of(10, 20, 5, 40, 30, 1),
    c: Float64Array.of(0, 1, 2, 3, 4, 5),
  };
  const model = new ChartModel();
  model.setSize({ width: 420, height: 260, pixelRatio: 1 });
  model.setOptions({ grid: false });
  model.setData({ time: d.time, columns: { x: d.x, y: d.y, c: d.c } });
  model.setSeriesOptions([{ column: 'y', type: 'scatter', ...options }]);
  return { model, d };
}

test('a scatter is registered, draws markers, and sets the x bounds from its x column', () => {
  assert.equal(seriesType('scatter')?.type, 'scatter');
  const { model } = scatterModel();
  assert.deepEqual(model.viewport.dataBounds, [-3, 12], 'x bounds from the unsorted x column');
  assert.deepEqual([model.viewport.start, model.viewport.end], [-3, 12], 'the view shows all of it');
  const frame = model.frame();
  const layer = frame.scene.layers.find((l) => l.kind === 'markers');
  assert.ok(layer);
  assert.equal(layer.count, 6);
  assert.equal(layer.shape, 'circle');
  // The transform puts each point where the x and y scales do.
  const main = model.panes()[0].rect;
  const [lo, hi] = model.yRange();
  const [sx, ox, sy, oy] = layer.transform;
  const px = layer.data[3 * 4] * sx + ox;
  const py = layer.data[3 * 4 + 1] * sy + oy;
  assert.ok(Math.abs(px - ((0.5 - -3) / 15) * main.width) < 1e-3, `x px ${px}`);
  assert.ok(Math.abs(py - ((hi - 40) / (hi - lo)) * main.height) < 1e-3, `y px ${py}`);
  // Default size 4 CSS px, series colour.
  assert.equal(layer.data[2], 4);
  // Without a scatter the bounds are the row keys' again.
  model.setSeriesOptions([{ column: 'y' }]);
  assert.deepEqual(model.viewport.dataBounds, [0, 5]);
});

test('y extent comes from the points whose x is in view', () => {
  const { model } = scatterModel();
  const [lo, hi] = model.yRange();
  assert.ok(lo < 1 && hi > 40, `all points: ${lo}..${hi}`);
  model.viewport.setX(4, 13); // x = 5, 12, 8: y = 10, 5, 30
  const [a, b] = model.yRange();
  assert.ok(a < 5 && a > 3 && b > 30 && b < 32, `x in [4, 13]: ${a}..${b}`);
});

test('the markers keep their upload key on pan and zoom, and change it with the data', () => {
  const { model, d } = scatterModel({ colorBy: 'c' });
  const key = (m) => m.frame().scene.layers.find((l) => l.kind === 'markers').dataKey;
  const first = key(model);
  model.viewport.setX(0, 6);
  assert.equal(key(model), first, 'zoom: same data');
  model.viewport.panX(0.2);
  assert.equal(key(model), first, 'pan: same data');
  model.setData({ time: d.time, columns: { x: d.x.map((v) => v * 2), y: d.y, c: d.c } }, true);
  assert.notEqual(key(model), first, 'new data: new key');
});

test('non-finite x or y: the point is skipped', () => {
  const { model } = scatterModel({}, { time: Float64Array.of(0, 1, 2, 3), x: Float64Array.of(1, NaN, 3, 4), y: Float64Array.of(1, 2, NaN, 4), c: new Float64Array(4) });
  const layer = model.frame().scene.layers.find((l) => l.kind === 'markers');
  assert.equal(layer.count, 2);
  assert.deepEqual(model.viewport.dataBounds, [1, 4]);
});

test('size column (CSS px diameters × pixel ratio) and categorical colours', () => {
  const { model } = scatterModel({ size: 'c', colorBy: 'c', categorical: true });
  model.setSize({ width: 420, height: 260, pixelRatio: 2 });
  const layer = model.frame().scene.layers.find((l) => l.kind === 'markers');
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => layer.data[i * 4 + 2]), [0, 2, 4, 6, 8, 10]);
  const bits = new Uint32Array(layer.data.buffer);
  const colors = new Set([0, 1, 2, 3, 4, 5].map((i) => bits[i * 4 + 3]));
  assert.equal(colors.size, 6, 'six categories, six colours');
});

test('option resolution: defaults, x column, errors naming the field', () => {
  const columns = ['x', 'y', 'c'];
  const r = resolveScatter({}, columns);
  assert.deepEqual({ x: r.x, marker: r.marker, markerSize: r.markerSize, colorBy: r.colorBy, colormap: r.colormap, size: r.size }, { x: 'x', marker: 'circle', markerSize: 4, colorBy: null, colormap: null, size: null });
  assert.equal(resolveScatter({}, ['y']).x, null, 'no x column: the row key');
  assert.equal(resolveScatter({ x: 'c' }, columns).x, 'c');
  assert.equal(resolveScatter({ colorBy: 'c' }, columns).colormap?.name, 'viridis');
  assert.equal(resolveScatter({ colorBy: 'c', categorical: true }, columns).colormap, null);
  assert.equal(resolveScatter({ marker: /** @type {any} */ ('star') }, columns).marker, 'circle', 'lenient at draw time');
  assert.deepEqual(scatterIssues({ marker: 'diamond', colormap: 'magma', markerSize: 10, x: 'c' }, columns), []);
  const issues = scatterIssues({ marker: /** @type {any} */ ('star'), colormap: /** @type {any} */ ('rainbow'), markerSize: -1, colorBy: 'nope', x: 'q' }, columns);
  assert.deepEqual(issues.map((i) => i.field).sort(), ['colorBy', 'colormap', 'marker', 'markerSize', 'x']);
  assert.match(issues.find((i) => i.field === 'marker').message, /star/);
  assert.match(issues.find((i) => i.field === 'colormap').message, /rainbow/);
  assert.deepEqual(scatterIssues({ colorBy: 'nope' }, null), [], 'columns unknown: not checked');
  // The config schema's lists match the code's.
  assert.deepEqual([...SCATTER_MARKERS], [...MARKER_SHAPES]);
  assert.deepEqual([...SCATTER_COLORMAPS], [...COLORMAP_NAMES]);
});

test('pick finds the nearest point through the index and shows its row', () => {
  const { model, d } = scatterModel({ colorBy: 'c' });
  const main = model.panes()[0].rect;
  const [lo, hi] = model.yRange();
  const cssOf = (i) => [model.xOf(d.x[i]), main.y + ((hi - d.y[i]) / (hi - lo)) * main.height];
  for (let i = 0; i < 6; i++) {
    const [x, y] = cssOf(i);
    // One px off the point, towards the plot's inside (x = 12 sits on the right edge).
    const info = model.pick(x + (d.x[i] > 0 ? -1 : 1), y - 1);
    assert.ok(info, `row ${i} picked`);
    assert.equal(info.values[0].index, i);
    assert.equal(info.values[0].value, d.y[i]);
    assert.deepEqual(info.values.map((v) => v.value), [d.y[i], d.x[i], d.c[i]]);
    assert.ok(Math.abs(info.x - x) < 1e-6 && Math.abs(info.y - y) < 1e-6, 'crosshair on the point');
  }
  // Far from every point: nothing.
  const [x, y] = cssOf(3);
  assert.equal(model.pick(x, y + 60), null);
});

test('log y axis: markers are uploaded as log10 values and land where the scale puts them', () => {
  const { model, d } = scatterModel();
  model.setOptions({ yScale: 'log' });
  const layer = model.frame().scene.layers.find((l) => l.kind === 'markers');
  const main = model.panes()[0].rect;
  const [lo, hi] = model.yRange();
  const [, , sy, oy] = layer.transform;
  for (let i = 0; i < 6; i++) {
    const expected = ((Math.log10(hi) - Math.log10(d.y[i])) / (Math.log10(hi) - Math.log10(lo))) * main.height;
    const px = layer.data[i * 4 + 1] * sy + oy;
    assert.ok(Math.abs(px - expected) < 1e-3, `row ${i}: ${px} vs ${expected}`);
  }
  // Picking works in log space too.
  const info = model.pick(model.xOf(d.x[3]) + 1, main.y + ((Math.log10(hi) - Math.log10(40)) / (Math.log10(hi) - Math.log10(lo))) * main.height);
  assert.equal(info?.values[0].index, 3);
});

test('colour by a column: a colour bar over the column range; categories and plain scatters have none', () => {
  const bars = (options) => scatterModel(options).model.frame().colorBars ?? [];
  const [bar] = bars({ colorBy: 'c', colormap: 'magma' });
  assert.ok(bar, 'a colour bar');
  assert.deepEqual([bar.min, bar.max, bar.colormap, bar.scale], [0, 5, 'magma', 'linear']);
  assert.equal(bar.lut.length, 256 * 4);
  assert.match(bar.title, /c$/);
  assert.equal(bars({ colorBy: 'c', categorical: true }).length, 0);
  assert.equal(bars({}).length, 0);
});

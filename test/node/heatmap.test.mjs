// Heatmaps without a DOM: grid validation (DataError naming the field), the long form, the column
// ring (index maths, memory that does not grow), the shared sampling maths (nearest, bilinear,
// Catmull-Rom, NaN), colour positions, and the chart model drawing a grid layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridStore, normalizeGrid, gridFromLong, ringWrites, ringOffset, DataError } from '../../build/node/data/index.js';
import { sampleGrid, cellValue, catmullRomWeights, colorPosition, lutIndex, physicalColumn, gridTransform, cellCoordinate, ChartModel, COLORMAP_NAMES as CORE_NAMES } from '../../build/node/core/index.js';
import { COLORMAP_NAMES, INTERPOLATIONS } from '../../build/node/config/schema.js';

/** @param {Record<string, unknown>} over */
const grid = (over = {}) => ({ rows: 2, cols: 3, values: Float32Array.of(1, 2, 3, 4, 5, 6), x0: 0, dx: 1, y0: 10, dy: 2, ...over });

/** @param {() => unknown} run @param {string} field */
function rejects(run, field) {
  assert.throws(run, (/** @type {any} */ error) => {
    assert.ok(error instanceof DataError, `a DataError, got ${error}`);
    assert.equal(error.code, 'invalid-grid');
    assert.equal(error.column, field);
    assert.match(error.message, new RegExp(field.replace(/[[\]]/g, '\\$&')));
    return true;
  });
}

test('a valid grid: shape, extents, finite range, values by (column, row)', () => {
  const store = normalizeGrid(grid());
  assert.equal(store.rows, 2);
  assert.equal(store.count, 3);
  assert.equal(store.xStart, 0);
  assert.equal(store.xEnd, 3);
  assert.equal(store.yEnd, 14);
  assert.deepEqual(store.range(), [1, 6]);
  assert.equal(store.value(0, 1), 4);
  assert.equal(store.value(2, 0), 3);
  // Plain arrays are copied to f32; null is a missing cell.
  const plain = normalizeGrid(grid({ values: [1, null, 3, 4, NaN, 6] }));
  assert.ok(Number.isNaN(plain.value(1, 0)));
  assert.deepEqual(plain.range(), [1, 6]);
  const key = store.keyData('value');
  assert.deepEqual([...key.time], [0.5, 1.5, 2.5]);
  assert.deepEqual([...key.columns.value], [4, 5, 6]);
});

test('bad grids are DataErrors naming the field', () => {
  rejects(() => normalizeGrid(grid({ rows: 0 })), 'rows');
  rejects(() => normalizeGrid(grid({ rows: 1.5 })), 'rows');
  rejects(() => normalizeGrid(grid({ cols: -2 })), 'cols');
  rejects(() => normalizeGrid(grid({ cols: '3' })), 'cols');
  rejects(() => normalizeGrid(grid({ values: new Float32Array(5) })), 'values');
  rejects(() => normalizeGrid(grid({ values: 'abc' })), 'values');
  rejects(() => normalizeGrid(grid({ values: [1, 2, 'x', 4, 5, 6] })), 'values[2]');
  rejects(() => normalizeGrid(grid({ dx: 0 })), 'dx');
  rejects(() => normalizeGrid(grid({ dy: -1 })), 'dy');
  rejects(() => normalizeGrid(grid({ dx: NaN })), 'dx');
  rejects(() => normalizeGrid(grid({ x0: Infinity })), 'x0');
  rejects(() => normalizeGrid(grid({ y0: undefined })), 'y0');
  rejects(() => normalizeGrid(grid({ maxColumns: 2 })), 'maxColumns');
  // cols 0 is fine for a streaming grid (maxColumns), not for a static one.
  rejects(() => normalizeGrid(grid({ cols: 0, values: [] })), 'cols');
  assert.equal(normalizeGrid(grid({ cols: 0, values: [], maxColumns: 8 })).count, 0);
});

test('the long form: cell centres on a regular lattice, missing cells NaN', () => {
  const store = gridFromLong({ x: [10, 20, 30, 10, 30], y: [1, 1, 1, 2, 2], value: [1, 2, 3, 4, 6] });
  assert.equal(store.rows, 2);
  assert.equal(store.count, 3);
  assert.equal(store.xStart, 5);
  assert.equal(store.dx, 10);
  assert.equal(store.y0, 0.5);
  assert.equal(store.value(2, 1), 6);
  assert.ok(Number.isNaN(store.value(1, 1)));
  rejects(() => gridFromLong({ x: [0, 1, 3], y: [0, 0, 0], value: [1, 2, 3] }), 'x');
  rejects(() => gridFromLong({ x: [0, 1], y: [0], value: [1, 2] }), 'y');
  rejects(() => gridFromLong({ x: [0, 0], y: [0, 0], value: [1, 2] }), 'x[1], y[1]');
});

test('ring index maths: offsets, wrapping writes, oversized batches', () => {
  assert.equal(ringOffset(3, 8), 0);
  assert.equal(ringOffset(8, 8), 0);
  assert.equal(ringOffset(11, 8), 3);
  assert.equal(ringOffset(16, 8), 0);
  assert.equal(physicalColumn(5, 3, 8), 0);
  assert.deepEqual(ringWrites(0, 3, 8), [[0, 3, 0]]);
  assert.deepEqual(ringWrites(6, 4, 8), [[6, 2, 0], [0, 2, 2]]);
  assert.deepEqual(ringWrites(5, 20, 8), [[1, 7, 12], [0, 1, 19]]);
  assert.deepEqual(ringWrites(5, 0, 8), []);
});

test('appending columns scrolls the window, keeps memory and logs only the new columns', () => {
  const store = normalizeGrid({ rows: 2, cols: 0, values: [], maxColumns: 4, x0: 1000, dx: 10, y0: 0, dy: 1 });
  const bytes = store.byteLength;
  const values = store.values;
  assert.equal(store.layout, 'columns');
  store.append(Float32Array.of(1, 2, 3, 4, 5, 6)); // 3 columns
  assert.equal(store.count, 3);
  assert.equal(store.xStart, 1000);
  assert.equal(store.xEnd, 1030);
  const v = store.version;
  store.append(Float32Array.of(7, 8, 9, 10)); // 2 more: the first scrolls out
  assert.equal(store.count, 4);
  assert.equal(store.xStart, 1010);
  assert.equal(store.xEnd, 1050);
  assert.equal(store.ringOffset, 1);
  assert.deepEqual([0, 1, 2, 3].map((i) => store.value(i, 0)), [3, 5, 7, 9]);
  assert.deepEqual([0, 1, 2, 3].map((i) => store.value(i, 1)), [4, 6, 8, 10]);
  assert.deepEqual(store.changesSince(v), [[3, 1], [0, 1]]);
  assert.equal(store.changesSince(-5), null, 'an old renderer uploads everything');
  assert.deepEqual(store.range(), [3, 10]);
  for (let i = 0; i < 1000; i++) store.append(new Float32Array(6).fill(i));
  assert.equal(store.byteLength, bytes, 'memory does not grow');
  assert.equal(store.values, values, 'the ring is written in place');
  assert.equal(store.count, 4);
  assert.ok(store.changesSince(store.version - 1)?.length);
  assert.throws(() => store.append(new Float32Array(3)), (/** @type {any} */ e) => e.code === 'invalid-grid' && e.column === 'columns');
});

test('a static grid becomes a ring of its own width at its first append', () => {
  const store = normalizeGrid(grid());
  store.append(Float32Array.of(7, 8));
  assert.equal(store.count, 3);
  assert.equal(store.xStart, 1);
  assert.equal(store.xEnd, 4);
  assert.deepEqual([0, 1, 2].map((i) => store.value(i, 0)), [2, 3, 7]);
  assert.deepEqual([0, 1, 2].map((i) => store.value(i, 1)), [5, 6, 8]);
});

/** A sampling source over a static grid. */
const source = (/** @type {GridStore} */ store) => ({ source: store, cols: store.count, ringOffset: store.ringOffset });

test('nearest: the containing cell; outside: NaN', () => {
  const g = source(normalizeGrid(grid()));
  assert.equal(sampleGrid(g, 0.2, 0.2, 'nearest'), 1);
  assert.equal(sampleGrid(g, 2.9, 1.9, 'nearest'), 6);
  assert.equal(sampleGrid(g, 1.5, 1.0, 'nearest'), 5);
  assert.ok(Number.isNaN(sampleGrid(g, -0.1, 0.5, 'nearest')));
  assert.ok(Number.isNaN(sampleGrid(g, 3, 0.5, 'nearest')));
  assert.equal(cellValue(g, -4, 9), 4, 'indices clamp');
});

test('bilinear: exact at centres, linear between, clamped at edges, NaN taps left out', () => {
  const g = source(normalizeGrid(grid()));
  assert.equal(sampleGrid(g, 0.5, 0.5, 'bilinear'), 1);
  assert.equal(sampleGrid(g, 1.0, 0.5, 'bilinear'), 1.5);
  assert.equal(sampleGrid(g, 1.0, 1.0, 'bilinear'), 3);
  assert.equal(sampleGrid(g, 0.1, 0.5, 'bilinear'), 1, 'the edge half-cell clamps');
  const holes = source(normalizeGrid(grid({ values: Float32Array.of(1, NaN, 3, 4, 5, 6) })));
  assert.ok(Number.isNaN(sampleGrid(holes, 1.5, 0.5, 'bilinear')), 'inside a missing cell: missing');
  assert.ok(Number.isNaN(sampleGrid(holes, 1.5, 0.5, 'bicubic')));
  // Between cell 0 (1) and the missing cell 1, rows 0 and 1 (4 and 5): weights renormalised.
  const v = sampleGrid(holes, 0.9, 1.0, 'bilinear');
  const expected = (0.6 * 0.5 * 1 + 0.6 * 0.5 * 4 + 0.4 * 0.5 * 5) / (0.6 * 0.5 + 0.6 * 0.5 + 0.4 * 0.5);
  assert.ok(Math.abs(v - expected) < 1e-12, `${v} vs ${expected}`);
});

test('bicubic is Catmull-Rom: weights sum to 1, interpolates cell values, exact on linear data', () => {
  const w = [0, 0, 0, 0];
  for (const t of [0, 0.25, 0.5, 0.9]) {
    catmullRomWeights(t, w);
    assert.ok(Math.abs(w.reduce((a, b) => a + b) - 1) < 1e-12);
  }
  catmullRomWeights(0, w);
  assert.deepEqual(w.map((x) => x + 0), [0, 1, 0, 0]);
  const cols = 6;
  const values = new Float32Array(cols * 4);
  for (let r = 0; r < 4; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = 2 * c + 3 * r;
  const g = source(normalizeGrid({ rows: 4, cols, values, x0: 0, dx: 1, y0: 0, dy: 1 }));
  // Away from the clamped edges, Catmull-Rom reproduces linear functions.
  for (const [u, v] of [[2.3, 1.7], [3.1, 2.2], [2.5, 1.5]]) {
    const exact = 2 * (u - 0.5) + 3 * (v - 0.5);
    assert.ok(Math.abs(sampleGrid(g, u, v, 'bicubic') - exact) < 1e-5, `(${u}, ${v})`);
  }
  // A missing tap among the 16: the bilinear value.
  values[0] = NaN;
  const holes = source(normalizeGrid({ rows: 4, cols, values, x0: 0, dx: 1, y0: 0, dy: 1 }));
  assert.equal(sampleGrid(holes, 1.2, 1.2, 'bicubic'), sampleGrid(holes, 1.2, 1.2, 'bilinear'));
});

test('sampling a ring reads logical columns through the offset', () => {
  const store = normalizeGrid({ rows: 1, cols: 0, values: [], maxColumns: 3, x0: 0, dx: 1, y0: 0, dy: 1 });
  store.append(Float32Array.of(1, 2, 3, 4));
  const g = source(store);
  assert.deepEqual([0.5, 1.5, 2.5].map((u) => sampleGrid(g, u, 0.5, 'nearest')), [2, 3, 4]);
});

test('colour positions: linear, log (≤ 0 at the bottom), clamped, NaN; LUT index rounds', () => {
  assert.equal(colorPosition(5, 0, 10, 'linear'), 0.5);
  assert.equal(colorPosition(-5, 0, 10, 'linear'), 0);
  assert.equal(colorPosition(50, 0, 10, 'linear'), 1);
  assert.ok(Math.abs(colorPosition(10, 1, 100, 'log') - 0.5) < 1e-12);
  assert.equal(colorPosition(0, 1, 100, 'log'), 0);
  assert.ok(Number.isNaN(colorPosition(NaN, 0, 1, 'linear')));
  assert.equal(colorPosition(3, 3, 3, 'linear'), 0.5);
  assert.equal(lutIndex(0), 0);
  assert.equal(lutIndex(1), 255);
  assert.equal(lutIndex(0.5), 128);
});

test('the pixel transform maps the grid rectangle to cell units', () => {
  const layer = { cols: 4, source: { rows: 2 }, x0: 10, x1: 50, yBottom: 40, yTop: 20 };
  const t = gridTransform(/** @type {any} */ (layer), 100, 5);
  assert.equal(110 * t.ax + t.bx, 0);
  assert.equal(150 * t.ax + t.bx, 4);
  assert.equal(45 * t.ay + t.by, 0);
  assert.equal(25 * t.ay + t.by, 2);
});

test('the chart model draws a grid as one grid layer, x range = the grid, y = its extent exactly, a colour bar', () => {
  const model = new ChartModel();
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  const store = normalizeGrid(grid());
  model.setData(store.keyData('value'), false, store);
  model.setOptions({ heatmap: { colormap: 'magma', interpolation: 'bilinear' } });
  assert.equal(model.series[0]?.type, 'heatmap');
  assert.deepEqual(model.viewport.dataBounds, [0, 3]);
  assert.deepEqual(model.yRange(), [10, 14]);
  const frame = model.frame();
  assert.ok(frame);
  const layers = frame.scene.layers.filter((l) => l.kind === 'grid');
  assert.equal(layers.length, 1);
  const layer = /** @type {any} */ (layers[0]);
  assert.equal(layer.interpolation, 'bilinear');
  assert.equal(layer.lutKey, 'magma');
  assert.equal(layer.min, 1);
  assert.equal(layer.max, 6);
  assert.ok(Math.abs(layer.x0) < 1e-9 && Math.abs(layer.x1 - frame.scene.plot.width) < 1e-9);
  assert.equal(frame.colorBars?.length, 1);
  assert.equal(frame.colorBars?.[0]?.colormap, 'magma');
  // Streaming: appended columns scroll the window that followed the end.
  model.appendGrid(Float32Array.of(7, 8));
  assert.deepEqual(model.viewport.dataBounds, [1, 4]);
  assert.equal(model.viewport.end, 4);
  // Hover: the value of the cell under the pointer.
  const plot = model.plotCss();
  const info = model.pick(plot.x + plot.width * 0.9, plot.y + 2);
  assert.equal(info?.values[0]?.value, 8);
});

test('config colormap names are the core ones', () => {
  assert.deepEqual([...COLORMAP_NAMES], [...CORE_NAMES]);
  assert.deepEqual([...INTERPOLATIONS], ['nearest', 'bilinear', 'bicubic']);
});

test('log axes: the grid layer maps pixels to cells through 10^, so each cell lands where the scales put its values', () => {
  // 1 column, 4 rows of 25 units from 1 to 101, on a log y and a log x (x from 1 to 1001).
  const model = new ChartModel();
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  const store = normalizeGrid({ rows: 4, cols: 2, values: Float32Array.of(0, 0, 1, 1, 2, 2, 3, 3), x0: 1, dx: 500, y0: 1, dy: 25 });
  model.setOptions({ yScale: 'log', xAxis: 'log' });
  model.setData(store.keyData('value'), false, store);
  const frame = model.frame();
  const layer = /** @type {any} */ (frame.scene.layers.find((l) => l.kind === 'grid'));
  assert.ok(layer.yLog && layer.xLog, 'log maps on both axes');
  const pane = model.panes()[0].rect;
  const t = gridTransform(layer, pane.x, pane.y);
  // The canvas y of value 60 (row 2: 51..76) and of value 30 (row 1: 26..51), through the model's own scale.
  for (const [value, row] of [[60, 2], [30, 1], [5, 0], [90, 3]]) {
    const y = model.yOf(value) * 1; // CSS = device px here
    const v = cellCoordinate(Math.fround(Math.fround(y * t.ay) + t.by), true, t.cy, t.dy);
    assert.equal(Math.floor(v), row, `value ${value} at y ${y.toFixed(1)} is in row ${row} (v = ${v})`);
  }
  // x: value 700 is in column 1 (501..1001), value 300 in column 0.
  for (const [value, col] of [[700, 1], [300, 0]]) {
    const x = model.xOf(value);
    const u = cellCoordinate(Math.fround(Math.fround(x * t.ax) + t.bx), true, t.cx, t.dx);
    assert.equal(Math.floor(u), col, `x ${value} in column ${col} (u = ${u})`);
  }
  // Linear axes: no log maps.
  model.setOptions({ yScale: 'linear', xAxis: 'linear' });
  const linear = /** @type {any} */ (model.frame().scene.layers.find((l) => l.kind === 'grid'));
  assert.equal(linear.yLog, null);
  assert.equal(linear.xLog, null);
});

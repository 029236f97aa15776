// Streaming surfaces without a DOM: the ring of columns (SurfaceRing) and `appendGrid3d` — the
// window keeps `maxColumns` columns and drops the oldest, the heights array is written in place
// (never reallocated), only the appended columns are logged for the GPU, the box's x range scrolls,
// bad batches are refused whole with the field named, and the surface layer carries the ring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendGrid3d, ChartModel, gridHeight, parseGrid3d, SurfaceRing, surfaceHeightIndex } from '../../build/node/core/index.js';
import { DataError } from '../../build/node/data/index.js';
import { loadSeriesType } from '../../build/node/series/index.js';

await loadSeriesType('surface');

/** k columns of `rows` heights, column j's row r = f(j, r). */
function columnsOf(k, rows, f) {
  const out = new Float32Array(k * rows);
  for (let j = 0; j < k; j++) for (let r = 0; r < rows; r++) out[j * rows + r] = f(j, r);
  return out;
}

/** The shown heights, column by column (oldest first), read through the public accessors. */
function shown(grid) {
  return Array.from({ length: grid.cols }, (_, c) => Array.from({ length: grid.rows }, (_, r) => gridHeight(grid, r, c)));
}

test('SurfaceRing: fills, wraps, keeps the newest capacity columns at the right x, logs only the writes', () => {
  const ring = new SurfaceRing(2, 4, 10, 5);
  const values = ring.values;
  assert.equal(ring.append(columnsOf(3, 2, (j, r) => j * 10 + r)), 3);
  assert.equal(ring.count, 3);
  assert.equal(ring.offset, 0);
  assert.deepEqual([...ring.xs], [5, 15, 25]);
  assert.deepEqual(ring.xRange(), [-5, 25], 'a filling window spans capacity columns ending at the newest');
  const v1 = ring.version;
  // Three more: two wrap to the start (physical 3, then 0 and 1).
  ring.append(columnsOf(3, 2, (j, r) => 100 + j * 10 + r));
  assert.equal(ring.count, 4, 'the window keeps capacity columns');
  assert.equal(ring.total, 6);
  assert.equal(ring.offset, 2, 'the oldest shown column is physical 2');
  assert.deepEqual([...ring.xs], [25, 35, 45, 55]);
  assert.deepEqual(ring.xRange(), [25, 55], 'full: the window is the shown columns, scrolled by the step');
  assert.deepEqual([0, 1, 2, 3].map((c) => ring.height(c, 1)), [21, 101, 111, 121]);
  assert.deepEqual(ring.zRange(), [20, 121]);
  assert.deepEqual(ring.changesSince(v1), [[3, 1], [0, 2]], 'only the written ranges, in write order');
  assert.deepEqual(ring.changesSince(ring.version), []);
  assert.equal(ring.changesSince(-1), null, 'a renderer with nothing uploads everything');
  assert.equal(ring.values, values, 'written in place');
  // A batch larger than the ring: only its last capacity columns are written.
  ring.append(columnsOf(6, 2, (j) => 200 + j));
  assert.deepEqual([0, 1, 2, 3].map((c) => ring.height(c, 0)), [202, 203, 204, 205]);
  assert.deepEqual([...ring.xs], [85, 95, 105, 115]);
});

test('SurfaceRing: the change log is bounded; a renderer too far behind uploads everything', () => {
  const ring = new SurfaceRing(1, 8, 1, 0);
  ring.append([0]);
  const old = ring.version;
  for (let i = 0; i < 100; i++) ring.append([i]);
  assert.equal(ring.changesSince(old), null);
  assert.equal(ring.changesSince(ring.version - 1).length, 1);
});

test('appendGrid3d: the first append turns a { x, y, z } grid into a ring of maxColumns; the oldest drop', () => {
  const grid = parseGrid3d({ x: [0, 1, 2], y: [0, 1], z: [[1, 2, 3], [4, 5, 6]], maxColumns: 4 });
  assert.deepEqual(shown(grid), [[1, 4], [2, 5], [3, 6]]);
  assert.equal(appendGrid3d(grid, { columns: [7, 8] }), 1);
  assert.equal(grid.cols, 4);
  assert.deepEqual(shown(grid), [[1, 4], [2, 5], [3, 6], [7, 8]], 'the old columns kept, the new one at the right');
  assert.deepEqual([...grid.xs], [0, 1, 2, 3], 'x advances by the last spacing');
  const values = grid.values;
  for (let k = 0; k < 10; k++) appendGrid3d(grid, { columns: [k, -k] });
  assert.equal(grid.cols, 4, 'the window stays maxColumns wide');
  assert.deepEqual(shown(grid), [[6, -6], [7, -7], [8, -8], [9, -9]]);
  assert.deepEqual(grid.bounds.x, [10, 13], 'the box x range scrolls with the data');
  assert.deepEqual(grid.bounds.z, [-9, 9]);
  assert.equal(grid.values, values, 'the heights are the same array after many appends');
  assert.equal(grid.ring.values.length, 4 * 2, 'sized for the window once');
});

test('appendGrid3d: without maxColumns the window is the grid\'s own column count; the heatmap shape starts empty', () => {
  const grid = parseGrid3d({ x: [0, 1], y: [0, 1, 2], z: [[0, 0], [1, 1], [2, 2]] });
  appendGrid3d(grid, { columns: Float32Array.of(5, 6, 7) });
  assert.equal(grid.cols, 2);
  assert.deepEqual(shown(grid), [[0, 1, 2], [5, 6, 7]]);
  const empty = parseGrid3d({ rows: 2, cols: 0, values: [], maxColumns: 3, x0: 100, dx: 10, y0: 0, dy: 1 });
  assert.equal(empty.cols, 0);
  assert.deepEqual(empty.bounds.x, [105, 125], 'an empty streaming grid spans its window');
  appendGrid3d(empty, { columns: [1, 2, 3, 4] });
  assert.deepEqual([...empty.xs], [105, 115], 'columns start at x0 + dx / 2, one dx apart');
  assert.deepEqual(shown(empty), [[1, 2], [3, 4]]);
});

test('appendGrid3d: a wrong column height, a non-finite height or a wrong shape is refused whole, naming the field', () => {
  const grid = parseGrid3d({ x: [0, 1, 2], y: [0, 1], z: [[1, 2, 3], [4, 5, 6]], maxColumns: 3 });
  appendGrid3d(grid, { columns: [7, 8] });
  const before = JSON.stringify(shown(grid));
  const version = grid.ring.version;
  /** @type {[unknown, string, RegExp][]} */
  const cases = [
    [{ columns: [1, 2, 3] }, 'columns', /multiple of the surface's rows \(2\)/],
    [{ columns: [1, 2, 3, NaN] }, 'columns[3]', /row 1 of appended column 1 must be a finite number/],
    [{ columns: [Infinity, 2] }, 'columns[0]', /finite/],
    [{ columns: ['1', 2] }, 'columns[0]', /finite/],
    [{ columns: 'nope' }, 'columns', /Float32Array/],
    [{ x: [1], y: [2], z: [3] }, 'columns', /appends \{ columns/],
    [[1, 2], 'columns', /appends \{ columns/],
  ];
  for (const [input, column, message] of cases) {
    assert.throws(() => appendGrid3d(grid, input), (/** @type {any} */ error) => error instanceof DataError && error.column === column && message.test(error.message) && error.code === 'invalid-grid', `${JSON.stringify(input)} → ${column}`);
  }
  assert.equal(JSON.stringify(shown(grid)), before, 'the grid is as it was');
  assert.equal(grid.ring.version, version, 'nothing written');
  // A grid that never streamed stays row-major after a refused first append.
  const fresh = parseGrid3d({ x: [0, 1], y: [0, 1], z: [[1, 2], [3, 4]] });
  assert.throws(() => appendGrid3d(fresh, { columns: [NaN, 1] }));
  assert.equal(fresh.ring, undefined);
  assert.deepEqual(shown(fresh), [[1, 3], [2, 4]]);
  assert.throws(() => parseGrid3d({ x: [0, 1, 2], y: [0, 1], z: [[1, 2, 3], [4, 5, 6]], maxColumns: 2 }), (/** @type {any} */ e) => e.column === 'maxColumns');
});

test('the surface layer carries the ring: heights read through it match the grid, the box x range scrolls', () => {
  const rows = 8;
  const grid = parseGrid3d({ rows, cols: 0, values: [], maxColumns: 16, x0: 0, dx: 1, y0: 0, dy: 1 });
  const model = new ChartModel();
  model.setOptions({ defaultType: 'surface' });
  model.setSize({ width: 300, height: 200, pixelRatio: 1 });
  model.three.setGrid(grid);
  model.setSeriesOptions(null);
  const layerOf = () => model.frame().scene.layers.find((l) => l.kind === 'surface3d');
  appendGrid3d(grid, { columns: columnsOf(10, rows, (j, r) => j + r / 10) });
  let layer = layerOf();
  assert.equal(layer.cols, 10);
  assert.equal(layer.ring, grid.ring);
  assert.equal(layer.heights, grid.ring.values);
  const key = layer.dataKey;
  appendGrid3d(grid, { columns: columnsOf(10, rows, (j, r) => 10 + j + r / 10) });
  layer = layerOf();
  assert.equal(layer.cols, 16);
  assert.notEqual(layer.dataKey, key, 'the column x moved: a new data key');
  for (const c of [0, 7, 15]) for (const r of [0, 7]) assert.equal(layer.heights[surfaceHeightIndex(layer, r, c)], Math.fround(4 + c + r / 10), `column ${c} row ${r}`);
  assert.deepEqual(model.three.lastFrame.map.range.x, [4.5, 19.5], 'the box shows the newest 16 columns');
  assert.deepEqual(layer.ring.changesSince(layer.ring.version - 1), [[10, 6], [0, 4]], 'the last append wrote 10 columns, wrapping');
  assert.equal(layer.xs.length, 16);
  // World x of the shown columns span the box (-1 … 1) once the ring is full, whatever has scrolled.
  assert.ok(Math.abs(layer.xs[0] + 1) < 1e-6 && Math.abs(layer.xs[15] - 1) < 1e-6, `${layer.xs[0]} … ${layer.xs[15]}`);
});

test('a streamed grid shown as bars3d (the type switched after appends) reads its heights from the ring', () => {
  const rows = 3;
  const grid = parseGrid3d({ rows, cols: 0, values: [], maxColumns: 4, x0: 0, dx: 1, y0: 0, dy: 1 });
  appendGrid3d(grid, { columns: columnsOf(6, rows, (j, r) => 10 * j + r) });
  assert.equal(grid.ring.offset, 2, 'the ring wrapped');
  const model = new ChartModel();
  model.setOptions({ defaultType: 'bars3d' });
  model.setSize({ width: 300, height: 200, pixelRatio: 1 });
  model.three.setGrid(grid);
  model.setSeriesOptions(null);
  const bars = model.frame().scene.layers.find((l) => l.kind === 'bars3d');
  const { scale, offset } = model.three.lastFrame.map;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < 4; c++) {
      const top = (bars.data[(r * 4 + c) * 4 + 3] - offset[2]) / scale[2];
      assert.ok(Math.abs(top - (10 * (c + 2) + r)) < 1e-3, `bar (${r}, ${c}): ${top}`);
    }
  }
});

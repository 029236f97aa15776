// 3D data from files and appends, without a DOM: CSV / JSON text into point clouds and grids
// (with errors naming the line and column), appending points to a cloud in place (checked whole
// first), and the points3d series writing only the appended points while the box stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseData3dText as parseText, appendPoints3d, parsePoints3d, ChartModel } from '../../build/node/core/index.js';

/** Points or a grid, as the test expects (typed loosely: it reads either shape). @returns {any} */
const parseData3dText = (/** @type {Parameters<typeof parseText>} */ ...args) => parseText(...args);
import { DataError } from '../../build/node/data/index.js';
import { loadSeriesType } from '../../build/node/series/index.js';

// 3D is a lazy chunk: the model builds 3D frames once it is loaded.
await loadSeriesType('surface');

test('CSV points: a header, then one row per point; other columns kept', () => {
  const points = parseData3dText('x,y,z,mag\n1,2,3,0.5\n4,5,6,0.7\n\n-1,0,2.5,1\n', 'csv', 'cloud.csv', 'points');
  assert.equal(points.count, 3);
  assert.deepEqual([...points.x], [1, 4, -1]);
  assert.deepEqual([...points.z], [3, 6, 2.5]);
  assert.deepEqual([...points.columns.mag], [0.5, 0.7, 1]);
  assert.deepEqual(points.bounds.y, [0, 5]);
  // Semicolons and tabs too.
  assert.equal(parseData3dText('x;y;z\n1;2;3\n', 'csv', 'a.csv', 'points').count, 1);
  assert.equal(parseData3dText('x\ty\tz\n1\t2\t3\n', 'csv', 'a.tsv', 'points').count, 1);
});

test('JSON points: columns or records', () => {
  assert.equal(parseData3dText('{"x":[1,2],"y":[3,4],"z":[5,6]}', 'json', 'a.json', 'points').count, 2);
  const records = parseData3dText('[{"x":1,"y":2,"z":3,"c":9},{"x":4,"y":5,"z":6,"c":8}]', 'json', 'a.json', 'points');
  assert.equal(records.count, 2);
  assert.deepEqual([...records.columns.c], [9, 8]);
});

test('grids: CSV long form in any order, JSON rows; a missing or repeated cell is an error', () => {
  const grid = parseData3dText('x,y,z\n1,10,0.5\n0,10,0.25\n0,20,1\n1,20,2\n', 'csv', 'g.csv', 'grid');
  assert.equal(grid.rows, 2);
  assert.equal(grid.cols, 2);
  assert.deepEqual([...grid.values], [0.25, 0.5, 1, 2]);
  const json = parseData3dText('{"x":[0,1],"y":[0,1],"z":[[1,2],[3,4]]}', 'json', 'g.json', 'grid');
  assert.deepEqual([...json.values], [1, 2, 3, 4]);
  assert.throws(() => parseData3dText('x,y,z\n0,0,1\n1,0,1\n0,1,1\n', 'csv', 'g.csv', 'grid'), (e) => e instanceof DataError && /g\.csv.*x = 1, y = 1 is missing/.test(e.message));
  assert.throws(() => parseData3dText('x,y,z\n0,0,1\n0,0,2\n1,0,1\n0,1,1\n1,1,1\n', 'csv', 'g.csv', 'grid'), (e) => e instanceof DataError && /repeats the cell/.test(e.message));
});

test('bad files: errors name the file, line and column', () => {
  assert.throws(
    () => parseData3dText('x,y,z\n1,2,3\n4,abc,6\n', 'csv', 'bad.csv', 'points'),
    (e) => e instanceof DataError && e.line === 3 && e.column === 'y' && e.source === 'bad.csv' && /line 3, column "y": "abc" is not a finite number/.test(e.message),
  );
  assert.throws(() => parseData3dText('x,y,z\n1,2\n', 'csv', 'bad.csv', 'points'), (e) => e instanceof DataError && e.code === 'malformed-csv' && e.line === 2);
  assert.throws(() => parseData3dText('{"x":[1,2', 'json', 'bad.json', 'points'), (e) => e instanceof DataError && e.code === 'malformed-json');
  assert.throws(() => parseData3dText('x,y,w\n1,2,3\n', 'csv', 'bad.csv', 'points'), (e) => e instanceof DataError && /bad\.csv/.test(e.message) && /needs columns/.test(e.message));
  assert.throws(() => parseData3dText('[{"x":1,"y":2,"z":3},{"x":1,"y":"2","z":3}]', 'json', 'r.json', 'points'), (e) => e instanceof DataError && e.row === 1 && e.column === 'y');
  assert.throws(() => parseData3dText('', 'csv', 'empty.csv', 'points'), (e) => e instanceof DataError && e.code === 'empty');
});

test('appendPoints3d: in place, amortised room, bounds widened; bad input changes nothing', () => {
  const points = parsePoints3d({ x: [0, 1], y: [0, 1], z: [0, 1], c: [5, 6] });
  const key = points.key;
  assert.equal(appendPoints3d(points, { x: [2], y: [0.5], z: [-1], c: [7] }), 1);
  assert.equal(points.count, 3);
  assert.equal(points.key, key, 'same cloud');
  assert.equal(points.appends, 1);
  assert.deepEqual(points.bounds.x, [0, 2]);
  assert.deepEqual(points.bounds.z, [-1, 1]);
  assert.equal(points.columns.c[2], 7);
  for (let i = 0; i < 100; i++) appendPoints3d(points, { x: [i / 100], y: [0], z: [0], c: [1] });
  assert.equal(points.count, 103);
  assert.ok(points.x.length >= 103 && points.x.length < 103 * 20, 'room grows geometrically');
  const before = JSON.stringify({ count: points.count, bounds: points.bounds, appends: points.appends });
  assert.throws(() => appendPoints3d(points, { x: [1, 2], y: [1], z: [1, 2], c: [1, 1] }), (e) => e instanceof DataError && e.column === 'append.y');
  assert.throws(() => appendPoints3d(points, { x: [1], y: [1], z: [NaN], c: [1] }), (e) => e instanceof DataError && e.column === 'append.z[0]');
  assert.throws(() => appendPoints3d(points, { x: [1], y: [1], z: [1] }), (e) => e instanceof DataError && e.column === 'append.c' && /missing/.test(e.message));
  assert.throws(() => appendPoints3d(points, { x: [1], y: [1], z: [1], c: [1], w: [2] }), (e) => e instanceof DataError && e.column === 'append.w');
  assert.throws(() => appendPoints3d(points, [1, 2, 3]), (e) => e instanceof DataError);
  assert.equal(JSON.stringify({ count: points.count, bounds: points.bounds, appends: points.appends }), before, 'nothing changed');
  assert.equal(appendPoints3d(points, { x: [], y: [], z: [], c: [] }), 0);
});

/** A model of a points3d chart with these points; its points3d layer after a frame. */
function modelOf(points) {
  const model = new ChartModel();
  model.setOptions({ defaultType: 'points3d' });
  model.setSize({ width: 300, height: 200, pixelRatio: 1 });
  model.three.setPoints(points);
  model.setSeriesOptions(null);
  return { model, layer: () => model.frame().scene.layers.find((l) => l.kind === 'points3d') };
}

test('the series writes only appended points while the box stays; a point outside it rebuilds', () => {
  const n = 5000;
  const r = (i) => ((i * 7919) % 1000) / 1000;
  const points = parsePoints3d({ x: Array.from({ length: n }, (_, i) => r(i)), y: Array.from({ length: n }, (_, i) => r(i + 1)), z: Array.from({ length: n }, (_, i) => r(i + 2)) });
  // The box: [0, 0.999] each way; appends inside it.
  const { layer } = modelOf(points);
  const first = layer();
  const ids = first.ids;
  const firstKey = first.dataKey;
  const old = first.data.slice(0, n * 4);
  // Mark an old element: an incremental build leaves it alone, a rebuild rewrites it.
  first.data[0] = 42;
  appendPoints3d(points, { x: [0.5, 0.25], y: [0.5, 0.75], z: [0.5, 0.1] });
  const second = layer();
  assert.equal(second.count, n + 2);
  assert.deepEqual(second.appendFrom, { from: n, dataKey: firstKey }, 'the renderer uploads from n');
  assert.equal(second.data[0], 42, 'old elements not rewritten');
  assert.deepEqual([...second.ids.subarray(0, n)], [...ids.subarray(0, n)], 'the progressive order kept');
  assert.deepEqual([second.ids[n], second.ids[n + 1]], [n, n + 1], 'appended points follow it');
  // The new element's world position: the map of the same box.
  const map = (v) => (v / 0.999) * 2 - 1;
  assert.ok(Math.abs(second.data[n * 4] - map(0.5)) < 1e-5 && Math.abs(second.data[(n + 1) * 4 + 1] - map(0.75)) < 1e-5);
  // A point beyond the box: the map changes, everything is written again.
  appendPoints3d(points, { x: [3], y: [0], z: [0] });
  const third = layer();
  assert.equal(third.appendFrom, undefined, 'a full rebuild');
  assert.notEqual(third.data[0], 42);
  assert.ok(Math.abs(third.data[0] - ((old[0] + 1) * (0.999 / 3) - 1)) < 1e-4, 'old elements in the new box');
});

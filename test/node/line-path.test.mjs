// LinePath (src/series/shared/line-path.ts): a frame that changes only the y range reuses the
// previous M4 decimation (issue 16: the y range changing every frame), and anything that changes
// what is decimated — the data's version, the x window, the width, the column — decimates again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinePath } from '../../build/node/series/shared/line-path.js';
import { MinMaxPyramid } from '../../build/node/data/lod/minmax-pyramid.js';

const N = 200_000;
const time = Float64Array.from({ length: N }, (_, i) => i * 1000);
const values = Float64Array.from({ length: N }, (_, i) => Math.sin(i / 700) * 50 + ((i * 7919) % 13));
const pyramid = new MinMaxPyramid(values);
/** A DrawTarget with what LinePath reads (pane width, LOD columns, scales). @returns {any} */
const target = (yMin, yMax, width = 800) => ({
  pane: { width, height: 400 },
  lodColumns: width,
  xScale: { kind: 'time', toPixel: (t) => ((t - time[0]) / (time[N - 1] - time[0])) * width },
  yScale: { kind: 'linear', toPixel: (v) => 400 - ((v - yMin) / (yMax - yMin)) * 400 },
});

test('only the y range changed: the decimation is reused (same indices, not recomputed), the points follow the new y range', (t) => {
  const path = /** @type {any} */ (new LinePath());
  path.build(time, values, N, pyramid, time[0], time[N - 1], target(-60, 70), 1);
  const indices = Array.from(path.indices.subarray(0, path.indexCount));
  const ys = Array.from({ length: path.count }, (_, k) => path.points[2 * k + 1]);
  const decimate = t.mock.method(path.decimator, 'decimate');
  path.build(time, values, N, pyramid, time[0], time[N - 1], target(-120, 140), 1);
  assert.equal(decimate.mock.callCount(), 0, 'no decimation for a y-only change');
  assert.deepEqual(Array.from(path.indices.subarray(0, path.indexCount)), indices);
  const ys2 = Array.from({ length: path.count }, (_, k) => path.points[2 * k + 1]);
  assert.notDeepEqual(ys2, ys, 'the points moved with the y range');
  // And the reused result is what a fresh path computes for the same frame.
  const fresh = new LinePath();
  fresh.build(time, values, N, pyramid, time[0], time[N - 1], target(-120, 140), 1);
  assert.deepEqual(Array.from(fresh.points.subarray(0, fresh.count * 2)), Array.from(path.points.subarray(0, path.count * 2)));
});

test('a new data version, another x window, width or column decimates again; no version: never reused', (t) => {
  const path = /** @type {any} */ (new LinePath());
  const decimate = t.mock.method(path.decimator, 'decimate');
  path.build(time, values, N, pyramid, time[0], time[N - 1], target(-60, 70), 1);
  path.build(time, values, N, pyramid, time[0], time[N - 1], target(-60, 70), 2);
  path.build(time, values, N, pyramid, time[10], time[N - 1], target(-60, 70), 2);
  path.build(time, values, N, pyramid, time[10], time[N - 1], target(-60, 70, 600), 2);
  const other = values.slice();
  path.build(time, other, N, new MinMaxPyramid(other), time[10], time[N - 1], target(-60, 70, 600), 2);
  path.build(time, other, N, new MinMaxPyramid(other), time[10], time[N - 1], target(-60, 70, 600));
  path.build(time, other, N, new MinMaxPyramid(other), time[10], time[N - 1], target(-60, 70, 600));
  assert.equal(decimate.mock.callCount(), 7);
});

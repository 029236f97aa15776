// Polyline runs and pieces (src/core/scene/polyline-runs.ts): the Canvas2D renderer strokes an
// opaque level-of-detail line in pieces of runs; the pieces must cover every run exactly once and
// share their endpoints, so that their segments are exactly the one-path line's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPolylineRuns, pieceBounds, PolylineRuns, runSegments, RUN_JOINED, RUN_SPAN, RUNS_PER_PIECE } from '../../build/node/core/scene/polyline-runs.js';
import { GAP_Y } from '../../build/node/core/scene/frame-scene.js';

/**
 * An M4-shaped line: `columns` columns of 1–4 points at the column's centre, gaps where `gapAt(c)`.
 * @param {number} columns
 * @param {(column: number) => boolean} [gapAt]
 */
function m4Line(columns, gapAt = (column) => column < 0) {
  const points = [];
  let v = 300;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let c = 0; c < columns; c++) {
    const x = c + 0.5;
    if (gapAt(c)) {
      points.push(x, GAP_Y);
      continue;
    }
    const n = 1 + (c % 4);
    for (let k = 0; k < n; k++) {
      v += (random() - 0.5) * 20;
      points.push(x, v);
    }
  }
  return { points: Float32Array.from(points), count: points.length / 2 };
}

const segmentsOf = (runs, start, end) => {
  const out = [];
  runSegments(runs, start, end, (ax, ay, bx, by) => out.push([ax, ay, bx, by]));
  return out;
};

test('runs: one per x, vertical span from lowest to highest, joined to the previous run', () => {
  // x 0.5: three points; x 1.5: one; gap; x 3.5: two.
  const points = Float32Array.from([0.5, 10, 0.5, 4, 0.5, 7, 1.5, 9, 2.5, GAP_Y, 3.5, 1, 3.5, 5]);
  const runs = findPolylineRuns(points, 7);
  assert.equal(runs.count, 3);
  assert.deepEqual([...runs.x.subarray(0, 3)], [0.5, 1.5, 3.5]);
  assert.deepEqual([...runs.lo.subarray(0, 3)], [4, 9, 1]);
  assert.deepEqual([...runs.hi.subarray(0, 3)], [10, 9, 5]);
  assert.deepEqual([...runs.first.subarray(0, 3)], [10, 9, 1]);
  assert.deepEqual([...runs.last.subarray(0, 3)], [7, 9, 5]);
  assert.deepEqual([...runs.flags.subarray(0, 3)], [RUN_SPAN, RUN_JOINED, RUN_SPAN]);
  assert.deepEqual(segmentsOf(runs, 0, 3), [
    [0.5, 4, 0.5, 10],
    [0.5, 7, 1.5, 9],
    [3.5, 1, 3.5, 5],
  ]);
});

test('pieces cover every run exactly once, in order, at most the piece size each', () => {
  for (const [runCount, size] of [[0, 32], [1, 32], [31, 32], [32, 32], [33, 32], [1130, 32], [1130, 0], [1130, Infinity], [100, 7]]) {
    const bounds = pieceBounds(runCount, size);
    const covered = new Array(runCount).fill(0);
    for (let k = 0; k + 1 < bounds.length; k++) {
      assert.ok(bounds[k + 1] > bounds[k], `empty piece ${k} (${runCount}, ${size})`);
      if (size > 0 && Number.isFinite(size)) assert.ok(bounds[k + 1] - bounds[k] <= size);
      for (let r = bounds[k]; r < bounds[k + 1]; r++) covered[r]++;
    }
    assert.ok(covered.every((n) => n === 1), `runs covered ${runCount}, ${size}`);
    if (!(size > 0 && Number.isFinite(size)) && runCount > 0) assert.deepEqual(bounds, [0, runCount]);
  }
});

test("the pieces' segments are the one path's, and consecutive pieces share an endpoint", () => {
  for (const gapAt of [(/** @type {number} */ c) => c < 0, (/** @type {number} */ c) => c % 97 === 40 || c === 64 || c === 65]) {
    const { points, count } = m4Line(1130, gapAt);
    const runs = findPolylineRuns(points, count, new PolylineRuns());
    const whole = segmentsOf(runs, 0, runs.count);
    const bounds = pieceBounds(runs.count, RUNS_PER_PIECE);
    assert.ok(bounds.length - 1 >= Math.ceil(runs.count / RUNS_PER_PIECE));
    const pieces = [];
    for (let k = 0; k + 1 < bounds.length; k++) pieces.push(segmentsOf(runs, bounds[k], bounds[k + 1]));
    assert.deepEqual(pieces.flat(), whole);
    let shared = 0;
    for (let k = 1; k < pieces.length; k++) {
      const start = bounds[k];
      if (!(runs.flags[start] & RUN_JOINED)) continue; // after a gap: nothing to join
      // The previous piece ends with the run before `start`: its span (which holds the run's
      // last point) or, for a one-point run, the join that ends at it.
      const [ax, ay, bx, by] = pieces[k - 1].at(-1);
      const [px, py] = [runs.x[start - 1], runs.last[start - 1]];
      const onLast = (ax === px && bx === px && Math.min(ay, by) <= py && py <= Math.max(ay, by)) || (bx === px && by === py);
      assert.ok(onLast, `piece ${k - 1} ends at the line's point (${px}, ${py})`);
      assert.deepEqual(pieces[k][0].slice(0, 2), [px, py], `piece ${k} starts at that point`);
      shared++;
    }
    assert.ok(shared > 20);
  }
});

test('a reused PolylineRuns grows and forgets the previous line', () => {
  const runs = new PolylineRuns();
  const big = m4Line(2000);
  findPolylineRuns(big.points, big.count, runs);
  assert.equal(runs.count, 2000);
  const small = m4Line(3);
  findPolylineRuns(small.points, small.count, runs);
  assert.equal(runs.count, 3);
  assert.equal(runs.flags[0] & RUN_JOINED, 0);
});

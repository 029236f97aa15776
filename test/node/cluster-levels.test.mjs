// Grid clusters that split smoothly (no DOM): data-anchored power-of-two cells chosen from the zoom
// (core/scene/cluster-levels.ts), their CPU binning (cluster-cells.ts, the compute pass's
// reference) and the discs drawn between a cell's centroid and its parents' (cluster-discs.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellAlong, clusterAxis, clusterGrid, clusterLevel } from '../../build/node/core/scene/cluster-levels.js';
import { CLUSTER_WORDS, clusterCellWords } from '../../build/node/core/scene/cluster-cells.js';
import { clusterDiscs, clusterLabels, clusterRadius, sharedAlpha } from '../../build/node/core/scene/cluster-discs.js';

const STYLE = { pointRadius: 3, minRadius: 5, radiusStep: 2, cellSize: 40, alpha: 1 };

/** Seeded points in clumps (u, v in [0, 1000)), as f32 pairs. */
function clumps(n, seed = 7) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const centres = Array.from({ length: 12 }, () => [rand() * 1000, rand() * 1000]);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = centres[i % centres.length];
    out[i * 2] = cx + (rand() - 0.5) * 80;
    out[i * 2 + 1] = cy + (rand() - 0.5) * 80;
  }
  return out;
}

/** The discs a layer of `points` draws with `transform` in a `width` × `height` pane. */
function discsOf(points, transform, width = 400, height = 300, style = STYLE) {
  const grid = clusterGrid(transform, width, height, style.cellSize);
  const words = clusterCellWords({ points, count: points.length / 2 }, grid);
  // Discs wholly outside the pane are clipped away: the grid's pairs may reach past it.
  const visible = (d) => d.x + d.radius > 0 && d.x - d.radius < width && d.y + d.radius > 0 && d.y - d.radius < height;
  return { grid, words, discs: clusterDiscs(words, grid, style).filter(visible) };
}

/** The largest distance from a disc of `a` to the nearest disc of `b` (centre and radius). */
function farthest(a, b) {
  let worst = 0;
  for (const d of a) {
    let best = Infinity;
    for (const e of b) best = Math.min(best, Math.max(Math.hypot(d.x - e.x, d.y - e.y), Math.abs(d.radius - e.radius)));
    worst = Math.max(worst, best);
  }
  return worst;
}

test('clusterLevel: cells of 2^level units are between half the nominal cell and the nominal cell on screen', () => {
  assert.deepEqual(clusterLevel(1, 32), { level: 5, t: 0 });
  for (const scale of [0.001, 0.37, 1, 2.5, 77, 1e6]) {
    const { level, t } = clusterLevel(scale, 40);
    const px = 2 ** level * scale;
    assert.ok(px > 20 - 1e-9 && px <= 40 + 1e-9, `${scale}: ${px} px`);
    assert.ok(Math.abs(40 * 2 ** -t - px) < 1e-9, 'the fraction is how far the cell has shrunk toward half');
  }
  assert.deepEqual(clusterLevel(0, 40), { level: 0, t: 0 }, 'a degenerate axis');
});

test('clusterAxis: whole pairs of cells covering the pane, on flipped axes too', () => {
  for (const [scale, offset] of [[1, 0], [0.8, -13.7], [-0.8, 250], [3.3, 1000]]) {
    const axis = clusterAxis(scale, offset, 300, 40);
    assert.equal(Math.abs(axis.first % 2), 0, 'the first cell starts a pair');
    assert.equal(axis.cells % 2, 0, 'whole pairs');
    for (const px of [0, 150, 299.9]) {
      const u = Math.fround((px - offset) / scale);
      assert.ok(cellAlong(u, axis) >= 0, `pane px ${px} is inside the grid (${JSON.stringify(axis)})`);
    }
    const g = cellAlong(Math.fround((150 - offset) / scale), axis);
    const edge = offset + scale * 2 ** axis.level * (g + axis.first);
    assert.ok(Math.abs(axis.originPx + axis.cellPx * g - edge) < 1e-9, 'originPx and cellPx place cells where the transform does');
  }
});

test('clusterCellWords: counts and fixed-point offsets per cell; the disc of a cell at t = 0 is its centroid', () => {
  const points = Float32Array.from([2, 2, 4, 6, 6, 4, 35, 35, NaN, 1, 1e30, 1e30]);
  const grid = clusterGrid([1, 0, 1, 0], 60, 60, 32);
  assert.deepEqual([grid.x.level, grid.x.t, grid.x.first, grid.x.cells], [5, 0, 0, 2]);
  const words = clusterCellWords({ points, count: 6 }, grid);
  assert.equal(words[0], 3, 'three points in cell (0, 0)');
  assert.equal(words[(1 * 2 + 1) * CLUSTER_WORDS], 1, 'one in cell (1, 1)');
  assert.equal(words[1] + words[2] * 2 ** 32, ((2 + 4 + 6) / 32) * 65536, 'x offsets in 1/65536 of a cell');
  const discs = clusterDiscs(words, grid, STYLE);
  assert.equal(discs.length, 2, 'missing points are left out');
  // t = 0 on both axes: each cell at its own centroid.
  assert.deepEqual([discs[0].x, discs[0].y, discs[0].count, discs[0].radius], [4, 4, 3, clusterRadius(3, STYLE)]);
  assert.deepEqual([discs[1].x, discs[1].y, discs[1].radius], [35, 35, STYLE.pointRadius]);
});

test('panning by a fraction of a cell keeps every point in its cell and every cluster where it was', () => {
  const points = clumps(5000);
  const a = discsOf(points, [0.4, 3, -0.3, 290]);
  for (const shift of [0.3, 7.9, 13.5]) {
    const b = discsOf(points, [0.4, 3 + shift, -0.3, 290 + shift / 2]);
    for (let i = 0; i < points.length / 2; i++) {
      const [u, v] = [points[i * 2], points[i * 2 + 1]];
      const ga = [cellAlong(u, a.grid.x), cellAlong(v, a.grid.y)];
      const gb = [cellAlong(u, b.grid.x), cellAlong(v, b.grid.y)];
      if (ga.includes(-1) || gb.includes(-1)) continue;
      assert.deepEqual([ga[0] + a.grid.x.first, ga[1] + a.grid.y.first], [gb[0] + b.grid.x.first, gb[1] + b.grid.y.first], `point ${i} keeps its global cell`);
    }
    // Every cluster moves exactly with the pan (clusters of cells in both grids).
    const moved = a.discs.map((d) => ({ ...d, x: d.x + shift, y: d.y + shift / 2 }));
    const inside = (d) => d.x > 40 && d.x < 360 && d.y > 40 && d.y < 260;
    assert.ok(farthest(moved.filter(inside), b.discs) < 1e-6, `pan ${shift}: clusters do not jump`);
  }
});

test('the drawn clusters are continuous in the zoom: across a level boundary a tiny zoom moves nothing', () => {
  const points = clumps(20_000);
  // Scales where x (then both axes) sit exactly on a level boundary: 2^k × scale = 40 px.
  for (const [sx, sy] of [[40 / 2 ** 5, -0.29], [40 / 2 ** 4, -(40 / 2 ** 4)], [40 / 2 ** 6, -0.11]]) {
    for (const eps of [1e-7, 1e-5]) {
      // Zoom around pane px (200, 150), where u = v = 500.
      const at = (k) => [sx * k, 200 - 500 * sx * k, sy * k, 150 - 500 * sy * k];
      const before = discsOf(points, at(1 + eps));
      const after = discsOf(points, at(1 - eps));
      assert.notEqual(before.grid.x.level, after.grid.x.level, 'the zoom crosses a level');
      assert.notEqual(before.discs.length, after.discs.length, 'cells merge');
      const d = Math.max(farthest(before.discs, after.discs), farthest(after.discs, before.discs));
      assert.ok(d < 0.02, `sx ${sx}, sy ${sy}, eps ${eps}: discs move ${d} px`);
    }
  }
});

test('within a level, a 1 % zoom moves each cluster by about 1 % of its distance to the zoom centre', () => {
  const points = clumps(20_000, 3);
  for (let s = 0.05; s < 0.8; s *= 1.01) {
    // Zoom around pane px (200, 150): px = (u − 500) × s + 200.
    const a = discsOf(points, [s, 200 - 500 * s, -s, 150 + 500 * s]);
    const b = discsOf(points, [s * 1.01, 200 - 500 * s * 1.01, -s * 1.01, 150 + 500 * s * 1.01]);
    // Zooming out brings new cells in at the pane's edges: compare the clusters well inside.
    const inside = (d) => d.x > 30 && d.x < 370 && d.y > 30 && d.y < 270;
    const d = Math.max(farthest(a.discs.filter(inside), b.discs), farthest(b.discs.filter(inside), a.discs));
    // 1 % of the farthest on-screen distance from the centre (~250 px) plus the split's share.
    assert.ok(d < 4, `scale ${s.toFixed(4)}: a cluster moved ${d.toFixed(2)} px`);
  }
});

test('sharedAlpha: m coinciding discs compose to one disc of the colour', () => {
  for (const alpha of [0.2, 0.8, 1]) {
    for (const m of [1, 2, 3, 4]) {
      const a = sharedAlpha(alpha, m);
      assert.ok(Math.abs(1 - (1 - a) ** m - alpha) < 1e-12);
    }
  }
});

test('clusterLabels: one label per group of the nearer level, counts adding up to the points drawn', () => {
  const points = clumps(3000, 11);
  for (const s of [0.3, 0.35, 0.45]) {
    const { grid, words } = discsOf(points, [s, 0, s, 0]);
    const labels = clusterLabels(words, grid, STYLE);
    let total = 0;
    for (let c = 0; c < grid.cells; c++) total += words[c * CLUSTER_WORDS];
    const lone = clusterDiscs(words, grid, STYLE).filter((d) => d.count === 1).length;
    const labelled = labels.reduce((n, l) => n + l.count, 0);
    assert.ok(labelled <= total && labelled >= total - lone, `${s}: ${labelled} of ${total} points labelled`);
    assert.ok(labels.every((l) => l.count > 1));
  }
});

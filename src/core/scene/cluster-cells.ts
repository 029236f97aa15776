/**
 * The cluster compute pass (shaders/cluster.wgsl, cs_cluster) on the CPU: the Canvas2D renderer
 * and the SVG export draw from it, and tests compare the GPU's cell buffer with it word for word.
 */
import { cellAlong, fixedInCell, type ClusterGrid } from './cluster-levels.js';
import type { ResidentPointsLayer } from './frame-scene.js';

/** u32 words per cell: count, x sum (low, high), y sum (low, high). */
export const CLUSTER_WORDS = 5;

const TWO_32 = 4294967296;

/**
 * Per cell of `grid`: the points in it and the sums of their fixed-point offsets inside the cell
 * (CLUSTER_FIXED per cell), as 64-bit sums in two u32 words: the GPU buffer's layout. Every point
 * is binned, in the pane or not: a cell straddling the pane's edge keeps all its points, so
 * panning changes no cluster.
 */
export function clusterCellWords(layer: Pick<ResidentPointsLayer, 'points' | 'count'>, grid: ClusterGrid): Uint32Array {
  const words = new Uint32Array(grid.cells * CLUSTER_WORDS);
  // Float64 sums (exact below 2^53) split into words at the end.
  const sums = new Float64Array(grid.cells * 2);
  const points = layer.points;
  const n = Math.min(layer.count, points.length >> 1);
  const columns = grid.x.cells;
  for (let i = 0; i < n; i++) {
    const u = points[i * 2]!;
    const v = points[i * 2 + 1]!;
    const cx = cellAlong(u, grid.x);
    if (cx < 0) continue;
    const cy = cellAlong(v, grid.y);
    if (cy < 0) continue;
    const c = cy * columns + cx;
    words[c * CLUSTER_WORDS]!++;
    sums[c * 2]! += fixedInCell(u, grid.x);
    sums[c * 2 + 1]! += fixedInCell(v, grid.y);
  }
  for (let c = 0; c < grid.cells; c++) {
    const o = c * CLUSTER_WORDS;
    for (let k = 0; k < 2; k++) {
      const s = sums[c * 2 + k]!;
      words[o + 1 + k * 2] = s % TWO_32;
      words[o + 2 + k * 2] = Math.floor(s / TWO_32);
    }
  }
  return words;
}

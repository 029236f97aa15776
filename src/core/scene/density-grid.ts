/**
 * CPU reference of the density and cluster compute passes (shaders/density.wgsl): the Canvas2D
 * renderer draws with these, and tests compare the GPU's cell buffers with them. Every step is
 * rounded to f32 the way the shader computes it, so a point binned by both lands in the same cell
 * (a GPU compiler may fuse `u × a + b` into one rounding; only a point within an ulp of a cell edge
 * can then differ).
 */
import type { PointTransform, ResidentPointsLayer } from './frame-scene.js';

const f32 = Math.fround;

/** Cells across and down a pane of `width` × `height` device px. */
export function gridSize(width: number, height: number, cellSize: number): [number, number] {
  const cell = cellSize > 0 ? cellSize : 1;
  return [Math.max(1, Math.ceil(width / cell)), Math.max(1, Math.ceil(height / cell))];
}

/** Pane px of point i (f32 steps, as in the shader); NaN for NaN inputs. */
function toPane(points: Float32Array, i: number, t: PointTransform, out: Float64Array): void {
  out[0] = f32(f32(points[i * 2]! * f32(t[0])) + f32(t[1]));
  out[1] = f32(f32(points[i * 2 + 1]! * f32(t[2])) + f32(t[3]));
}

const scratch = new Float64Array(2);

/**
 * Cell index of a pane position, or -1 outside the pane (0 ≤ x < width, 0 ≤ y < height; NaN is
 * outside). The shader's test and floor(position / cell), in f32.
 */
function cellOf(x: number, y: number, width: number, height: number, cell: number, columns: number): number {
  if (!(x >= 0 && x < width && y >= 0 && y < height)) return -1;
  const cx = Math.floor(f32(x / cell));
  const cy = Math.floor(f32(y / cell));
  return cy * columns + cx;
}

/** The pane's size as the shader sees it (f32) and the grid. */
function paneGrid(layer: ResidentPointsLayer, width: number, height: number) {
  const cell = f32(layer.cellSize > 0 ? layer.cellSize : 1);
  const [columns, rows] = gridSize(width, height, cell);
  return { cell, columns, rows, w: f32(width), h: f32(height) };
}

/**
 * Counts of every point per cell (row-major, `gridSize` cells) and the largest count: what the
 * density compute pass leaves in its storage buffer (counts, then the maximum).
 */
export function binDensity(layer: ResidentPointsLayer, width: number, height: number, out?: Uint32Array): { counts: Uint32Array; max: number; columns: number; rows: number } {
  const { cell, columns, rows, w, h } = paneGrid(layer, width, height);
  const cells = columns * rows;
  const counts = out && out.length >= cells ? out.fill(0, 0, cells) : new Uint32Array(cells);
  const n = Math.min(layer.count, layer.points.length >> 1);
  let max = 0;
  for (let i = 0; i < n; i++) {
    toPane(layer.points, i, layer.transform, scratch);
    const c = cellOf(scratch[0]!, scratch[1]!, w, h, cell, columns);
    if (c < 0) continue;
    const v = ++counts[c]!;
    if (v > max) max = v;
  }
  return { counts, max, columns, rows };
}

/**
 * The colormap entry (0..255) of a cell holding `count` points when the fullest holds `max`:
 * t = count / max (linear) or ln(1 + count) / ln(1 + max) (log), then round(t × 255).
 */
export function densityLevel(count: number, max: number, scale: 'log' | 'linear'): number {
  if (count <= 0 || max <= 0) return -1;
  const t = scale === 'log' ? Math.log(1 + count) / Math.log(1 + max) : count / max;
  return Math.max(0, Math.min(255, Math.floor(t * 255 + 0.5)));
}

/** Fixed-point units per px of the cluster sums (positions relative to their cell's corner). */
export const CLUSTER_FIXED_POINT = 256;

/** Per cell: points, and the sums of their positions (px relative to the cell's corner, fixed point). */
export interface ClusterCells {
  counts: Uint32Array;
  /** Sums of (x − cell x0) × 256, truncated per point, as the shader's 64-bit sums hold them. */
  sumX: Float64Array;
  sumY: Float64Array;
  columns: number;
  rows: number;
  cell: number;
}

/** The cluster compute pass on the CPU: counts and position sums per cell. */
export function clusterCells(layer: ResidentPointsLayer, width: number, height: number): ClusterCells {
  const { cell, columns, rows, w, h } = paneGrid(layer, width, height);
  const cells = columns * rows;
  const counts = new Uint32Array(cells);
  const sumX = new Float64Array(cells);
  const sumY = new Float64Array(cells);
  const n = Math.min(layer.count, layer.points.length >> 1);
  for (let i = 0; i < n; i++) {
    toPane(layer.points, i, layer.transform, scratch);
    const x = scratch[0]!;
    const y = scratch[1]!;
    const c = cellOf(x, y, w, h, cell, columns);
    if (c < 0) continue;
    const cx = c % columns;
    const cy = (c - cx) / columns;
    counts[c]!++;
    sumX[c]! += fixedOffset(x, cx, cell);
    sumY[c]! += fixedOffset(y, cy, cell);
  }
  return { counts, sumX, sumY, columns, rows, cell };
}

/** The shader's fixed-point offset of a position inside its cell: u32((p − c × cell) × 256). */
function fixedOffset(p: number, c: number, cell: number): number {
  return Math.max(0, Math.floor(f32(f32(p - f32(c * cell)) * CLUSTER_FIXED_POINT)));
}

/** The centroid of cell `c` (pane px), from its count and sums as the draw computes it. */
export function clusterCentroid(cells: ClusterCells, c: number, out: Float64Array): void {
  const cx = c % cells.columns;
  const cy = (c - cx) / cells.columns;
  const n = cells.counts[c]!;
  out[0] = cx * cells.cell + cells.sumX[c]! / CLUSTER_FIXED_POINT / n;
  out[1] = cy * cells.cell + cells.sumY[c]! / CLUSTER_FIXED_POINT / n;
}

/** Disc radius of a cluster of `count` points (device px), never past half a cell. */
export function clusterRadius(count: number, layer: { pointRadius: number; minRadius: number; radiusStep: number; cellSize: number }): number {
  if (count <= 1) return layer.pointRadius;
  return Math.min(layer.cellSize / 2, layer.minRadius + layer.radiusStep * Math.log2(count / 2));
}

/** The five u32 words per cell a cluster layer's buffer holds (count, x sum low/high, y sum low/high). */
export const CLUSTER_WORDS = 5;

/** `clusterCells` in the GPU buffer's layout (what WebGpuRenderer.readLayer returns for a cluster layer). */
export function clusterWords(cells: ClusterCells): Uint32Array {
  const out = new Uint32Array(cells.counts.length * CLUSTER_WORDS);
  for (let c = 0; c < cells.counts.length; c++) {
    const o = c * CLUSTER_WORDS;
    out[o] = cells.counts[c]!;
    out[o + 1] = cells.sumX[c]! % 4294967296;
    out[o + 2] = Math.floor(cells.sumX[c]! / 4294967296);
    out[o + 3] = cells.sumY[c]! % 4294967296;
    out[o + 4] = Math.floor(cells.sumY[c]! / 4294967296);
  }
  return out;
}

/** A cluster's count label: where (pane px, the centroid) and how many points. */
export interface ClusterLabel {
  x: number;
  y: number;
  count: number;
}

/**
 * Labels of the clusters of more than one point, from a cluster buffer read back (GPU) or built by
 * `clusterWords` (CPU), for a pane of `width` × `height` px cut in `cellSize` cells.
 */
export function clusterLabels(words: Uint32Array, width: number, height: number, cellSize: number): ClusterLabel[] {
  const cell = f32(cellSize > 0 ? cellSize : 1);
  const [columns, rows] = gridSize(width, height, cell);
  const labels: ClusterLabel[] = [];
  const cells = Math.min(columns * rows, Math.floor(words.length / CLUSTER_WORDS));
  for (let c = 0; c < cells; c++) {
    const o = c * CLUSTER_WORDS;
    const n = words[o]!;
    if (n < 2) continue;
    const cx = c % columns;
    const cy = (c - cx) / columns;
    const sumX = words[o + 2]! * 4294967296 + words[o + 1]!;
    const sumY = words[o + 4]! * 4294967296 + words[o + 3]!;
    labels.push({ x: cx * cell + sumX / CLUSTER_FIXED_POINT / n, y: cy * cell + sumY / CLUSTER_FIXED_POINT / n, count: n });
  }
  return labels;
}

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

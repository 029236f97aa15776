/**
 * The `grid` scene layer (heatmaps, spectrograms) and the pure maths both renderers share: where
 * a cell's value lives in the source array (row-major, or a column ring for streaming), how a
 * pixel samples the grid (nearest, bilinear, bicubic Catmull-Rom, NaN-aware), and how a value
 * becomes a colormap index. shaders/grid.wgsl computes the same in f32; the Canvas2D fallback
 * calls these functions per pixel, so both pictures agree up to f32 rounding.
 */

import type { GridColorScale, GridInterpolation, GridLayer } from './frame-scene.js';

// ---- Ring buffer reads (writes: data/grid.ts) -------------------------------------------------

/** Physical column of logical column `i`. */
export function physicalColumn(i: number, offset: number, capacity: number): number {
  return (offset + i) % capacity;
}

/**
 * Canvas px → grid cell units: u = x·ax + bx, v = y·ay + by (v = 0 at the grid's bottom edge).
 * Computed in f64 here, so the shader's f32 sees small numbers even deep in a zoom. On a log axis
 * (`xLog`, `yLog`), x·ax + bx is the axis' log10 value instead, and u = 10^(x·ax + bx)·cx + dx
 * (`logX` set; see cellCoordinate).
 */
export interface GridTransform {
  ax: number;
  bx: number;
  ay: number;
  by: number;
  cx: number;
  dx: number;
  cy: number;
  dy: number;
  logX: boolean;
  logY: boolean;
}

export function gridTransform(layer: GridLayer, originX: number, originY: number): GridTransform {
  const t: GridTransform = { ax: 0, bx: 0, ay: 0, by: 0, cx: 1, dx: 0, cy: 1, dy: 0, logX: false, logY: false };
  if (layer.xLog) {
    const m = layer.xLog;
    Object.assign(t, { ax: m.a, bx: m.b - originX * m.a, cx: m.c, dx: m.d, logX: true });
  } else {
    t.ax = layer.cols / (layer.x1 - layer.x0);
    t.bx = -(originX + layer.x0) * t.ax;
  }
  if (layer.yLog) {
    const m = layer.yLog;
    Object.assign(t, { ay: m.a, by: m.b - originY * m.a, cy: m.c, dy: m.d, logY: true });
  } else {
    t.ay = layer.source.rows / (layer.yTop - layer.yBottom);
    t.by = -(originY + layer.yBottom) * t.ay;
  }
  return t;
}

/** The cell coordinate of an f32 linear term (p·a + b): itself, or 10^it·c + d on a log axis (as the shader, in f32). */
export function cellCoordinate(linear: number, log: boolean, c: number, d: number): number {
  if (!log) return linear;
  const f32 = Math.fround;
  return f32(f32(f32(2 ** f32(linear * 3.321928094887362)) * f32(c)) + f32(d));
}

// ---- Sampling ------------------------------------------------------------------------------

/** What sampling needs of a grid layer. */
export type GridSampleSource = Pick<GridLayer, 'source' | 'cols' | 'ringOffset'>;

/** Missing: NaN or ±Infinity (the shader tests the exponent bits, so both are missing there too). */
export const isMissing = (v: number): boolean => !Number.isFinite(v);

/** The value of cell (c, r), indices clamped into the grid. */
export function cellValue(grid: GridSampleSource, c: number, r: number): number {
  const { source, cols } = grid;
  const rows = source.rows;
  const cc = c < 0 ? 0 : c >= cols ? cols - 1 : c;
  const rr = r < 0 ? 0 : r >= rows ? rows - 1 : r;
  if (source.layout === 'rows') return source.values[rr * source.width + cc]!;
  const p = (grid.ringOffset + cc) % source.width;
  return source.values[p * rows + rr]!;
}

/** Catmull-Rom weights of the four taps around a fraction t in [0, 1). */
export function catmullRomWeights(t: number, out: number[] | Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  out[0] = 0.5 * (-t3 + 2 * t2 - t);
  out[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
  out[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
  out[3] = 0.5 * (t3 - t2);
}

const wx = [0, 0, 0, 0];
const wy = [0, 0, 0, 0];

/**
 * The value at grid position (u, v), in cell units: u = 0 at the left edge of column 0, u = cols
 * at the right edge of the last; v = 0 at the bottom edge of row 0. Outside the grid: NaN.
 *
 * - nearest: the cell containing the point.
 * - bilinear: between the four nearest cell centres (edges clamp); missing taps are left out and
 *   the others' weights renormalised.
 * - bicubic: Catmull-Rom (a = -0.5) over the 4×4 nearest centres (edges clamp), which passes
 *   through the cell values and may overshoot between them (the colour index is clamped); when any
 *   of the 16 taps is missing, the bilinear value instead.
 *
 * Whatever the interpolation, a point inside a missing cell is missing (drawn transparent).
 */
export function sampleGrid(grid: GridSampleSource, u: number, v: number, interpolation: GridInterpolation): number {
  const cols = grid.cols;
  const rows = grid.source.rows;
  if (!(u >= 0 && u < cols && v >= 0 && v < rows)) return NaN;
  const nearest = cellValue(grid, Math.floor(u), Math.floor(v));
  if (interpolation === 'nearest' || isMissing(nearest)) return nearest;
  const fx = u - 0.5;
  const fy = v - 0.5;
  const c0 = Math.floor(fx);
  const r0 = Math.floor(fy);
  const tx = fx - c0;
  const ty = fy - r0;
  if (interpolation === 'bicubic') {
    catmullRomWeights(tx, wx);
    catmullRomWeights(ty, wy);
    let sum = 0;
    let complete = true;
    for (let j = 0; j < 4 && complete; j++) {
      for (let i = 0; i < 4; i++) {
        const value = cellValue(grid, c0 - 1 + i, r0 - 1 + j);
        if (isMissing(value)) {
          complete = false;
          break;
        }
        sum += wx[i]! * wy[j]! * value;
      }
    }
    if (complete) return sum;
  }
  let sum = 0;
  let weight = 0;
  for (let j = 0; j < 2; j++) {
    for (let i = 0; i < 2; i++) {
      const w = (i === 0 ? 1 - tx : tx) * (j === 0 ? 1 - ty : ty);
      const value = cellValue(grid, c0 + i, r0 + j);
      if (w > 0 && !isMissing(value)) {
        sum += w * value;
        weight += w;
      }
    }
  }
  return weight > 0 ? sum / weight : nearest;
}

/**
 * A value's colormap position in [0, 1] (NaN stays NaN): linear between min and max, or by log10
 * (values ≤ 0 at 0). min = max puts every value at 0.5.
 */
export function colorPosition(value: number, min: number, max: number, scale: GridColorScale): number {
  if (isMissing(value)) return NaN;
  let t: number;
  if (scale === 'log') {
    if (value <= 0) return 0;
    const lo = Math.log10(min > 0 ? min : Number.MIN_VALUE);
    const hi = Math.log10(max > 0 ? max : Number.MIN_VALUE);
    t = hi === lo ? 0.5 : (Math.log10(value) - lo) / (hi - lo);
  } else {
    t = max === min ? 0.5 : (value - min) / (max - min);
  }
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** The LUT entry (0..255) of a colormap position: round(t × 255), as in shaders/grid.wgsl. */
export function lutIndex(t: number): number {
  return Math.min(255, Math.max(0, Math.floor(t * 255 + 0.5)));
}

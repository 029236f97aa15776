/**
 * Zoom levels of grid clusters (scatter `cluster="grid"`): cells anchored in data space, so that
 * panning never moves a point to another cell, at power-of-two sizes chosen from the zoom, so that
 * zooming in splits each cell into two along each axis and never re-bins points across cells.
 *
 * Along an axis drawn at |a| px per data unit (u: the stored data-space coordinate), the ideal cell
 * is `cellPx` px wide, that is C = cellPx / |a| units. The level is k = floor(log2 C): cells are
 * 2^k units wide (between cellPx / 2 and cellPx on screen), and the fraction t = log2 C − k says
 * how far the zoom is from the next coarser level: t = 0, the cells are `cellPx` wide and each is
 * drawn at its own centroid; t → 1, they are half that and each pair is about to become one cell of
 * level k + 1. The draw (cluster-discs.ts) moves and fades the cells toward their parents by t, so
 * that the picture at t → 1 is the picture of level k + 1 at t = 0.
 *
 * DOM-free and shared by both renderers: the WebGPU compute pass and the Canvas2D binning read the
 * same grid, so both bin each point into the same cell.
 */
import type { PointTransform } from './frame-scene.js';

const f32 = Math.fround;

/** Levels are clamped here so that 2^±k stays a normal f32 (points far outside are dropped anyway). */
const MAX_LEVEL = 100;
/** Cells across one axis at most (a guard against a degenerate transform). */
const MAX_CELLS = 1024;

/** One axis of a cluster grid. */
export interface ClusterAxis {
  /** Level: cells are 2^level data units wide. */
  level: number;
  /** Zoom fraction toward level + 1, in [0, 1). */
  t: number;
  /** 2^−level (f32, exact): a point's global cell index is floor(u × inverse). */
  inverse: number;
  /** Global index of the grid's first cell (even, so that each pair of cells shares a parent); an f32 integer. */
  first: number;
  /** Cells in the grid (even). */
  cells: number;
  /** Pane px of the grid's first cell's edge (u = first × 2^level). */
  originPx: number;
  /** Signed px per cell (2^level × a; negative on a flipped y axis). */
  cellPx: number;
}

/** The cluster grid of a frame: one level and range per axis. */
export interface ClusterGrid {
  x: ClusterAxis;
  y: ClusterAxis;
  /** Cells in the grid (x.cells × y.cells); cell (i, j) is index j × x.cells + i. */
  cells: number;
}

/** Level and fraction for an axis drawn at `scale` px per unit with `cellPx` px cells. */
export function clusterLevel(scale: number, cellPx: number): { level: number; t: number } {
  const a = Math.abs(scale);
  if (!(a > 0) || !Number.isFinite(a) || !(cellPx > 0)) return { level: 0, t: 0 };
  const z = Math.log2(cellPx / a);
  const level = Math.max(-MAX_LEVEL, Math.min(MAX_LEVEL, Math.floor(z)));
  return { level, t: Math.max(0, Math.min(1 - 1e-9, z - level)) };
}

/**
 * One axis of the grid: the cells, aligned to pairs, that cover pane px [0, size) for
 * px = u × scale + offset.
 */
export function clusterAxis(scale: number, offset: number, size: number, cellPx: number): ClusterAxis {
  const { level, t } = clusterLevel(scale, cellPx);
  const inverse = f32(2 ** -level);
  const width = 2 ** level;
  let first = 0;
  let cells = 2;
  if (scale !== 0 && Number.isFinite(scale) && Number.isFinite(offset)) {
    const u0 = (0 - offset) / scale;
    const u1 = (size - offset) / scale;
    const lo = Math.floor(Math.min(u0, u1) / width);
    const hi = Math.floor(Math.max(u0, u1) / width);
    first = f32(Math.floor(lo / 2) * 2);
    cells = Math.min(MAX_CELLS, Math.max(2, Math.ceil((hi - first + 1) / 2) * 2));
  }
  return { level, t, inverse, first, cells, originPx: offset + scale * width * first, cellPx: scale * width };
}

/** The grid of a cluster layer drawn in a pane of `width` × `height` px with `cellPx` px cells. */
export function clusterGrid(transform: PointTransform, width: number, height: number, cellPx: number): ClusterGrid {
  const x = clusterAxis(transform[0], transform[1], width, cellPx);
  const y = clusterAxis(transform[2], transform[3], height, cellPx);
  return { x, y, cells: x.cells * y.cells };
}

/**
 * Grid cell along one axis of stored coordinate `u` (f32), or -1 outside the grid: the compute
 * pass's floor(u × inverse) − first. Multiplying by a power of two and subtracting an integer are
 * exact in f32, so the CPU and the GPU agree on every point.
 */
export function cellAlong(u: number, axis: ClusterAxis): number {
  // Missing points are stored at 1e30: the shader leaves them before a product could overflow.
  if (!(Math.abs(u) < 1e29)) return -1;
  const g = Math.floor(f32(u * axis.inverse)) - axis.first;
  return g >= 0 && g < axis.cells ? g : -1;
}

/** Fixed-point units per cell of the position sums (a point's offset inside its cell). */
export const CLUSTER_FIXED = 65536;

/** A point's offset inside its cell, fixed point: u32((u × inverse − floor(u × inverse)) × 65536), exact in f32. */
export function fixedInCell(u: number, axis: ClusterAxis): number {
  const s = f32(u * axis.inverse);
  return Math.floor((s - Math.floor(s)) * CLUSTER_FIXED);
}

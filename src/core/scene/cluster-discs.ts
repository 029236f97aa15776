/**
 * What a cluster layer draws from its cell buffer (the GPU's, read back, or clusterCellWords'):
 * one disc per non-empty cell of the grid's level, placed, sized and faded between the cell's own
 * centroid and its parents' so that the picture is continuous in the zoom (cluster-levels.ts).
 * shaders/cluster.wgsl's vs_cluster computes the same per cell; the Canvas2D renderer, the SVG
 * export and the count labels use these functions.
 *
 * A cell (i, j) has three ancestors one level up: its x pair (i and i ^ 1, row j), its y pair
 * (column i, rows j and j ^ 1) and its 2 × 2 block. With the axes' zoom fractions tx, ty, its disc
 * is the bilinear blend of the four: own centroid at (0, 0), x pair's at (1, 0), y pair's at
 * (0, 1), block's at (1, 1). At tx → 1 both cells of an x pair sit at the pair's centroid with the
 * pair's radius, which is what the coarser level draws for that pair at tx = 0: no jump.
 */
import { CLUSTER_WORDS } from './cluster-cells.js';
import { CLUSTER_FIXED, clusterGrid, type ClusterGrid } from './cluster-levels.js';
import type { ClusterLayer } from './frame-scene.js';

const TWO_32 = 4294967296;

/** How a cluster layer sizes and colours its discs. */
export interface ClusterStyle {
  /** Radius of a lone point, px. */
  pointRadius: number;
  /** Radius of a two-point cluster, px; each doubling of the count adds `radiusStep`. */
  minRadius: number;
  radiusStep: number;
  /** Nominal cell side, px: a disc is never wider than it. */
  cellSize: number;
  /** The colour's alpha (straight), 0..1. */
  alpha: number;
}

/** One drawn cluster: pane px centre, radius, alpha (straight, 0..1) and the points of its own cell. */
export interface ClusterDisc {
  x: number;
  y: number;
  radius: number;
  alpha: number;
  count: number;
}

/** A cluster's count label: where (pane px) and how many points. */
export interface ClusterLabel {
  x: number;
  y: number;
  count: number;
}

/** Disc radius of a cluster of `count` points (px), never past half a cell. */
export function clusterRadius(count: number, style: Pick<ClusterStyle, 'pointRadius' | 'minRadius' | 'radiusStep' | 'cellSize'>): number {
  if (count <= 1) return style.pointRadius;
  return Math.min(style.cellSize / 2, style.minRadius + style.radiusStep * Math.log2(count / 2));
}

/**
 * The alpha each of `m` discs drawn on top of each other needs for them to look like one disc of
 * `alpha`: 1 − (1 − alpha)^(1/m). Merging cells coincide exactly at the level's end, so a group
 * then shows as its parent would.
 */
export function sharedAlpha(alpha: number, m: number): number {
  if (m <= 1 || alpha >= 1) return alpha;
  return 1 - (1 - alpha) ** (1 / m);
}

const bilerp = (a: number, b: number, c: number, d: number, tx: number, ty: number): number => (1 - tx) * (1 - ty) * a + tx * (1 - ty) * b + (1 - tx) * ty * c + tx * ty * d;

/** Count, position sums (cell units from the grid's first cell) and non-empty cells of a block of cells. */
class Group {
  n = 0;
  sx = 0;
  sy = 0;
  cells = 0;

  /** Sums cells [i0, i1] × [j0, j1]. */
  of(words: Uint32Array, columns: number, i0: number, i1: number, j0: number, j1: number): this {
    this.n = this.sx = this.sy = this.cells = 0;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const o = (j * columns + i) * CLUSTER_WORDS;
        const n = words[o]!;
        if (n === 0) continue;
        this.n += n;
        this.cells++;
        this.sx += i * n + (words[o + 2]! * TWO_32 + words[o + 1]!) / CLUSTER_FIXED;
        this.sy += j * n + (words[o + 4]! * TWO_32 + words[o + 3]!) / CLUSTER_FIXED;
      }
    }
    return this;
  }
}

const own = new Group();
const xPair = new Group();
const yPair = new Group();
const block = new Group();

/**
 * The disc of the group of cells at level offset (a, b) holding cell (i, j): a = 0 the cell's
 * column alone, a = 1 its x pair (likewise b in y). Null when the group is empty. For a = b = 0
 * this is the cell's own disc; for coarser groups it is the count-weighted mean of its cells'
 * discs' centres (the labels' anchor).
 */
export function groupDisc(words: Uint32Array, grid: ClusterGrid, style: ClusterStyle, i: number, j: number, a: 0 | 1, b: 0 | 1): ClusterDisc | null {
  const columns = grid.x.cells;
  const pi0 = i & ~1;
  const pj0 = j & ~1;
  const [i0, i1] = a ? [pi0, pi0 + 1] : [i, i];
  const [j0, j1] = b ? [pj0, pj0 + 1] : [j, j];
  own.of(words, columns, i0, i1, j0, j1);
  if (own.n === 0) return null;
  xPair.of(words, columns, pi0, pi0 + 1, j0, j1);
  yPair.of(words, columns, i0, i1, pj0, pj0 + 1);
  block.of(words, columns, pi0, pi0 + 1, pj0, pj0 + 1);
  const { t: tx } = grid.x;
  const { t: ty } = grid.y;
  const u = bilerp(own.sx / own.n, xPair.sx / xPair.n, yPair.sx / yPair.n, block.sx / block.n, tx, ty);
  const v = bilerp(own.sy / own.n, xPair.sy / xPair.n, yPair.sy / yPair.n, block.sy / block.n, tx, ty);
  const r = (g: Group): number => clusterRadius(g.n, style);
  // A coarser group stands for its cells: its multiplicity counts from there.
  const base = own.cells;
  const m = (g: Group): number => sharedAlpha(style.alpha, g.cells / base);
  return {
    x: grid.x.originPx + grid.x.cellPx * u,
    y: grid.y.originPx + grid.y.cellPx * v,
    radius: bilerp(r(own), r(xPair), r(yPair), r(block), tx, ty),
    alpha: a === 0 && b === 0 ? bilerp(style.alpha, m(xPair), m(yPair), m(block), tx, ty) : style.alpha,
    count: own.n,
  };
}

/** Every disc the layer draws: one per non-empty cell. */
export function clusterDiscs(words: Uint32Array, grid: ClusterGrid, style: ClusterStyle): ClusterDisc[] {
  const discs: ClusterDisc[] = [];
  for (let j = 0; j < grid.y.cells; j++) {
    for (let i = 0; i < grid.x.cells; i++) {
      if (words[(j * grid.x.cells + i) * CLUSTER_WORDS] === 0) continue;
      const disc = groupDisc(words, grid, style, i, j, 0, 0);
      if (disc) discs.push(disc);
    }
  }
  return discs;
}

/**
 * Count labels of clusters of more than one point. Past half way to the next level (t ≥ 0.5 on an
 * axis) a merging pair is labelled once, with the pair's count, at the mean of its discs; so the
 * numbers change at t = 0.5 while the discs move continuously.
 */
export function clusterLabels(words: Uint32Array, grid: ClusterGrid, style: ClusterStyle): ClusterLabel[] {
  const a = grid.x.t >= 0.5 ? 1 : 0;
  const b = grid.y.t >= 0.5 ? 1 : 0;
  const labels: ClusterLabel[] = [];
  for (let j = 0; j < grid.y.cells; j += 1 + b) {
    for (let i = 0; i < grid.x.cells; i += 1 + a) {
      const disc = groupDisc(words, grid, style, i, j, a, b);
      if (disc && disc.count > 1) labels.push({ x: disc.x, y: disc.y, count: disc.count });
    }
  }
  return labels;
}

/** A cluster layer's disc style (its colour's alpha, its radii, its nominal cell). */
export function clusterStyle(layer: Pick<ClusterLayer, 'pointRadius' | 'minRadius' | 'radiusStep' | 'cellSize' | 'color'>): ClusterStyle {
  return { pointRadius: layer.pointRadius, minRadius: layer.minRadius, radiusStep: layer.radiusStep, cellSize: layer.cellSize, alpha: layer.color[3] };
}

/** The grid of a cluster layer drawn in a pane of `width` × `height` px. */
export function layerClusterGrid(layer: Pick<ClusterLayer, 'transform' | 'cellSize'>, width: number, height: number): ClusterGrid {
  return clusterGrid(layer.transform, width, height, layer.cellSize > 0 ? layer.cellSize : 1);
}

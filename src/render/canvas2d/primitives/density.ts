import type { ClusterLayer, DensityLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { binDensity, densityLevel } from '../../../core/scene/density-grid.js';
import { clusterCellWords } from '../../../core/scene/cluster-cells.js';
import { clusterDiscs, clusterStyle, layerClusterGrid } from '../../../core/scene/cluster-discs.js';
import { blitImageData } from './blit-image.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

const f32 = Math.fround;
let counts: Uint32Array = new Uint32Array(0);

/**
 * Cell of each pixel row or column of the clip: the pixel's centre relative to the pane, in f32,
 * then floor(position / cell), exactly as fs_density computes it; -1 outside the pane.
 */
function cellsAlong(start: number, length: number, origin: number, size: number, cell: number): Int32Array {
  const out = new Int32Array(length);
  const o = f32(origin);
  const s = f32(size);
  for (let i = 0; i < length; i++) {
    const local = f32(f32(start + i + 0.5) - o);
    out[i] = local >= 0 && local < s ? Math.floor(f32(local / cell)) : -1;
  }
  return out;
}

/**
 * A density map on the CPU: every point binned with `binDensity` (the compute pass's reference),
 * each pixel of the clip painted with its cell's colormap entry (`densityLevel`), empty cells left
 * transparent: the pixels fs_density writes.
 */
function drawDensity(ctx: Context2d, layer: DensityLayer, pane: PlotRect, clip: PlotRect): void {
  if (clip.width <= 0 || clip.height <= 0) return;
  const grid = binDensity(layer, pane.width, pane.height, counts);
  counts = grid.counts;
  if (grid.max === 0) return;
  const cell = f32(layer.cellSize > 0 ? layer.cellSize : 1);
  const xs = cellsAlong(clip.x, clip.width, pane.x, pane.width, cell);
  const ys = cellsAlong(clip.y, clip.height, pane.y, pane.height, cell);
  const image = new ImageData(clip.width, clip.height);
  const data = image.data;
  const lut = layer.colormap;
  // Levels per count, computed once per distinct count.
  const levels = new Map<number, number>();
  for (let y = 0; y < clip.height; y++) {
    const cy = ys[y]!;
    if (cy < 0 || cy >= grid.rows) continue;
    for (let x = 0; x < clip.width; x++) {
      const cx = xs[x]!;
      if (cx < 0 || cx >= grid.columns) continue;
      const n = grid.counts[cy * grid.columns + cx]!;
      if (n === 0) continue;
      let level = levels.get(n);
      if (level === undefined) levels.set(n, (level = densityLevel(n, grid.max, layer.scale)));
      const o = (y * clip.width + x) * 4;
      data[o] = lut[level * 4]!;
      data[o + 1] = lut[level * 4 + 1]!;
      data[o + 2] = lut[level * 4 + 2]!;
      data[o + 3] = lut[level * 4 + 3]!;
    }
  }
  blitImageData(ctx, image, clip.x, clip.y);
}

/**
 * Clusters on the CPU: the cells binned by `clusterCellWords` (the compute pass's reference), one
 * disc per non-empty cell where `clusterDiscs` puts it (as vs_cluster does), each filled on its own
 * as the GPU blends each.
 */
function drawClusters(ctx: Context2d, layer: ClusterLayer, pane: PlotRect): void {
  const grid = layerClusterGrid(layer, pane.width, pane.height);
  const style = clusterStyle(layer);
  const discs = clusterDiscs(clusterCellWords(layer, grid), grid, style);
  const [r, g, b] = layer.color;
  for (const disc of discs) {
    ctx.fillStyle = cssColor([r, g, b, disc.alpha]);
    ctx.beginPath();
    ctx.arc(disc.x, disc.y, disc.radius, 0, Math.PI * 2);
    ctx.fill();
  }
}

export const drawDensityLayer: DrawPrimitive<DensityLayer> = { draw: (ctx, layer, pane, clip) => drawDensity(ctx, layer, pane, clip) };
export const drawClusterLayer: DrawPrimitive<ClusterLayer> = { draw: (ctx, layer, pane) => drawClusters(ctx, layer, pane) };

/**
 * The renderer-neutral description of one frame. The chart core builds it; the WebGPU renderer
 * and the Canvas2D fallback draw it the same way. Everything is in device pixels.
 */

/** Straight (not premultiplied) RGBA, each 0..1. */
export type Rgba = readonly [number, number, number, number];

export interface PlotRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A y at or beyond this magnitude marks a break in a polyline. Chosen so it survives the trip to
 * f32 and can be tested without NaN (shader compilers may assume NaN never happens).
 */
export const GAP_Y = 1e30;
export const isGapY = (y: number): boolean => Math.abs(y) > 1e29;

/**
 * What every layer may say about where it is drawn. A chart with panes (price, then RSI, MACD, …)
 * draws each pane's layers in that pane's rectangle.
 */
export interface LayerPlacement {
  /**
   * The rectangle (device px, within the canvas) the layer is drawn in: its coordinates are
   * relative to this rectangle's top-left corner and it is clipped to it. Default: the scene's
   * plot rectangle.
   */
  pane?: PlotRect;
  /**
   * A custom WGSL hook colouring this layer (src/custom-shaders/, attached by the chart model to
   * the layers of the series it names). The WebGPU renderer draws the layer with the hooked
   * pipeline once that compiled, with its default pipeline until then or if it fails; Canvas2D
   * ignores it. Renderers and exporters that do not know hooks may ignore it too.
   */
  shaderHook?: LayerShaderHook;
}

/** See LayerPlacement.shaderHook. */
export interface LayerShaderHook {
  /** The hook's id (events name it). */
  id: string;
  hook: 'color' | 'colormap';
  /** The validated, normalised WGSL of the hook, and a key that changes with it. */
  source: string;
  key: string;
  /**
   * Pane px to data, per axis: (a, b, log). x: a·px + b is data x minus the window's left edge
   * (log axis: log10 x). y: a·py + b is the value (log axis: its log10).
   */
  xMap: readonly [number, number, number];
  yMap: readonly [number, number, number];
}

/** A polyline: points are (x, y) pairs relative to the plot's (or pane's) top-left corner. */
export interface LineLayer extends LayerPlacement {
  kind: 'line';
  id: string;
  points: Float32Array;
  /** Number of points (pairs) in use. */
  count: number;
  color: Rgba;
  /** Stroke width in device pixels. */
  width: number;
}

/** The region between a polyline and a horizontal baseline, filled. */
export interface AreaLayer extends LayerPlacement {
  kind: 'area';
  id: string;
  points: Float32Array;
  count: number;
  fill: Rgba;
  /** Baseline y, plot-relative device pixels. */
  baseline: number;
}

/** Independent segments: points 2i and 2i+1 form segment i (grid lines, ticks). */
export interface SegmentsLayer extends LayerPlacement {
  kind: 'segments';
  id: string;
  points: Float32Array;
  count: number;
  color: Rgba;
  width: number;
}

/**
 * Axis-aligned rectangles (candle bodies, wicks, volume bars, OHLC ticks), each with its own colour.
 *
 * Edges are snapped to whole device pixels, the same way in both renderers (see `snapRectSpan`),
 * so a candle body has crisp edges and a 1-px wick covers exactly one pixel column: no
 * antialiasing, and the WebGPU and Canvas2D pictures agree pixel for pixel (up to 8-bit rounding of
 * translucent blends). Rectangles are drawn in array order, each blended on its own (two
 * overlapping translucent rectangles blend twice, in both renderers). Coordinates must be finite:
 * leave a rectangle out rather than marking it with GAP_Y or NaN.
 */
export interface RectsLayer extends LayerPlacement {
  kind: 'rects';
  id: string;
  /** x0, y0, x1, y1 per rectangle, plot-relative device px (any corner order; normalised). */
  rects: Float32Array;
  /** RGBA8 per rectangle packed into a Uint32Array (little-endian: r | g << 8 | b << 16 | a << 24), straight alpha. */
  colors: Uint32Array;
  /** Rectangles in use; `rects` and `colors` may be longer (reused, grown buffers). */
  count: number;
  /** Rectangles narrower/shorter than this (device px) are widened to it around their centre, so 1-px wicks never vanish. Default 1. */
  minSize?: number;
  /**
   * What a colour hook sees of each rectangle (shaders/hook-rects.wgsl, `RectInput`):
   * RECT_HOOK_INPUT_WORDS 32-bit words per rectangle: open, high, low, close of its bar, its value
   * and the pane y (device px) the value is drawn at, as f32; then its bar's index and
   * `part | up << 8` (PointInput.part, up: 1 or 0) as u32 bits of the same buffer. Series fill it
   * (candles, OHLC bars, volume, histograms); without it a hook sees each rectangle as a bar whose
   * value is at its top edge. Renderers that do not run hooks ignore it.
   */
  hookInputs?: Float32Array;
}

/** 32-bit words per rectangle in RectsLayer.hookInputs. */
export const RECT_HOOK_INPUT_WORDS = 8;

/** How a pixel between cell centres is coloured. */
export type GridInterpolation = 'nearest' | 'bilinear' | 'bicubic';
export const GRID_INTERPOLATIONS: readonly GridInterpolation[] = ['nearest', 'bilinear', 'bicubic'];

/** How values map to the colormap: linearly, or by log10 (values ≤ 0 get the lowest colour). */
export type GridColorScale = 'linear' | 'log';

/**
 * Where a grid's values live, as renderers see them. The data layer's GridStore is one.
 *
 * - `layout: 'rows'`: `values[r * width + c]`, `width` = columns, `height` = rows (a static grid).
 * - `layout: 'columns'`: a ring of columns, `values[p * height + r]` for physical column p; `width`
 *   = the ring's capacity in columns. Logical column i (0 = oldest shown) is physical column
 *   `(ringOffset + i) % width`.
 *
 * `id` changes when the arrays are replaced; `version` grows with every write; `changesSince(v)`
 * says which physical columns changed after version v (null: everything, upload it all).
 */
export interface GridSource {
  readonly id: number;
  readonly version: number;
  readonly layout: 'rows' | 'columns';
  readonly values: Float32Array;
  /** Columns held (row-major: the grid's columns; ring: its capacity). */
  readonly width: number;
  readonly rows: number;
  changesSince(version: number): readonly (readonly [start: number, count: number])[] | null;
}

/** A grid drawn as a textured rectangle. Coordinates are pane-relative device px. */
export interface GridLayer extends LayerPlacement {
  kind: 'grid';
  id: string;
    source: GridSource;
  /** 1 when there is something to draw, else 0. */
  count: number;
  /** Logical columns shown (≤ source.width) and the ring offset of logical column 0. */
  cols: number;
  ringOffset: number;
  /** Left edge of logical column 0 and right edge of column `cols - 1` (x0 < x1 in px). */
  x0: number;
  x1: number;
  /** Bottom edge of row 0 and top edge of the last row (pane px; bottom > top on a normal axis). */
  yBottom: number;
  yTop: number;
  /** The value at colormap index 0 and at index 255. */
  min: number;
  max: number;
  scale: GridColorScale;
  interpolation: GridInterpolation;
  /** 256 RGBA8 entries, straight alpha; `lutKey` names it (a new key uploads it again). */
  lut: Uint8Array;
  lutKey: string;
  /**
   * A log10 x (or y) axis: pixels are not linear in cells there. A pane px p maps to the cell
   * coordinate 10^(p·a + b)·c + d (a, b: the axis' log10 value of p; c, d: data to cells). null
   * (linear axes): cells follow the pixel edges x0..x1 (yBottom..yTop) linearly.
   */
  xLog?: GridLogMap | null;
  yLog?: GridLogMap | null;
}

/** See GridLayer.xLog. */
export interface GridLogMap {
  a: number;
  b: number;
  c: number;
  d: number;
}


/** Marker shapes of a markers layer (both renderers draw the same outlines: see markerShapeIndex). */
export const MARKER_SHAPES = ['circle', 'square', 'triangle', 'cross', 'diamond'] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** Floats per marker in MarkersLayer.data: x, y, diameter, colour bits. */
export const MARKER_STRIDE = 4;

/**
 * Markers (scatter points), one per element, each with its own position, diameter and colour.
 *
 * Positions are in DATA space, not pixels: u − originX and v − originY in f32, where u and v are
 * the values (their log10 on log axes) and the origin is chosen by the series (near the data), so
 * precision holds. The pixel position, plot-relative device px, is
 * `(u − originX) * transform[0] + transform[1]`, `(v − originY) * transform[2] + transform[3]`,
 * evaluated in f32 by both renderers. A pan or zoom changes only `transform`: the WebGPU renderer
 * keeps the uploaded buffers while `dataKey` and `count` stay the same (see PrimitiveKind.uploadKey).
 *
 * `data` interleaves, per marker, 4 × 32 bits: x, y (f32), diameter in device px (f32) and the
 * straight RGBA8 colour (u32 bits, r | g << 8 | b << 16 | a << 24, read through a Uint32Array view
 * of the same buffer). Shapes are antialiased over about 1 px: circle (|p| ≤ r), square
 * (max(|x|, |y|) ≤ r), diamond (|x| + |y| ≤ r), triangle (apex up: (0, −r), (r, r), (−r, r)),
 * cross (a plus of two bars of half-thickness max(0.5, r / 3)).
 */
export interface MarkersLayer extends LayerPlacement {
  kind: 'markers';
  id: string;
  data: Float32Array;
  /** Markers in use; `data` may be longer. */
  count: number;
  shape: MarkerShape;
  /** [scaleX, offsetX, scaleY, offsetY]: data-space offsets to plot-relative device px. */
  transform: readonly [number, number, number, number];
  /**
   * Identifies what `data` holds: a new value whenever its content changes (a number from
   * `nextMarkersKey()`), so that renderers may keep what they uploaded while it stays the same.
   */
  dataKey: number;
}

let markersKey = 0;
/** A fresh MarkersLayer.dataKey, unique in the page. */
export function nextMarkersKey(): number {
  return ++markersKey;
}

/** Index of a shape in MARKER_SHAPES (the shader's `shape` parameter); unknown names draw circles. */
export function markerShapeIndex(shape: MarkerShape): number {
  const index = MARKER_SHAPES.indexOf(shape);
  return index < 0 ? 0 : index;
}

/** Markers a markers layer draws: `count`, capped by what `data` holds. */
export function markerCount(layer: MarkersLayer): number {
  return Math.max(0, Math.min(Math.floor(layer.count), Math.floor(layer.data.length / MARKER_STRIDE)));
}

export type SceneLayer = LineLayer | AreaLayer | SegmentsLayer | RectsLayer | GridLayer | MarkersLayer | BandLayer | DensityLayer | ClusterLayer | ResidentLineLayer | Layer3d;

/** 3D charts' layers (world-space geometry and a camera): see core/three/layers-3d.ts. */
export type { Bars3dLayer, Layer3d, Lines3dLayer, Points3dLayer, Surface3dLayer } from './layers-3d.js';
import type { Layer3d } from './layers-3d.js';

/**
 * The region between two polylines A and B, filled (confidence bands, error bands). Row i is
 * (xA, yA, xB, yB) in `points` (four f32): segment i joins rows i and i + 1 of both lines. A row
 * whose yA or yB is a gap (GAP_Y) breaks the band. Where A and B cross, both lobes are filled
 * (a nonzero fill of the polygon A forward, B backward).
 */
export interface BandLayer extends LayerPlacement {
  kind: 'band';
  id: string;
  /** xA, yA, xB, yB per row, plot-relative device px. */
  points: Float32Array;
  /** Rows in use. */
  count: number;
  fill: Rgba;
}

/**
 * The linear map from data space to pane pixels of GPU-resident points: pane px x = u × ax + bx,
 * y = v × ay + by, applied in f32 (each product and sum rounded to f32, as the shaders do). u and v
 * are the point's coordinates as stored (x or log10 x, relative to the producer's origin).
 */
export type PointTransform = readonly [ax: number, bx: number, ay: number, by: number];

/** What density and cluster layers share: points kept on the GPU in data space. */
export interface ResidentPointsLayer extends LayerPlacement {
  id: string;
  /**
   * (u, v) f32 pairs in data space (see PointTransform). The renderer keeps a GPU copy per array
   * and refreshes it only when `version` changes: panning and zooming change `transform` only.
   */
  points: Float32Array;
  /** Points (pairs) in use. */
  count: number;
  /** Changes whenever the content of `points` changes (a new data version). */
  version: number;
  transform: PointTransform;
  /** Side of one cell, device px (1: one cell per pixel). */
  cellSize: number;
}

/**
 * A density map (datashader-style 2D histogram): every point is counted into the cell of the pane
 * it falls in (WebGPU: a compute pass with atomic adds over the GPU-resident points; Canvas2D: the
 * same binning on the CPU, `binDensity`), then each non-empty cell is painted with the colormap at
 * its count relative to the largest count (`densityLevel`). Empty cells stay transparent.
 */
export interface DensityLayer extends ResidentPointsLayer {
  kind: 'density';
  /** 256 RGBA8 entries (1024 bytes), straight alpha: the colormap's lookup table. */
  colormap: Uint8Array;
  scale: 'log' | 'linear';
}

/**
 * Points grouped per data-anchored cell (core/scene/cluster-levels.ts: 2^level data units per axis,
 * `cellSize` px at most on screen, about 40 CSS px): one disc per non-empty cell, near the
 * centroid of its points, its radius growing with log2(count); a cell holding one point draws that
 * point as a plain marker (`pointRadius`). WebGPU: a compute pass (count and fixed-point sums of
 * positions per cell) and a draw over every cell; Canvas2D: `clusterCellWords` on the CPU.
 */
export interface ClusterLayer extends ResidentPointsLayer {
  kind: 'cluster';
  color: Rgba;
  /** Radius of a lone point, device px. */
  pointRadius: number;
  /** Radius of a two-point cluster, device px; each doubling of the count adds `radiusStep`. */
  minRadius: number;
  radiusStep: number;
}

/**
 * A value column the renderer keeps on the GPU (f32, relative to `origin`), uploaded when the
 * store changes and only its new rows when it grew by appends.
 */
export interface ResidentColumn {
  /** Identifies the copy (one per store and column): a new key is a new upload. */
  key: object;
  /** The column (float64, the store's own array: read, never kept past the upload). */
  values: Float64Array;
  /** Rows in use. */
  length: number;
  /** The store's version: a change re-uploads (only rows from `appendedFrom` when set). */
  version: number;
  /** Rows before this index are unchanged since the previous version (an append), or -1. */
  appendedFrom: number;
  /** Subtracted before rounding to f32, so that f32 keeps the digits that vary. */
  origin: number;
}

/**
 * A line whose level of detail runs on the GPU (shaders/m4.wgsl): the values stay resident, the
 * CPU sends the M4 column bounds (columnBounds), and a compute pass picks the first, min, max and
 * last row of every pixel column and writes the polyline the line pipeline then draws, exactly the
 * points M4Decimator + indicesToPoints give on the CPU. Only WebGPU on a real GPU draws this kind:
 * the model emits it when its `gpuLod` option says the renderer can (never for Canvas2D).
 */
export interface ResidentLineLayer extends LayerPlacement {
  kind: 'resident-line';
  id: string;
  column: ResidentColumn;
  /** M4 columns: rows [bounds[c], bounds[c + 1]) fall in column c. */
  bounds: Uint32Array;
  columns: number;
  /** Width of one M4 column, px (points sit at column centres). */
  columnWidth: number;
  /** Pane px y = ay × (value − origin) + by (a linear value scale). */
  ay: number;
  by: number;
  /** The neighbours just outside the window, already clipped to the plot edge (px), or null. */
  before: readonly [number, number] | null;
  after: readonly [number, number] | null;
  /** At most this many points (four per column and the neighbours; the exact number is only known on the GPU). */
  count: number;
  color: Rgba;
  /** Stroke width in device pixels. */
  width: number;
}

/** The rectangle a layer is drawn in: its pane, else the scene's plot. */
export function layerRect(scene: FrameScene, layer: SceneLayer): PlotRect {
  return layer.pane ?? scene.plot;
}

export interface FrameScene {
  /** Canvas size in device pixels. */
  width: number;
  height: number;
  background: Rgba;
  /** Layers are drawn relative to, and clipped to, this rectangle (unless a layer names its own `pane`). */
  plot: PlotRect;
  layers: SceneLayer[];
}

/**
 * Points ((x, y) pairs) the scene's series layers send to the GPU, for statistics: a line's or an
 * area's points, and two per rectangle (its two corners), so a candle (body and wick) counts 4 like
 * an OHLC row. Grid segments are not counted. `sceneRectCount` gives the rectangles themselves.
 */
export function scenePointCount(scene: FrameScene): number {
  let points = 0;
  for (const layer of scene.layers) points += layerPointCount(layer);
  return points;
}

/** Points one layer of a scene draws (scenePointCount's share of it). */
export function layerPointCount(layer: SceneLayer): number {
  if (layer.kind === 'rects') return rectCount(layer) * 2;
  if (layer.kind === 'points3d') return Math.min(layer.count, layer.drawCount ?? layer.count);
  if (layer.kind === 'segments' || layer.kind === 'grid') return 0;
  // Density and cluster layers count every point they bin (all of them, on the GPU).
  return layer.count;
}

/** Rectangles the scene's rects layers draw. */
export function sceneRectCount(scene: FrameScene): number {
  let rects = 0;
  for (const layer of scene.layers) if (layer.kind === 'rects') rects += rectCount(layer);
  return rects;
}

/**
 * Rectangles a rects layer draws: `count`, capped by what its arrays hold, so that a short array
 * draws fewer rectangles in both renderers instead of reading past its end (or failing an upload).
 */
export function rectCount(layer: RectsLayer): number {
  return Math.max(0, Math.min(Math.floor(layer.count), layer.rects.length >> 2, layer.colors.length));
}

/** minSize as both renderers use it: default 1, never negative or NaN. */
export function rectMinSize(layer: RectsLayer): number {
  const size = layer.minSize ?? 1;
  return size > 0 ? size : 0;
}

const f32 = Math.fround;

/**
 * The pixel rule of rects layers, one axis: the span from `a` to `b` (plot-relative, either
 * order), widened to `minSize` around its centre when shorter, moved to canvas pixels by `origin`
 * (the plot's corner), then each edge rounded to the nearest pixel boundary, halves up:
 * `floor(edge + 0.5)`. Writes the whole-pixel span [start, end) into `out`.
 *
 * Rounding both edges (rather than flooring the start and ceiling the end) keeps a body's width
 * within half a pixel of its true width on each side, and puts a 1-px-wide rectangle centred at x
 * exactly in pixel column floor(x): the column that contains its centre. Any span at least 1 px
 * long stays at least 1 px long.
 *
 * This is what shaders/rects.wgsl computes in f32; every step is rounded to f32 here too
 * (Math.fround: an f64 sum of two f32 values rounded to f32 equals the f32 sum; the halvings are
 * exact), so both renderers pick the same pixel even for an edge that sits on a half pixel.
 */
export function snapRectSpan(a: number, b: number, origin: number, minSize: number, out: Float64Array | number[], at = 0): void {
  const fa = f32(a);
  const fb = f32(b);
  let lo = Math.min(fa, fb);
  let hi = Math.max(fa, fb);
  const size = f32(minSize);
  if (f32(hi - lo) < size) {
    const centre = f32(lo + hi) * 0.5;
    lo = f32(centre - size * 0.5);
    hi = f32(centre + size * 0.5);
  }
  const o = f32(origin);
  out[at] = Math.floor(f32(f32(lo + o) + 0.5));
  out[at + 1] = Math.floor(f32(f32(hi + o) + 0.5));
}

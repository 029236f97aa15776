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

/** A polyline: points are (x, y) pairs relative to the plot's top-left corner. */
export interface LineLayer {
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
export interface AreaLayer {
  kind: 'area';
  id: string;
  points: Float32Array;
  count: number;
  fill: Rgba;
  /** Baseline y, plot-relative device pixels. */
  baseline: number;
}

/** Independent segments: points 2i and 2i+1 form segment i (grid lines, ticks). */
export interface SegmentsLayer {
  kind: 'segments';
  id: string;
  points: Float32Array;
  count: number;
  color: Rgba;
  width: number;
}

export type SceneLayer = LineLayer | AreaLayer | SegmentsLayer;

export interface FrameScene {
  /** Canvas size in device pixels. */
  width: number;
  height: number;
  background: Rgba;
  /** Layers are clipped to this rectangle. */
  plot: PlotRect;
  layers: SceneLayer[];
}

/** Points (pairs) a layer draws, for statistics. */
export function scenePointCount(scene: FrameScene): number {
  let points = 0;
  for (const layer of scene.layers) if (layer.kind !== 'segments') points += layer.count;
  return points;
}

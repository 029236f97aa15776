import type { FrameScene, PlotRect, Rgba, SceneLayer } from '../../../core/scene/frame-scene.js';

export type Context2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Draws one layer of a kind: translated to its pane's (unrounded) top-left corner and clipped to
 * `clip`, its scissor rectangle (whole canvas pixels). Methods' parameters are bivariant, so a
 * function for `LineLayer` sits in a table of functions for `SceneLayer`.
 */
export interface DrawPrimitive<L extends SceneLayer = SceneLayer> {
  /**
   * Draws the layer. A primitive that drew another number of points than the scene asks for (a 3D
   * layer whose detail follows a time budget while the camera moves) returns that number.
   */
  draw(ctx: Context2d, layer: L, pane: PlotRect, clip: PlotRect, scene: FrameScene): number | void;
}

/** Straight RGBA 0..1 to a CSS colour; canvas compositing with straight colours equals the GPU's premultiplied blend. */
export function cssColor([r, g, b, a]: Rgba): string {
  const channel = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  const alpha = Math.min(1, Math.max(0, a));
  return `rgba(${channel(r)}, ${channel(g)}, ${channel(b)}, ${alpha})`;
}


import type { FrameScene, PlotRect, SceneLayer } from '../../core/scene/frame-scene.js';

/** What a layer writer gets besides its layer. */
export interface SvgLayerContext {
  scene: FrameScene;
  /** The layer's rectangle (its pane, else the plot), device px within the canvas. */
  rect: PlotRect;
}

/**
 * Writes one scene layer as SVG elements, in the layer's own coordinates (relative to its
 * rectangle's top-left corner, device px; the document wraps the result in a translated, clipped
 * group). Returns '' when the layer draws nothing. Raster layers (grids, density maps) are async:
 * their PNG is compressed by the platform's CompressionStream.
 */
export type SvgLayerWriter<L extends SceneLayer> = (layer: L, context: SvgLayerContext) => string | Promise<string>;

/** One writer per scene layer kind: a new kind in the SceneLayer union is one entry here (the type insists). */
export type SvgLayerTable = { [K in SceneLayer['kind']]: SvgLayerWriter<Extract<SceneLayer, { kind: K }>> };

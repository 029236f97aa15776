import type { MarkersLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { splatMarkers } from '../../../core/scene/marker-splat.js';
import { blitImageData } from './blit-image.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';


/**
 * A markers layer, drawn as shaders/markers.wgsl draws it: the same splat, run in JavaScript
 * (core/scene/marker-splat.ts), whose key buffer is a straight-alpha RGBA image blitted over what
 * is below. No path per marker (Skia's arcs cost about a microsecond each, a second for a million),
 * one blit per layer, and the same picture as the WebGPU renderer.
 */
function drawMarkers(ctx: Context2d, layer: MarkersLayer, pane: PlotRect, clip: PlotRect): void {
  const splat = splatMarkers(layer, pane, clip);
  if (!splat) return;
  const { keys, left, top, width, height } = splat;
  blitImageData(ctx, new ImageData(new Uint8ClampedArray(keys.buffer, keys.byteOffset, width * height * 4), width, height), left, top);
}

export const drawMarkersLayer: DrawPrimitive<MarkersLayer> = { draw: (ctx, layer, pane, clip) => drawMarkers(ctx, layer, pane, clip) };

import type { MarkersLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { splatMarkers } from '../../../core/scene/marker-splat.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';

let scratch: OffscreenCanvas | HTMLCanvasElement | null = null;

function scratchCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (!scratch) scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
  if (scratch.width < width) scratch.width = width;
  if (scratch.height < height) scratch.height = height;
  return scratch;
}

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
  const canvas = scratchCanvas(width, height);
  const scratchCtx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  scratchCtx.putImageData(new ImageData(new Uint8ClampedArray(keys.buffer, keys.byteOffset, width * height * 4), width, height), 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, width, height, left, top, width, height);
  ctx.restore();
}

export const drawMarkersLayer: DrawPrimitive<MarkersLayer> = { draw: (ctx, layer, pane, clip) => drawMarkers(ctx, layer, pane, clip) };

import type { MarkersLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { MARKER_STRIDE, markerCount, markerShapeIndex } from '../../../core/scene/frame-scene.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';

const f32 = Math.fround;

/** Per-frame scratch, grown as needed (drawing is synchronous, so one of each is enough). */
let keys = new Uint32Array(0);
let scratch: OffscreenCanvas | HTMLCanvasElement | null = null;

function scratchCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (!scratch) scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
  if (scratch.width < width) scratch.width = width;
  if (scratch.height < height) scratch.height = height;
  return scratch;
}

/** Signed distance (device px, negative inside) from (px, py) to the outline: markers.wgsl's markerDistance. */
function markerDistance(px: number, py: number, r: number, shape: number): number {
  const ax = Math.abs(px);
  const ay = Math.abs(py);
  switch (shape) {
    case 1:
      return Math.max(ax, ay) - r;
    case 2:
      return Math.max(py - r, (2 * ax - py - r) * 0.4472136);
    case 3: {
      const h = Math.max(0.5, r / 3);
      return Math.min(Math.max(ax - r, ay - h), Math.max(ax - h, ay - r));
    }
    case 4:
      return (ax + ay - r) * 0.70710678;
    default:
      return Math.sqrt(px * px + py * py) - r;
  }
}

/**
 * A markers layer, drawn as shaders/markers.wgsl's splat does, in JavaScript: each marker maps to
 * device px with the layer's f32 transform, its shape's signed distance at every pixel centre of
 * its box becomes coverage over about one pixel, and the pixel keeps key = (alpha × coverage) << 24
 * | rgb by maximum, so where markers overlap the one covering a pixel most shows, as on the GPU.
 * That key is, byte for byte, a straight-alpha RGBA pixel, so the key buffer is the ImageData drawn
 * over what is below: no path per marker (Skia's arcs cost about a microsecond each, a second for
 * a million), one blit per layer, and the same picture as the WebGPU renderer.
 */
function drawMarkers(ctx: Context2d, layer: MarkersLayer, pane: PlotRect, clip: PlotRect): void {
  const count = markerCount(layer);
  if (count === 0) return;
  const data = layer.data;
  const bits = new Uint32Array(data.buffer, data.byteOffset, count * MARKER_STRIDE);
  const [sx, ox, sy, oy] = layer.transform.map(f32) as [number, number, number, number];
  const originX = f32(pane.x);
  const originY = f32(pane.y);
  const clipLeft = Math.floor(clip.x);
  const clipTop = Math.floor(clip.y);
  const clipRight = Math.ceil(clip.x + clip.width);
  const clipBottom = Math.ceil(clip.y + clip.height);
  // Pass 1: the box of the pixels any marker may touch (the blit covers that, not the whole pane).
  let left = clipRight;
  let top = clipBottom;
  let right = clipLeft;
  let bottom = clipTop;
  for (let i = 0; i < count; i++) {
    const o = i * MARKER_STRIDE;
    const r = data[o + 2]! * 0.5;
    const x = f32(f32(f32(data[o]! * sx) + ox) + originX);
    const y = f32(f32(f32(data[o + 1]! * sy) + oy) + originY);
    // Transparent, sizeless or not a number (the comparisons are false for NaN), as the shader.
    if (bits[o + 3]! >>> 24 === 0 || !(r > 0) || !(Math.abs(x) < 1e7) || !(Math.abs(y) < 1e7)) continue;
    left = Math.min(left, Math.floor(x - r));
    right = Math.max(right, Math.ceil(x + r));
    top = Math.min(top, Math.floor(y - r));
    bottom = Math.max(bottom, Math.ceil(y + r));
  }
  left = Math.max(left, clipLeft);
  top = Math.max(top, clipTop);
  right = Math.min(right, clipRight);
  bottom = Math.min(bottom, clipBottom);
  const width = right - left;
  const height = bottom - top;
  if (width <= 0 || height <= 0) return;
  if (keys.length < width * height) keys = new Uint32Array(Math.max(width * height, keys.length * 2));
  keys.fill(0, 0, width * height);
  const shape = markerShapeIndex(layer.shape);
  // Pass 2: the splat.
  for (let i = 0; i < count; i++) {
    const o = i * MARKER_STRIDE;
    const color = bits[o + 3]!;
    const alpha = color >>> 24;
    const r = data[o + 2]! * 0.5;
    const x = f32(f32(f32(data[o]! * sx) + ox) + originX);
    const y = f32(f32(f32(data[o + 1]! * sy) + oy) + originY);
    if (alpha === 0 || !(r > 0) || !(Math.abs(x) < 1e7) || !(Math.abs(y) < 1e7)) continue;
    const x0 = Math.max(Math.floor(x - r), left);
    const x1 = Math.min(Math.ceil(x + r), right);
    const y0 = Math.max(Math.floor(y - r), top);
    const y1 = Math.min(Math.ceil(y + r), bottom);
    const rgb = color & 0xffffff;
    for (let py = y0; py < y1; py++) {
      const dy = py + 0.5 - y;
      const row = (py - top) * width - left;
      for (let px = x0; px < x1; px++) {
        const coverage = 0.5 - markerDistance(px + 0.5 - x, dy, r, shape);
        if (coverage <= 0) continue;
        const k = (alpha * (coverage > 1 ? 1 : coverage) + 0.5) | 0;
        if (k === 0) continue;
        const key = ((k << 24) | rgb) >>> 0;
        if (key > keys[row + px]!) keys[row + px] = key;
      }
    }
  }
  const canvas = scratchCanvas(width, height);
  const scratchCtx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  scratchCtx.putImageData(new ImageData(new Uint8ClampedArray(keys.buffer, 0, width * height * 4), width, height), 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, width, height, left, top, width, height);
  ctx.restore();
}

export const drawMarkersLayer: DrawPrimitive<MarkersLayer> = { draw: (ctx, layer, pane, clip) => drawMarkers(ctx, layer, pane, clip) };

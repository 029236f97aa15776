import type { MarkersLayer, PlotRect } from './frame-scene.js';
import { MARKER_STRIDE, markerCount, markerShapeIndex } from './frame-scene.js';

/**
 * The CPU twin of shaders/markers.wgsl's splat, DOM-free: each marker maps to canvas device px
 * with the layer's f32 transform plus the pane's origin, its shape's signed distance at every
 * pixel centre of its box becomes coverage over about one pixel, and the pixel keeps
 * key = (alpha × coverage) << 24 | rgb by maximum, so where markers overlap the one covering a
 * pixel most shows, as on the GPU. On a little-endian machine (every browser's) that key is, byte
 * for byte, a straight-alpha RGBA pixel: the key buffer is the picture.
 */
export interface MarkerSplat {
  /** width × height keys, row-major from (left, top); valid until the next call. */
  keys: Uint32Array<ArrayBuffer>;
  left: number;
  top: number;
  width: number;
  height: number;
}

const f32 = Math.fround;

/** Markers up to which the splat first finds their bounding box (see splatMarkers). */
const BOX_PASS_MAX = 8192;

/** Scratch, grown as needed (splatting is synchronous, so one is enough). */
let keys: Uint32Array<ArrayBuffer> = new Uint32Array(0);

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
 * Every marker of a circle layer (most scatter layers), in one loop: a moving million-point
 * scatter spends most of its Canvas2D frame here. Exactly the pixels and keys the shader writes,
 * only cheaper per marker: the radius thresholds are recomputed only when the radius changes (a
 * layer usually has one), a marker wholly inside the box skips the per-edge clamps, pixels that
 * already hold the marker's full key are left at once, and squared distances decide the pixels
 * wholly outside (no coverage) or wholly inside (full coverage) without a square root; only the
 * one-pixel rim computes the shader's 0.5 − (|p| − r). (Sorting the markers into bands of rows
 * first, for cache locality, made uniform random data faster in Node but the usual clustered
 * scatter slower in Chromium: not kept.)
 */
function splatCircles(data: Float32Array, bits: Uint32Array, count: number, t: readonly number[], left: number, top: number, right: number, bottom: number, width: number): void {
  const [sx, ox, sy, oy, originX, originY] = t as [number, number, number, number, number, number];
  const out = keys;
  let lastR = -1;
  let outside = 0;
  let inside = 0;
  for (let i = 0, o = 0; i < count; i++, o += MARKER_STRIDE) {
    const color = bits[o + 3]!;
    const alpha = color >>> 24;
    const r = data[o + 2]! * 0.5;
    const x = f32(f32(f32(data[o]! * sx) + ox) + originX);
    const y = f32(f32(f32(data[o + 1]! * sy) + oy) + originY);
    if (alpha === 0 || !(r > 0) || !(Math.abs(x) < 1e7) || !(Math.abs(y) < 1e7)) continue;
    if (r !== lastR) {
      lastR = r;
      outside = (r + 0.5) * (r + 0.5);
      inside = r >= 0.5 ? (r - 0.5) * (r - 0.5) : -1;
    }
    let x0 = Math.floor(x - r);
    let x1 = Math.ceil(x + r);
    let y0 = Math.floor(y - r);
    let y1 = Math.ceil(y + r);
    if (x0 < left || x1 > right || y0 < top || y1 > bottom) {
      if (x0 < left) x0 = left;
      if (x1 > right) x1 = right;
      if (y0 < top) y0 = top;
      if (y1 > bottom) y1 = bottom;
      if (x0 >= x1 || y0 >= y1) continue;
    }
    const rgb = color & 0xffffff;
    const full = color >>> 0;
    // Pixel centres relative to the marker, stepped instead of recomputed.
    const cx0 = x0 + 0.5 - x;
    let dy = y0 + 0.5 - y;
    let row = (y0 - top) * width - left;
    for (let py = y0; py < y1; py++, dy++, row += width) {
      const dy2 = dy * dy;
      if (dy2 >= outside) continue;
      let dx = cx0;
      for (let px = x0; px < x1; px++, dx++) {
        const d2 = dx * dx + dy2;
        if (d2 >= outside) continue;
        // No key of this marker exceeds `full` (same colour, at most its alpha): a pixel that
        // already holds as much, as in the dense middle of a big scatter, needs no coverage.
        const current = out[row + px]!;
        if (current >= full) continue;
        let key = full;
        if (d2 > inside) {
          const k = (alpha * (0.5 - (Math.sqrt(d2) - r)) + 0.5) | 0;
          if (k <= 0) continue;
          key = (((k < alpha ? k : alpha) << 24) | rgb) >>> 0;
        }
        if (key > current) out[row + px] = key;
      }
    }
  }
}

/** Any other shape's pixels, through its signed distance. */
function splatShape(x: number, y: number, r: number, shape: number, alpha: number, rgb: number, x0: number, x1: number, y0: number, y1: number, top: number, left: number, width: number): void {
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

/** The markers of `layer` splatted inside `clip` (canvas px); null when none touches it. */
export function splatMarkers(layer: MarkersLayer, pane: Pick<PlotRect, 'x' | 'y'>, clip: PlotRect): MarkerSplat | null {
  const count = markerCount(layer);
  if (count === 0) return null;
  const data = layer.data;
  const bits = new Uint32Array(data.buffer, data.byteOffset, count * MARKER_STRIDE);
  const [sx, ox, sy, oy] = layer.transform.map(f32) as [number, number, number, number];
  const originX = f32(pane.x);
  const originY = f32(pane.y);
  const clipLeft = Math.floor(clip.x);
  const clipTop = Math.floor(clip.y);
  const clipRight = Math.ceil(clip.x + clip.width);
  const clipBottom = Math.ceil(clip.y + clip.height);
  // Pass 1: the box of the pixels any marker may touch (the blit covers that, not the whole pane);
  // past BOX_PASS_MAX markers they cover about all of it, and the pass would only add time.
  const boxed = count <= BOX_PASS_MAX;
  let left = boxed ? clipRight : clipLeft;
  let top = boxed ? clipBottom : clipTop;
  let right = boxed ? clipLeft : clipRight;
  let bottom = boxed ? clipTop : clipBottom;
  for (let i = 0; boxed && i < count; i++) {
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
  if (width <= 0 || height <= 0) return null;
  if (keys.length < width * height) keys = new Uint32Array(Math.max(width * height, keys.length * 2));
  keys.fill(0, 0, width * height);
  const shape = markerShapeIndex(layer.shape);
  // Pass 2: the splat.
  if (shape === 0) {
    splatCircles(data, bits, count, [sx, ox, sy, oy, originX, originY], left, top, right, bottom, width);
    return { keys: keys.subarray(0, width * height), left, top, width, height };
  }
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
    splatShape(x, y, r, shape, alpha, color & 0xffffff, x0, x1, y0, y1, top, left, width);
  }
  return { keys: keys.subarray(0, width * height), left, top, width, height };
}

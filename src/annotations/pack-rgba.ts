import type { Rgba } from '../core/scene/frame-scene.js';

/** Packs straight RGBA 0..1 into RGBA8 (r | g << 8 | b << 16 | a << 24), as rects and markers layers take it. */
export function packRgba([r, g, b, a]: Rgba): number {
  const c = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return (c(r) | (c(g) << 8) | (c(b) << 16) | (c(a) << 24)) >>> 0;
}

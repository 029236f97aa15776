import type { Rgba } from '../core/scene/frame-scene.js';

let probe: CanvasRenderingContext2D | null = null;
const cache = new Map<string, Rgba | null>();

/**
 * Any CSS colour (names, hex, rgb(), hsl(), color-mix()…) as straight RGBA 0..1, by letting the
 * browser's own parser do it: a 1×1 canvas is filled and read back. Null when not a colour.
 */
export function resolveCssColor(value: string): Rgba | null {
  const key = value.trim();
  if (!key) return null;
  const known = cache.get(key);
  if (known !== undefined) return known;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return null;
  // An invalid colour leaves fillStyle unchanged: detect it with two different sentinels.
  probe.fillStyle = '#000001';
  probe.fillStyle = key;
  const first = probe.fillStyle;
  probe.fillStyle = '#000002';
  probe.fillStyle = key;
  let result: Rgba | null = null;
  if (first === probe.fillStyle) {
    probe.clearRect(0, 0, 1, 1);
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data as unknown as [number, number, number, number];
    result = a === 0 ? [0, 0, 0, 0] : [r / 255, g / 255, b / 255, a / 255];
  }
  if (cache.size > 512) cache.clear();
  cache.set(key, result);
  return result;
}

/** RGBA 0..1 back to a CSS string (legend swatches, tooltips). */
export function rgbaToCss([r, g, b, a]: Rgba): string {
  return `rgba(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)}, ${a})`;
}

import type { Rgba } from '../core/scene/frame-scene.js';

/**
 * Small helpers every SVG writer shares: coordinates rounded to a tenth of a device pixel (finer
 * is invisible and only makes the file bigger), colours as `#rrggbb` plus an opacity attribute
 * (understood by every SVG viewer, unlike 8-digit hex), and XML escaping of text.
 */

/** A coordinate with at most one decimal, without a trailing `.0`. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

const hex2 = (channel: number) => Math.max(0, Math.min(255, Math.round(channel * 255))).toString(16).padStart(2, '0');

/** `#rrggbb` of a straight RGBA colour (0..1 channels). */
export function hexColor(color: Rgba): string {
  return `#${hex2(color[0])}${hex2(color[1])}${hex2(color[2])}`;
}

/** `name="#rrggbb"` and, when translucent, `name-opacity="a"`. */
export function paint(name: 'fill' | 'stroke', color: Rgba): string {
  const alpha = Math.max(0, Math.min(1, color[3]));
  return alpha >= 1 ? `${name}="${hexColor(color)}"` : `${name}="${hexColor(color)}" ${name}-opacity="${Math.round(alpha * 1000) / 1000}"`;
}

/** A packed RGBA8 colour (r | g << 8 | b << 16 | a << 24, as rects and markers layers hold them) as Rgba. */
export function unpackRgba8(bits: number): Rgba {
  return [(bits & 255) / 255, ((bits >>> 8) & 255) / 255, ((bits >>> 16) & 255) / 255, ((bits >>> 24) & 255) / 255];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

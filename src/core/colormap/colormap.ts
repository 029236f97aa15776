// Scientific colormaps as 256-entry RGBA8 lookup tables. A LUT (rather than evaluating
// stops per value) keeps per-point colouring to one index and four byte reads, and is the
// same shape a GPU texture or an ImageData row wants.
import type { Rgba } from '../scene/frame-scene.js';
import { BUILTIN_STOPS } from './colormap-stops.js';

export const COLORMAP_NAMES = ['viridis', 'magma', 'inferno', 'plasma', 'turbo', 'cividis', 'grays'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

/** A custom colormap stop: offset in 0..1 (ascending), straight RGBA 0..1. */
export interface ColorStop {
  offset: number;
  color: Rgba;
}

export type ColormapSpec = ColormapName | readonly ColorStop[];

/** A colormap ready to use: a 256-entry RGBA8 lookup table (straight alpha), row i = t of i/255. */
export interface Colormap {
  readonly name: string;
  /** 256 * 4 bytes. Shared between users of a named map: treat as read-only. */
  readonly lut: Uint8Array;
}

/** A bad colormap spec; `field` names the offending part, e.g. 'colormap' or 'colormap[2].offset'. */
export class ColormapError extends Error {
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.name = 'ColormapError';
    this.field = field;
  }
}

const LUT_SIZE = 256;
const cache = new Map<ColormapName, Colormap>();

export function isColormapName(name: string): name is ColormapName {
  return (COLORMAP_NAMES as readonly string[]).includes(name);
}

/**
 * Validates and builds (cached per name; custom stops not cached). Throws ColormapError: unknown
 * name, fewer than 2 stops, offsets not finite / outside 0..1 / not ascending, colour components
 * not finite or outside 0..1.
 */
export function resolveColormap(spec: ColormapSpec): Colormap {
  if (typeof spec === 'string') {
    if (!isColormapName(spec)) {
      throw new ColormapError(`unknown colormap "${spec}" (known: ${COLORMAP_NAMES.join(', ')})`, 'colormap');
    }
    let map = cache.get(spec);
    if (!map) {
      const { offsets, rgb } = BUILTIN_STOPS[spec];
      map = { name: spec, lut: buildLut(offsets, (i) => [rgb[i]![0], rgb[i]![1], rgb[i]![2], 1]) };
      cache.set(spec, map);
    }
    return map;
  }
  // Specs often come from JSON config, so check the shape too, not only the values.
  if (!Array.isArray(spec)) {
    throw new ColormapError(`colormap must be a name or an array of { offset, color } stops, got ${describe(spec)}`, 'colormap');
  }
  const stops = spec as readonly ColorStop[];
  if (stops.length < 2) {
    throw new ColormapError(`colormap needs at least 2 stops, got ${stops.length}`, 'colormap');
  }
  stops.forEach(validateStop);
  return { name: 'custom', lut: buildLut(stops.map((s) => s.offset), (i) => stops[i]!.color) };
}

function validateStop(stop: ColorStop, i: number, stops: readonly ColorStop[]): void {
  const where = `colormap stop ${i}`;
  if (typeof stop !== 'object' || stop === null) {
    throw new ColormapError(`${where}: expected { offset, color }, got ${describe(stop)}`, `colormap[${i}]`);
  }
  const { offset, color } = stop;
  const field = `colormap[${i}].offset`;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) {
    throw new ColormapError(`${where}: offset ${describe(offset)} is not a finite number`, field);
  }
  if (offset < 0 || offset > 1) throw new ColormapError(`${where}: offset ${offset} is outside 0..1`, field);
  // Equal offsets are allowed: they make a hard edge (as in matplotlib's segment data).
  if (i > 0 && offset < stops[i - 1]!.offset) {
    throw new ColormapError(`${where}: offset ${offset} is below the previous ${stops[i - 1]!.offset}`, field);
  }
  if (!Array.isArray(color) || color.length !== 4) {
    throw new ColormapError(`${where}: color must be [r, g, b, a] with components 0..1, got ${describe(color)}`, `colormap[${i}].color`);
  }
  color.forEach((c: unknown, k: number) => {
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0 || c > 1) {
      throw new ColormapError(`${where}: color component ${k} (${describe(c)}) is not a number in 0..1`, `colormap[${i}].color[${k}]`);
    }
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : typeof value;
}

/** Samples piecewise-linear stops (linear in sRGB components, like matplotlib) into a LUT. */
function buildLut(offsets: readonly number[], colorAt: (i: number) => Rgba): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 4);
  const last = offsets.length - 1;
  let seg = 0;
  for (let row = 0; row < LUT_SIZE; row++) {
    const t = row / (LUT_SIZE - 1);
    // t only grows, so the segment index only moves forward. With equal offsets (a hard
    // edge) this lands past the edge, so the edge's row takes the colour after it.
    while (seg < last - 1 && t >= offsets[seg + 1]!) seg++;
    const t0 = offsets[seg]!;
    const t1 = offsets[seg + 1]!;
    // Outside the first/last offset the end colour holds (clamped f), a zero-width segment takes its end.
    const f = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : t >= t1 ? 1 : 0;
    const a = colorAt(seg);
    const b = colorAt(seg + 1);
    for (let k = 0; k < 4; k++) lut[row * 4 + k] = Math.round((a[k]! + (b[k]! - a[k]!) * f) * 255);
  }
  return lut;
}

/** LUT row nearest t (t clamped to 0..1); NaN must be handled by the caller. */
function nearestRow(t: number): number {
  return Math.round((t <= 0 ? 0 : t >= 1 ? 1 : t) * (LUT_SIZE - 1));
}

/** Interpolated colour at t (clamped to 0..1, linear between LUT entries); NaN t → [0,0,0,0] transparent. */
export function sampleColormap(map: Colormap, t: number): Rgba {
  // NaN is "no value": transparent, so gaps in the data show as gaps, not as the low end.
  if (Number.isNaN(t)) return [0, 0, 0, 0];
  const x = (t <= 0 ? 0 : t >= 1 ? 1 : t) * (LUT_SIZE - 1);
  const i = Math.min(Math.floor(x), LUT_SIZE - 2);
  const f = x - i;
  const lut = map.lut;
  const at = (k: number): number => (lut[i * 4 + k]! + (lut[i * 4 + 4 + k]! - lut[i * 4 + k]!) * f) / 255;
  return [at(0), at(1), at(2), at(3)];
}

/** Same colour packed as RGBA8 little-endian u32 (r | g<<8 | b<<16 | a<<24, >>> 0), NaN → 0. Nearest LUT entry (fast, per point). */
export function packColormapColor(map: Colormap, t: number): number {
  if (Number.isNaN(t)) return 0;
  const o = nearestRow(t) * 4;
  const lut = map.lut;
  return (lut[o]! | (lut[o + 1]! << 8) | (lut[o + 2]! << 16) | (lut[o + 3]! << 24)) >>> 0;
}

/** Writes the nearest LUT entry's 4 bytes at out[at..at+3] (ImageData fast path); NaN → 0,0,0,0. */
export function writeColormapColor(map: Colormap, t: number, out: Uint8Array | Uint8ClampedArray, at: number): void {
  if (Number.isNaN(t)) {
    out[at] = out[at + 1] = out[at + 2] = out[at + 3] = 0;
    return;
  }
  const o = nearestRow(t) * 4;
  const lut = map.lut;
  out[at] = lut[o]!;
  out[at + 1] = lut[o + 1]!;
  out[at + 2] = lut[o + 2]!;
  out[at + 3] = lut[o + 3]!;
}

// Tableau 10 (the 2016 palette): ten hues chosen to stay distinct for each other and on
// light or dark backgrounds. Stored packed, as packColormapColor returns, opaque.
const CATEGORICAL = [0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac].map(
  (rgb) => (((rgb >> 16) & 0xff) | (rgb & 0xff00) | ((rgb & 0xff) << 16) | (0xff << 24)) >>> 0,
);

/**
 * Categorical palette colour for category k (Tableau-10 like, 10 distinct colours, cycles), packed
 * like packColormapColor. k is floored; negative k cycles backwards; non-finite k → 0 (transparent),
 * as NaN is elsewhere.
 */
export function categoricalColor(k: number): number {
  if (!Number.isFinite(k)) return 0;
  const n = CATEGORICAL.length;
  return CATEGORICAL[((Math.floor(k) % n) + n) % n]!;
}

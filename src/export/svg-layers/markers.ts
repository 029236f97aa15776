import { MARKER_STRIDE, markerCount, type MarkersLayer } from '../../core/scene/frame-scene.js';
import { num, paint, unpackRgba8 } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

const f32 = Math.fround;

/** An outline of a marker shape centred at (x, y) with radius r, as path data (the renderers' shapes, see MarkersLayer). */
function shapePath(shape: MarkersLayer['shape'], x: number, y: number, r: number): string {
  switch (shape) {
    case 'square':
      return `M${num(x - r)} ${num(y - r)}h${num(2 * r)}v${num(2 * r)}h${num(-2 * r)}Z`;
    case 'triangle':
      return `M${num(x)} ${num(y - r)}L${num(x + r)} ${num(y + r)}L${num(x - r)} ${num(y + r)}Z`;
    case 'diamond':
      return `M${num(x)} ${num(y - r)}L${num(x + r)} ${num(y)}L${num(x)} ${num(y + r)}L${num(x - r)} ${num(y)}Z`;
    case 'cross': {
      const t = Math.max(0.5, r / 3);
      return `M${num(x - t)} ${num(y - r)}h${num(2 * t)}v${num(r - t)}h${num(r - t)}v${num(2 * t)}h${num(t - r)}v${num(r - t)}h${num(-2 * t)}v${num(t - r)}h${num(t - r)}v${num(-2 * t)}h${num(r - t)}Z`;
    }
    default:
      // Two arcs: a circle as path data, so one path per colour holds every marker of it.
      return `M${num(x - r)} ${num(y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`;
  }
}

/**
 * Markers (scatter points): the renderers' data-to-pixel transform (f32), markers outside the
 * layer's rectangle skipped, and level of detail by position: a marker whose colour and size
 * repeat one already drawn at the same device pixel adds nothing visible and is left out, so a
 * million-point scatter exports at most one marker per pixel and colour. One path per colour.
 */
export const markersSvg: SvgLayerWriter<MarkersLayer> = (layer, { rect }) => {
  const count = markerCount(layer);
  const data = layer.data;
  const bits = new Uint32Array(data.buffer, data.byteOffset, count * MARKER_STRIDE);
  const [sx, ox, sy, oy] = layer.transform.map(f32) as [number, number, number, number];
  const seen = new Set<string>();
  const byColor = new Map<number, string[]>();
  for (let i = 0; i < count; i++) {
    const o = i * MARKER_STRIDE;
    const color = bits[o + 3]!;
    const r = data[o + 2]! * 0.5;
    const x = f32(f32(data[o]! * sx) + ox);
    const y = f32(f32(data[o + 1]! * sy) + oy);
    if (color >>> 24 === 0 || !(r > 0) || !(x + r > 0 && x - r < rect.width && y + r > 0 && y - r < rect.height)) continue;
    const key = `${Math.round(x)},${Math.round(y)},${color},${Math.round(r * 2)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let list = byColor.get(color);
    if (!list) byColor.set(color, (list = []));
    list.push(shapePath(layer.shape, x, y, r));
  }
  let out = '';
  for (const [color, parts] of byColor) out += `<path data-layer="${layer.id}" class="markers ${layer.shape}" d="${parts.join('')}" ${paint('fill', unpackRgba8(color))}/>`;
  return out;
};

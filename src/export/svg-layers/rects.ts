import { rectCount, rectMinSize, snapRectSpan, type RectsLayer } from '../../core/scene/frame-scene.js';
import { paint, unpackRgba8 } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

/**
 * Rectangles (candles, bars, volume), snapped to whole device pixels by the renderers' own rule
 * (`snapRectSpan`), so the SVG shows the same edges as the picture. One path per colour: a
 * candlestick chart's thousands of bodies and wicks become two or three elements.
 */
export const rectsSvg: SvgLayerWriter<RectsLayer> = (layer, { rect }) => {
  const n = rectCount(layer);
  const minSize = rectMinSize(layer);
  const byColor = new Map<number, string[]>();
  const span = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const r = layer.rects;
    if (![r[i * 4]!, r[i * 4 + 1]!, r[i * 4 + 2]!, r[i * 4 + 3]!].every(Number.isFinite)) continue;
    snapRectSpan(r[i * 4]!, r[i * 4 + 2]!, rect.x, minSize, span, 0);
    snapRectSpan(r[i * 4 + 1]!, r[i * 4 + 3]!, rect.y, minSize, span, 2);
    const w = span[1]! - span[0]!;
    const h = span[3]! - span[2]!;
    if (w <= 0 || h <= 0) continue;
    const color = layer.colors[i]!;
    let list = byColor.get(color);
    if (!list) byColor.set(color, (list = []));
    list.push(`M${span[0]! - rect.x} ${span[2]! - rect.y}h${w}v${h}h${-w}Z`);
  }
  let out = '';
  for (const [color, parts] of byColor) out += `<path data-layer="${layer.id}" class="rects" d="${parts.join('')}" ${paint('fill', unpackRgba8(color))}/>`;
  return out;
};

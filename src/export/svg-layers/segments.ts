import type { SegmentsLayer } from '../../core/scene/frame-scene.js';
import { num, paint } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

/** Independent segments (grid lines, ticks): points 2i and 2i + 1 form segment i. */
export const segmentsSvg: SvgLayerWriter<SegmentsLayer> = (layer) => {
  const parts: string[] = [];
  const n = Math.min(layer.count, layer.points.length >> 1) >> 1;
  for (let i = 0; i < n; i++) {
    const p = layer.points;
    const [x0, y0, x1, y1] = [p[i * 4]!, p[i * 4 + 1]!, p[i * 4 + 2]!, p[i * 4 + 3]!];
    if (![x0, y0, x1, y1].every(Number.isFinite)) continue;
    parts.push(`M${num(x0)} ${num(y0)}L${num(x1)} ${num(y1)}`);
  }
  if (parts.length === 0) return '';
  return `<path data-layer="${layer.id}" class="segments" d="${parts.join('')}" fill="none" ${paint('stroke', layer.color)} stroke-width="${num(layer.width)}"/>`;
};

import type { LineLayer } from '../../core/scene/frame-scene.js';
import { num, paint } from '../svg-format.js';
import { polylinePath } from './polyline-path.js';
import type { SvgLayerWriter } from './svg-layer.js';

/** A polyline: one stroked path, broken at gaps. */
export const lineSvg: SvgLayerWriter<LineLayer> = (layer) => {
  const d = polylinePath(layer.points, layer.count);
  if (!d) return '';
  return `<path data-layer="${layer.id}" class="series line" d="${d}" fill="none" ${paint('stroke', layer.color)} stroke-width="${num(layer.width)}" stroke-linejoin="round" stroke-linecap="round"/>`;
};

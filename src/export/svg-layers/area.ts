import type { AreaLayer } from '../../core/scene/frame-scene.js';
import { num, paint } from '../svg-format.js';
import { polylineRuns } from './polyline-path.js';
import type { SvgLayerWriter } from './svg-layer.js';

/** The region between a polyline and its baseline: each run closed down to the baseline. */
export const areaSvg: SvgLayerWriter<AreaLayer> = (layer) => {
  const base = num(layer.baseline);
  const d = polylineRuns(layer.points, layer.count)
    .map((run) => `M${run[0]!.split(' ')[0]} ${base}L${run.join(' ')} ${run[run.length - 1]!.split(' ')[0]} ${base}Z`)
    .join('');
  if (!d) return '';
  return `<path data-layer="${layer.id}" class="series area" d="${d}" ${paint('fill', layer.fill)}/>`;
};

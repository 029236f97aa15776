import type { AreaLayer } from '../../../core/scene/frame-scene.js';
import { pointKind } from './point-kinds.js';

/** An area: the trapezoid under each segment of a polyline, down to a baseline. */
export const areaKind = pointKind<AreaLayer>({
  pipeline: 'area',
  overlap: 1,
  stride: 1,
  color: (layer) => layer.fill,
  halfWidth: () => 0,
  baseline: (layer) => layer.baseline,
});

import type { SegmentsLayer } from '../../../core/scene/frame-scene.js';
import { pointKind } from './point-kinds.js';

/** Independent segments (grid lines, ticks): points 2i and 2i + 1; drawn with the line pipeline. */
export const segmentsKind = pointKind<SegmentsLayer>({
  pipeline: 'line',
  overlap: 0,
  stride: 2,
  color: (layer) => layer.color,
  halfWidth: (layer) => Math.max(layer.width, 1) / 2,
  baseline: () => 0,
});

import type { LineLayer } from '../../../core/scene/frame-scene.js';
import { pointKind } from './point-kinds.js';

/** A polyline: segment i joins points i and i + 1; chunks repeat the previous chunk's last point. */
export const polylineKind = pointKind<LineLayer>({
  pipeline: 'line',
  overlap: 1,
  stride: 1,
  color: (layer) => layer.color,
  halfWidth: (layer) => Math.max(layer.width, 1) / 2,
  baseline: () => 0,
});

import type { LineLayer } from '../../../core/scene/frame-scene.js';
import type { PrimitiveKind } from './primitive-kind.js';
import { MIN_POINTS, POINT_PARAMS_BYTES, pointsLayout, pointsPerChunk, pointsPipeline, writePointParams } from './point-kinds.js';

/** A polyline: segment i joins points i and i + 1; chunks repeat the previous chunk's last point. */
export const polylineKind: PrimitiveKind<LineLayer> = {
  pipeline: 'line',
  bytesPerElement: [8],
  bufferLabels: ['gpu-charts layer points'],
  minCapacity: MIN_POINTS,
  overlap: 1,
  paramsBytes: POINT_PARAMS_BYTES,
  elementsPerChunk: pointsPerChunk,
  bindGroupLayout: pointsLayout,
  createPipeline: (context, layout) => pointsPipeline(context, layout, 'line'),
  count: (layer) => Math.max(0, layer.count),
  source: (layer) => layer.points,
  writeParams({ floats, uints }, layer, { scene, rect }) {
    writePointParams(floats, uints, scene.width, scene.height, rect.x, rect.y, layer.color, Math.max(layer.width, 1) / 2, 1, 0);
  },
  // Six vertices per segment, no instancing (see primitives.wgsl).
  vertexCount: (points) => 6 * (points - 1),
  instanceCount: () => 1,
};

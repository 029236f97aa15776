import type { AreaLayer } from '../../../core/scene/frame-scene.js';
import type { PrimitiveKind } from './primitive-kind.js';
import { MIN_POINTS, POINT_PARAMS_BYTES, pointsLayout, pointsPerChunk, pointsPipeline, writePointParams } from './point-kinds.js';

/** An area: the trapezoid under each segment of a polyline, down to a baseline. */
export const areaKind: PrimitiveKind<AreaLayer> = {
  pipeline: 'area',
  bytesPerElement: [8],
  bufferLabels: ['gpu-charts layer points'],
  minCapacity: MIN_POINTS,
  overlap: 1,
  paramsBytes: POINT_PARAMS_BYTES,
  elementsPerChunk: pointsPerChunk,
  bindGroupLayout: pointsLayout,
  createPipeline: (context, layout) => pointsPipeline(context, layout, 'area'),
  count: (layer) => Math.max(0, layer.count),
  source: (layer) => layer.points,
  writeParams({ floats, uints }, layer, { scene, rect }) {
    writePointParams(floats, uints, scene.width, scene.height, rect.x, rect.y, layer.fill, 0, 1, layer.baseline);
  },
  vertexCount: (points) => 6 * (points - 1),
  instanceCount: () => 1,
};

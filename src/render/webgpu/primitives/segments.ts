import type { SegmentsLayer } from '../../../core/scene/frame-scene.js';
import type { PrimitiveKind } from './primitive-kind.js';
import { MIN_POINTS, POINT_PARAMS_BYTES, pointsLayout, pointsPerChunk, pointsPipeline, writePointParams } from './point-kinds.js';

/** Independent segments (grid lines, ticks): points 2i and 2i + 1; drawn with the line pipeline. */
export const segmentsKind: PrimitiveKind<SegmentsLayer> = {
  pipeline: 'line',
  bytesPerElement: [8],
  bufferLabels: ['gpu-charts layer points'],
  minCapacity: MIN_POINTS,
  overlap: 0,
  paramsBytes: POINT_PARAMS_BYTES,
  elementsPerChunk: pointsPerChunk,
  bindGroupLayout: pointsLayout,
  createPipeline: (context, layout) => pointsPipeline(context, layout, 'line'),
  count: (layer) => Math.max(0, layer.count),
  source: (layer) => layer.points,
  writeParams({ floats, uints }, layer, { scene, rect }) {
    writePointParams(floats, uints, scene.width, scene.height, rect.x, rect.y, layer.color, Math.max(layer.width, 1) / 2, 2, 0);
  },
  vertexCount: (points) => 6 * (points >> 1),
  instanceCount: () => 1,
};

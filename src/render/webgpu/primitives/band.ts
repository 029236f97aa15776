import type { BandLayer } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding } from '../limits.js';
import { MIN_POINTS, pointsLayout, pointsPipeline, writePointParams } from './point-kinds.js';
import type { PrimitiveKind } from './primitive-kind.js';

/**
 * A band: the fill between two polylines (shaders/primitives.wgsl, `vs_band`). One storage buffer
 * of (xA, yA, xB, yB) rows, read as vec2f pairs; six vertices per segment; consecutive chunks share
 * a row so that the band has no seam.
 */
export const bandKind: PrimitiveKind<BandLayer> = {
  pipeline: 'band',
  bytesPerElement: [16],
  bufferLabels: ['gpu-charts band rows'],
  minCapacity: MIN_POINTS,
  overlap: 1,
  paramsBytes: 48,
  elementsPerChunk: (limits) => elementsPerBinding(limits, 16),
  bindGroupLayout: pointsLayout,
  createPipeline: (context, layout) => pointsPipeline(context, layout, 'band'),
  count: (layer) => Math.max(0, Math.min(Math.floor(layer.count), layer.points.length >> 2)),
  source: (layer) => layer.points,
  writeParams({ floats, uints }, layer, { scene, rect }) {
    writePointParams(floats, uints, scene.width, scene.height, rect.x, rect.y, layer.fill, 0, 1, 0);
  },
  vertexCount: (rows) => 6 * (rows - 1),
  instanceCount: () => 1,
};

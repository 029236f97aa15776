import markersWgsl from '../../../../shaders/markers.wgsl';
import type { MarkersLayer } from '../../../core/scene/frame-scene.js';
import { MARKER_STRIDE, markerCount, markerShapeIndex } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding } from '../limits.js';
import { PREMULTIPLIED_BLEND, type PrimitiveKind } from './primitive-kind.js';

/** Bytes of one marker in storage: x, y, diameter (f32) and colour (u32); see MarkersLayer. */
const MARKER_BYTES = MARKER_STRIDE * 4;

/**
 * Markers (shaders/markers.wgsl): one storage buffer of 16-byte markers in data space, six
 * vertices per marker, the data-to-pixel transform in the params. The buffers are written only
 * when the layer's `dataKey` or count changes (`uploadKey`): panning and zooming a scatter of
 * millions of points rewrites 48 bytes of params per frame.
 */
export const markersKind: PrimitiveKind<MarkersLayer> = {
  pipeline: 'markers',
  bytesPerElement: [MARKER_BYTES],
  bufferLabels: ['gpu-charts markers'],
  // 4 KiB at first.
  minCapacity: 256,
  overlap: 0,
  // Layout of `Params` in markers.wgsl: 12 × 4 bytes.
  paramsBytes: 48,
  elementsPerChunk: (limits) => elementsPerBinding(limits, MARKER_BYTES),
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('markers', () => ({
      label: 'gpu-charts markers',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    })),
  createPipeline(context, layout) {
    const { cache, format, sampleCount } = context;
    const module = cache.moduleEntry('markers.wgsl', context.shaders.markers ?? markersWgsl);
    return cache.checkedPipeline(
      `markers|${format}|${sampleCount}|${module.id}`,
      () => ({
        label: 'gpu-charts markers',
        layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        vertex: { module: module.module, entryPoint: 'vs_marker' },
        fragment: { module: module.module, entryPoint: 'fs_marker', targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
        primitive: { topology: 'triangle-list' },
        multisample: { count: sampleCount },
      }),
      module,
    );
  },
  count: markerCount,
  source: (layer) => layer.data,
  writeParams({ floats, uints }, layer, { scene, rect }) {
    floats[0] = scene.width;
    floats[1] = scene.height;
    floats[2] = rect.x;
    floats[3] = rect.y;
    const t = layer.transform;
    floats[4] = t[0];
    floats[5] = t[1];
    floats[6] = t[2];
    floats[7] = t[3];
    uints[8] = markerShapeIndex(layer.shape);
  },
  // Six vertices (two triangles) per marker, no instancing (see markers.wgsl).
  vertexCount: (markers) => 6 * markers,
  instanceCount: () => 1,
  uploadKey: (layer) => layer.dataKey,
};

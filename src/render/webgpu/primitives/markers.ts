import markersWgsl from '../../../../shaders/markers.wgsl';
import type { MarkersLayer } from '../../../core/scene/frame-scene.js';
import { MARKER_STRIDE, markerCount, markerShapeIndex } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding } from '../limits.js';
import { PREMULTIPLIED_BLEND, type PrimitiveKind } from './primitive-kind.js';

/** Bytes of one marker in storage: x, y, diameter (f32) and colour (u32); see MarkersLayer. */
const MARKER_BYTES = MARKER_STRIDE * 4;

/**
 * Markers (shaders/markers.wgsl): one storage buffer of 16-byte markers in data space; a compute
 * pass splats them (one invocation each: shape coverage per pixel, atomicMax into the pane's pixel
 * buffer), then one triangle composites the pane. Software rasterizers set up small triangles
 * slowly (two per marker: ~5 µs each on SwiftShader), compute invocations are cheap. The buffers
 * are written only when the layer's `dataKey` or count changes (`uploadKey`): panning and zooming
 * a scatter of millions of points rewrites 64 bytes of params per frame.
 */
export const markersKind: PrimitiveKind<MarkersLayer> = {
  pipeline: 'markers',
  bytesPerElement: [MARKER_BYTES],
  bufferLabels: ['gpu-charts markers'],
  // 4 KiB at first.
  minCapacity: 256,
  overlap: 0,
  // Layout of `Params` in markers.wgsl: 16 × 4 bytes.
  paramsBytes: 64,
  elementsPerChunk: (limits) => elementsPerBinding(limits, MARKER_BYTES),
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('markers', () => ({
      label: 'gpu-charts markers',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT | GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE | GPUShaderStage.FRAGMENT, buffer: { type: 'storage' } },
      ],
    })),
  createPipeline(context, layout) {
    const { cache, format, sampleCount, device } = context;
    const module = cache.moduleEntry('markers.wgsl', context.shaders.markers ?? markersWgsl);
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
    const render = cache.checkedPipeline(
      `markers|${format}|${sampleCount}|${module.id}`,
      () => ({
        label: 'gpu-charts markers composite',
        layout: pipelineLayout,
        vertex: { module: module.module, entryPoint: 'vs_composite' },
        fragment: { module: module.module, entryPoint: 'fs_composite', targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
        primitive: { topology: 'triangle-list' },
        multisample: { count: sampleCount },
      }),
      module,
    );
    const compute = cache.checkedComputePipeline(
      `markers-compute|${module.id}`,
      () => ({ label: 'gpu-charts markers splat', layout: pipelineLayout, compute: { module: module.module, entryPoint: 'cs_splat' } }),
      module,
    );
    // The layer needs both: either failing fails the kind.
    const check = Promise.all([render.check, compute.check]).then(([a, b]) => (a.error ? a : b));
    return { pipeline: render.pipeline, check, compute: compute.pipeline };
  },
  count: markerCount,
  source: (layer) => layer.data,
  writeParams({ floats, uints }, layer, { scene, rect, scissor }) {
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
    uints[9] = scissor.x;
    uints[10] = scissor.y;
    uints[11] = scissor.width;
    uints[12] = scissor.height;
  },
  // One triangle over the pane composites what the compute pass splatted (see markers.wgsl).
  vertexCount: (markers) => (markers > 0 ? 3 : 0),
  instanceCount: () => 1,
  uploadKey: (layer) => layer.dataKey,
  compute: { pixelBytes: 4, workgroupSize: 64 },
};

import rectsWgsl from '../../../../shaders/rects.wgsl';
import type { RectsLayer } from '../../../core/scene/frame-scene.js';
import { rectCount, rectMinSize } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding } from '../limits.js';
import { PREMULTIPLIED_BLEND, type PrimitiveKind } from './primitive-kind.js';

/**
 * Axis-aligned rectangles, one colour each (shaders/rects.wgsl): corners (4 × f32) and colours
 * (RGBA8) in two storage buffers that grow together; edges snapped to whole pixels in the shader.
 */
export const rectsKind: PrimitiveKind<RectsLayer> = {
  pipeline: 'rects',
  bytesPerElement: [16, 4],
  bufferLabels: ['gpu-charts rects corners', 'gpu-charts rects colors'],
  // 4 KiB of corners, 1 KiB of colours.
  minCapacity: 256,
  overlap: 0,
  // Layout of `Params` in rects.wgsl: 12 × 4 bytes.
  paramsBytes: 48,
  elementsPerChunk: (limits) => elementsPerBinding(limits, 16),
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('rects', () => ({
      label: 'gpu-charts rects',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    })),
  createPipeline(context, layout) {
    const { cache, format, sampleCount } = context;
    const module = cache.moduleEntry('rects.wgsl', context.shaders.rects ?? rectsWgsl);
    return cache.checkedPipeline(
      `rects|${format}|${sampleCount}|${module.id}`,
      () => ({
        label: 'gpu-charts rects',
        layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        vertex: { module: module.module, entryPoint: 'vs_rect' },
        fragment: { module: module.module, entryPoint: 'fs_rect', targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
        primitive: { topology: 'triangle-list' },
        multisample: { count: sampleCount },
      }),
      module,
    );
  },
  count: rectCount,
  source: (layer, buffer) => (buffer === 0 ? layer.rects : layer.colors),
  writeParams({ floats }, layer, { scene, rect, scissor }) {
    floats[0] = scene.width;
    floats[1] = scene.height;
    floats[2] = rect.x;
    floats[3] = rect.y;
    floats[4] = scissor.x;
    floats[5] = scissor.y;
    floats[6] = scissor.x + scissor.width;
    floats[7] = scissor.y + scissor.height;
    floats[8] = rectMinSize(layer);
  },
  // Six vertices (two triangles) per rectangle, no instancing.
  vertexCount: (rects) => 6 * rects,
  instanceCount: () => 1,
};

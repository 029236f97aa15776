import primitivesWgsl from '../../../../shaders/primitives.wgsl';
import type { AreaLayer, LineLayer, SegmentsLayer } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding, type RendererLimits } from '../limits.js';
import { PREMULTIPLIED_BLEND, type CheckedPipeline, type PipelineContext } from './primitive-kind.js';

/**
 * What lines, areas and segments share: shaders/primitives.wgsl, one storage buffer of (x, y) f32
 * points, a 48-byte `Params`, six vertices per segment.
 */
export type PointLayer = LineLayer | AreaLayer | SegmentsLayer;

/** Layout of `Params` in primitives.wgsl: 12 × 4 bytes. */
export const POINT_PARAMS_BYTES = 48;
/** Points a lone chunk holds at first (4 KiB). */
export const MIN_POINTS = 512;

/** Even, so that segment pairs never split across chunks. */
export function pointsPerChunk(limits: RendererLimits): number {
  return elementsPerBinding(limits, 8, true);
}

export function pointsLayout(context: PipelineContext): GPUBindGroupLayout {
  return context.cache.bindGroupLayout('primitives', () => ({
    label: 'gpu-charts primitives',
    entries: [
      { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
      { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
    ],
  }));
}

export function pointsPipeline(context: PipelineContext, layout: GPUBindGroupLayout, kind: 'line' | 'area'): CheckedPipeline {
  const { cache, format, sampleCount } = context;
  const module = cache.moduleEntry('primitives.wgsl', context.shaders.primitives ?? primitivesWgsl);
  return cache.checkedPipeline(
    `${kind}|${format}|${sampleCount}|${module.id}`,
    () => ({
      label: `gpu-charts ${kind}`,
      layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module: module.module, entryPoint: kind === 'area' ? 'vs_area' : 'vs_line' },
      fragment: { module: module.module, entryPoint: 'fs_solid', targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
      primitive: { topology: 'triangle-list' },
      multisample: { count: sampleCount },
    }),
    module,
  );
}

/** Writes primitives.wgsl's Params; the scratch is zeroed beforehand. */
export function writePointParams(
  floats: Float32Array,
  uints: Uint32Array,
  width: number,
  height: number,
  x: number,
  y: number,
  color: readonly number[],
  halfWidth: number,
  stride: 1 | 2,
  baseline: number,
): void {
  floats[0] = width;
  floats[1] = height;
  floats[2] = x;
  floats[3] = y;
  floats[4] = color[0]!;
  floats[5] = color[1]!;
  floats[6] = color[2]!;
  floats[7] = color[3]!;
  floats[8] = halfWidth;
  uints[9] = stride;
  floats[10] = baseline;
}

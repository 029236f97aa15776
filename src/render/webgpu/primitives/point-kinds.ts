import primitivesWgsl from '../../../../shaders/primitives.wgsl';
import type { AreaLayer, LineLayer, SegmentsLayer } from '../../../core/scene/frame-scene.js';
import { elementsPerBinding, type RendererLimits } from '../limits.js';
import { PREMULTIPLIED_BLEND, type CheckedPipeline, type PipelineContext, type PrimitiveKind } from './primitive-kind.js';
import type { Rgba } from '../../../core/scene/frame-scene.js';

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

export function pointsPipeline(context: PipelineContext, layout: GPUBindGroupLayout, kind: 'line' | 'area' | 'band'): CheckedPipeline {
  const { cache, format, sampleCount } = context;
  const module = cache.moduleEntry('primitives.wgsl', context.shaders.primitives ?? primitivesWgsl);
  return cache.checkedPipeline(
    `${kind}|${format}|${sampleCount}|${module.id}`,
    () => ({
      label: `gpu-charts ${kind}`,
      layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module: module.module, entryPoint: kind === 'area' ? 'vs_area' : kind === 'band' ? 'vs_band' : 'vs_line' },
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

/** How one point-based kind differs from the others: its shader entry, joins and params. */
export interface PointKindOptions<L extends PointLayer> {
  pipeline: 'line' | 'area';
  /** 1: a polyline (chunks repeat the previous chunk's last point so segments join); 0: independent pairs. */
  overlap: 0 | 1;
  /** Points per segment in the buffer: 1 for polylines and areas, 2 for independent segments. */
  stride: 1 | 2;
  color: (layer: L) => Rgba;
  /** Half the stroke width in px (0 for areas). */
  halfWidth: (layer: L) => number;
  /** Area baseline, plot-relative px (0 for strokes). */
  baseline: (layer: L) => number;
}

/** A primitive kind drawn from (x, y) points by shaders/primitives.wgsl: six vertices per segment, no instancing. */
export function pointKind<L extends PointLayer>(options: PointKindOptions<L>): PrimitiveKind<L> {
  const { pipeline, overlap, stride } = options;
  return {
    pipeline,
    bytesPerElement: [8],
    bufferLabels: ['gpu-charts layer points'],
    minCapacity: MIN_POINTS,
    overlap,
    paramsBytes: POINT_PARAMS_BYTES,
    elementsPerChunk: pointsPerChunk,
    bindGroupLayout: pointsLayout,
    createPipeline: (context, layout) => pointsPipeline(context, layout, pipeline),
    count: (layer) => Math.max(0, layer.count),
    source: (layer) => layer.points,
    writeParams({ floats, uints }, layer, { scene, rect }) {
      writePointParams(floats, uints, scene.width, scene.height, rect.x, rect.y, options.color(layer), options.halfWidth(layer), stride, options.baseline(layer));
    },
    vertexCount: stride === 2 ? (points) => 6 * (points >> 1) : (points) => 6 * (points - 1),
    instanceCount: () => 1,
  };
}

import type { ComputeEntry } from '../pipeline-cache.js';
import { PREMULTIPLIED_BLEND, type CheckedPipeline, type PipelineContext, type PrimitiveKind, type ResidentSlot } from './primitive-kind.js';

/**
 * What a resident kind (density, clusters) gives the chunk path's required fields: nothing is
 * uploaded per frame, so no element buffers; `prepare` and the other optional members do the work.
 */
export const NO_CHUNKS = {
  bytesPerElement: [] as readonly number[],
  bufferLabels: [] as readonly string[],
  minCapacity: 1,
  overlap: 0 as const,
  elementsPerChunk: () => Number.MAX_SAFE_INTEGER,
  source: () => new Float32Array(0),
  writeParams: () => {},
  vertexCount: () => 0,
  instanceCount: () => 0,
} satisfies Partial<PrimitiveKind>;

/** Workgroups of 256 invocations covering `count` items, as (x, y): x ≤ 65535 (the default limit). */
export function workgroupGrid(count: number): [number, number] {
  const groups = Math.max(1, Math.ceil(count / 256));
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x)];
}

/** A storage buffer of at least `bytes` for a slot, grown (never shrunk) through the budget. */
export function ensureStorage(
  gpu: { device: GPUDevice; allocations: import('../gpu-allocations.js').OwnerAllocations; allocate: <T>(bytes: number, create: () => T) => T },
  current: GPUBuffer | null,
  bytes: number,
  label: string,
  usage: number,
): GPUBuffer {
  if (current && current.size >= bytes) return current;
  gpu.allocations.release(current);
  const size = Math.max(16, Math.ceil(bytes / 16) * 16);
  return gpu.allocate(size, () => gpu.allocations.createBuffer(gpu.device, { label, size, usage }));
}

/** The shader of a resident kind: one module with a draw (vertex + fragment) and a compute entry. */
export interface ResidentShader {
  /** The shader's name (`<name>.wgsl`, replaceable through PipelineContext.shaders) and the pipeline key prefix. */
  name: 'density' | 'cluster';
  /** The built-in WGSL. */
  source: string;
  vertex: string;
  fragment: string;
  compute: string;
  computeLabel: string;
}

function moduleOf(context: PipelineContext, shader: ResidentShader) {
  return context.cache.moduleEntry(`${shader.name}.wgsl`, context.shaders[shader.name] ?? shader.source);
}

/** The kind's compute pipeline (cached: `prepare` asks for it again to build its bind group). */
export function residentComputePipeline(context: PipelineContext, shader: ResidentShader): ComputeEntry {
  const module = moduleOf(context, shader);
  return context.cache.checkedComputePipeline(
    `${shader.name}-compute|${module.id}`,
    () => ({ label: shader.computeLabel, layout: 'auto', compute: { module: module.module, entryPoint: shader.compute } }),
    module,
  );
}

/** The kind's draw pipeline, checked together with its compute pipeline: either failing fails the kind. */
export function residentPipelines(context: PipelineContext, layout: GPUBindGroupLayout, shader: ResidentShader): CheckedPipeline {
  const { cache, format, sampleCount } = context;
  const module = moduleOf(context, shader);
  const draw = cache.checkedPipeline(
    `${shader.name}|${format}|${sampleCount}|${module.id}`,
    () => ({
      label: `gpu-charts ${shader.name}`,
      layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module: module.module, entryPoint: shader.vertex },
      fragment: { module: module.module, entryPoint: shader.fragment, targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
      primitive: { topology: 'triangle-list' },
      multisample: { count: sampleCount },
    }),
    module,
  );
  const compute = residentComputePipeline(context, shader);
  const check = Promise.all([draw.check, compute.check]).then(([a, b]) => (a.error ? a : b));
  return { pipeline: draw.pipeline, check };
}

/** Clears the first `bytes` of `target`, then runs `pipeline` once per point (workgroups of 256). */
export function encodeOverPoints(encoder: GPUCommandEncoder, label: string, pipeline: GPUComputePipeline, group: GPUBindGroup, target: GPUBuffer, bytes: number, points: number): void {
  encoder.clearBuffer(target, 0, bytes);
  if (points === 0) return;
  const pass = encoder.beginComputePass({ label });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  const [x, y] = workgroupGrid(points);
  pass.dispatchWorkgroups(x, y);
  pass.end();
}

export type { ResidentSlot };

import type { FrameScene, PlotRect } from '../../../core/scene/frame-scene.js';
import { AMBIENT, type Layer3dCamera } from '../../../core/scene/layers-3d.js';
import type { ModuleEntry } from '../pipeline-cache.js';
import { DEPTH_FORMAT, PICK_FORMAT, PREMULTIPLIED_BLEND, type CheckedPipeline, type PipelineContext, type ResidentGpu } from './primitive-kind.js';
import { NO_CHUNKS } from './resident-kind.js';

// The depth format moved to primitive-kind.ts: the renderer needs it without the 3D kinds (a lazy chunk).
export { DEPTH_FORMAT };

/** What the 3D kinds share of PrimitiveKind: drawn in the depth pass, their own buffers (prepare / encodeDraw). */
export const THREE_D = { ...NO_CHUNKS, depth: true };

/** A render pipeline with depth testing (3D kinds): triangle lists, no culling (two-sided). */
export function pipeline3d(
  context: PipelineContext,
  layout: GPUBindGroupLayout,
  name: string,
  module: ModuleEntry,
  entry: { vertex: string; fragment: string; topology: GPUPrimitiveTopology; depthWrite: boolean },
): CheckedPipeline {
  const { cache, format, sampleCount } = context;
  return cache.checkedPipeline(
    `${name}|${format}|${sampleCount}|${module.id}|${DEPTH_FORMAT}`,
    () => ({
      label: `gpu-charts ${name}`,
      layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module: module.module, entryPoint: entry.vertex },
      fragment: { module: module.module, entryPoint: entry.fragment, targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
      primitive: { topology: entry.topology, cullMode: 'none' },
      depthStencil: { format: DEPTH_FORMAT, depthWriteEnabled: entry.depthWrite, depthCompare: entry.depthWrite ? 'less' : 'less-equal' },
      multisample: { count: sampleCount },
    }),
    module,
  );
}

/** The target format of GPU picking's id pass: (tag, element) per pixel. */
export { PICK_FORMAT };

/** The id pipeline of a 3D kind (GPU picking): its vertex stage, an id fragment, depth tested, one sample. */
export function pickPipeline3d(context: PipelineContext, layout: GPUBindGroupLayout, name: string, module: ModuleEntry, entry: { vertex: string; fragment: string }): GPURenderPipeline {
  return context.cache.checkedPipeline(
    `${name}|pick|${PICK_FORMAT}|${module.id}|${DEPTH_FORMAT}`,
    () => ({
      label: `gpu-charts ${name} pick`,
      layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module: module.module, entryPoint: entry.vertex },
      fragment: { module: module.module, entryPoint: entry.fragment, targets: [{ format: PICK_FORMAT }] },
      primitive: { topology: 'triangle-list', cullMode: 'none' },
      depthStencil: { format: DEPTH_FORMAT, depthWriteEnabled: true, depthCompare: 'less' },
      multisample: { count: 1 },
    }),
    module,
  ).pipeline;
}

/** A bind group layout: a uniform at 0, then read-only storage buffers at 1… (`stages` each). */
export function layout3d(context: PipelineContext, key: string, storage: GPUShaderStageFlags[]): GPUBindGroupLayout {
  return context.cache.bindGroupLayout(key, () => ({
    label: `gpu-charts ${key}`,
    entries: [
      { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
      ...storage.map((visibility, i) => ({ binding: i + 1, visibility, buffer: { type: 'read-only-storage' as const } })),
    ],
  }));
}

/**
 * Writes the layer's world → pane-clip matrix, moved to the canvas: the pane's clip square is
 * mapped onto its rectangle (x' = a·x + b·w, y' = c·y + d·w: affine before the divide, so it is
 * folded into the matrix), 16 floats at `at`.
 */
export function writeViewProj(floats: Float32Array, at: number, camera: Layer3dCamera, rect: PlotRect, scene: FrameScene): void {
  const W = scene.width;
  const H = scene.height;
  const a = rect.width / W;
  const b = (2 * rect.x + rect.width) / W - 1;
  const c = rect.height / H;
  const d = 1 - (2 * rect.y + rect.height) / H;
  const m = camera.viewProj;
  for (let k = 0; k < 4; k++) {
    const w = m[k * 4 + 3]!;
    floats[at + k * 4] = a * m[k * 4]! + b * w;
    floats[at + k * 4 + 1] = c * m[k * 4 + 1]! + d * w;
    floats[at + k * 4 + 2] = m[k * 4 + 2]!;
    floats[at + k * 4 + 3] = w;
  }
}

/** The light (xyz) and the ambient share (w) at `at`. */
export function writeLight(floats: Float32Array, at: number, camera: Layer3dCamera): void {
  floats[at] = camera.light[0];
  floats[at + 1] = camera.light[1];
  floats[at + 2] = camera.light[2];
  floats[at + 3] = AMBIENT;
}

/** A storage buffer of at least `bytes`, grown through the renderer's budget (never shrunk). */
export function storageBuffer(gpu: ResidentGpu, current: GPUBuffer | null, bytes: number, label: string): GPUBuffer {
  const size = Math.max(16, Math.ceil(bytes / 16) * 16);
  if (current && current.size >= size) return current;
  gpu.allocations.release(current);
  return gpu.allocate(size, () => gpu.allocations.createBuffer(gpu.device, { label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }));
}

/** Uploads the first `bytes` of a view into `buffer`. */
export function upload(gpu: ResidentGpu, buffer: GPUBuffer, data: ArrayBufferView, bytes: number): void {
  if (bytes > 0) gpu.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, Math.ceil(bytes / 4) * 4);
}

/** Straight RGBA 0..1 into 4 floats at `at`. */
export function writeRgba(floats: Float32Array, at: number, color: readonly number[] | null): void {
  floats[at] = color?.[0] ?? 0;
  floats[at + 1] = color?.[1] ?? 0;
  floats[at + 2] = color?.[2] ?? 0;
  floats[at + 3] = color?.[3] ?? 0;
}

import type { PrimitiveKind, ResidentSlot } from './primitive-kind.js';

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

export type { ResidentSlot };

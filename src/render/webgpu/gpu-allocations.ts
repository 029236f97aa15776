/**
 * Counts every GPU buffer and texture the library creates, per owner and in total, so that tests
 * and the perf overlay can check that removing a chart gives all of its memory back.
 */
export interface AllocationTotals {
  buffers: number;
  textures: number;
  bytes: number;
}

type Resource = GPUBuffer | GPUTexture;

const BYTES_PER_TEXEL: Record<string, number> = { rgba8unorm: 4, bgra8unorm: 4, 'rgba8unorm-srgb': 4, 'bgra8unorm-srgb': 4, rgba16float: 8, r32float: 4, depth24plus: 4, depth32float: 4 };

/** Bytes a texture of this descriptor would hold (every sample of every texel, one mip level). */
export function textureDescriptorBytes(descriptor: GPUTextureDescriptor): number {
  const size = descriptor.size as number[] | GPUExtent3DDict;
  const width = Array.isArray(size) ? size[0]! : (size as GPUExtent3DDict).width;
  const height = Array.isArray(size) ? (size[1] ?? 1) : ((size as GPUExtent3DDict).height ?? 1);
  const layers = Array.isArray(size) ? (size[2] ?? 1) : ((size as GPUExtent3DDict).depthOrArrayLayers ?? 1);
  return width * height * layers * (BYTES_PER_TEXEL[descriptor.format] ?? 4) * (descriptor.sampleCount ?? 1);
}

function textureBytes(texture: GPUTexture): number {
  const perTexel = BYTES_PER_TEXEL[texture.format] ?? 4;
  return texture.width * texture.height * texture.depthOrArrayLayers * perTexel * texture.sampleCount;
}

/** The page-wide totals; one instance per device manager. */
export class AllocationLedger {
  readonly totals: AllocationTotals = { buffers: 0, textures: 0, bytes: 0 };
  /**
   * Test hook: when set, an allocation that would take the page's total past this many bytes fails
   * as if the GPU were out of memory (an unusable resource, reported through `takeSimulatedOom`),
   * so the out-of-memory path can be exercised on a machine with plenty of memory.
   */
  memoryBudgetBytes: number | null = null;

  owner(): OwnerAllocations {
    return new OwnerAllocations(this);
  }
}

/** One renderer's resources: created through it, released one by one or all at once. */
export class OwnerAllocations {
  private readonly live = new Map<Resource, number>();
  private readonly totals: AllocationTotals;
  private bytes = 0;
  /** Bytes asked for by allocations the simulated budget refused, since the last `takeSimulatedOom`. */
  private refusedBytes = 0;

  constructor(private readonly ledger: AllocationLedger) {
    this.totals = ledger.totals;
  }

  get byteLength(): number {
    return this.bytes;
  }

  get count(): number {
    return this.live.size;
  }

  createBuffer(device: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
    if (this.overBudget(descriptor.size)) {
      // What a real out-of-memory allocation gives: a buffer that exists but cannot be used.
      const refused = device.createBuffer({ ...descriptor, size: 16, mappedAtCreation: false, label: `${descriptor.label ?? 'buffer'} (refused: over the simulated budget)` });
      refused.destroy();
      return refused;
    }
    const buffer = device.createBuffer(descriptor);
    this.track(buffer, descriptor.size, 'buffers');
    return buffer;
  }

  createTexture(device: GPUDevice, descriptor: GPUTextureDescriptor): GPUTexture {
    if (this.overBudget(textureDescriptorBytes(descriptor))) {
      const refused = device.createTexture({ ...descriptor, size: [1, 1], label: `${descriptor.label ?? 'texture'} (refused: over the simulated budget)` });
      refused.destroy();
      return refused;
    }
    const texture = device.createTexture(descriptor);
    this.track(texture, textureBytes(texture), 'textures');
    return texture;
  }

  /** Bytes refused by the simulated budget since the last call (0: none), and forgets them. */
  takeSimulatedOom(): number {
    const refused = this.refusedBytes;
    this.refusedBytes = 0;
    return refused;
  }

  release(resource: Resource | null | undefined): void {
    if (!resource) return;
    const size = this.live.get(resource);
    if (size === undefined) return;
    this.live.delete(resource);
    this.bytes -= size;
    this.totals.bytes -= size;
    if ('mapAsync' in resource) this.totals.buffers--;
    else this.totals.textures--;
    resource.destroy();
  }

  releaseAll(): void {
    for (const resource of [...this.live.keys()]) this.release(resource);
  }

  private overBudget(size: number): boolean {
    const budget = this.ledger.memoryBudgetBytes;
    if (budget === null || this.totals.bytes + size <= budget) return false;
    this.refusedBytes += size;
    return true;
  }

  private track(resource: Resource, size: number, kind: 'buffers' | 'textures'): void {
    this.live.set(resource, size);
    this.bytes += size;
    this.totals.bytes += size;
    this.totals[kind]++;
  }
}

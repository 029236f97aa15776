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

const BYTES_PER_TEXEL: Record<string, number> = { rgba8unorm: 4, bgra8unorm: 4, 'rgba8unorm-srgb': 4, 'bgra8unorm-srgb': 4, rgba16float: 8, depth24plus: 4, depth32float: 4 };

function textureBytes(texture: GPUTexture): number {
  const perTexel = BYTES_PER_TEXEL[texture.format] ?? 4;
  return texture.width * texture.height * texture.depthOrArrayLayers * perTexel * texture.sampleCount;
}

/** The page-wide totals; one instance per device manager. */
export class AllocationLedger {
  readonly totals: AllocationTotals = { buffers: 0, textures: 0, bytes: 0 };

  owner(): OwnerAllocations {
    return new OwnerAllocations(this.totals);
  }
}

/** One renderer's resources: created through it, released one by one or all at once. */
export class OwnerAllocations {
  private readonly live = new Map<Resource, number>();
  private bytes = 0;

  constructor(private readonly totals: AllocationTotals) {}

  get byteLength(): number {
    return this.bytes;
  }

  get count(): number {
    return this.live.size;
  }

  createBuffer(device: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
    const buffer = device.createBuffer(descriptor);
    this.track(buffer, descriptor.size, 'buffers');
    return buffer;
  }

  createTexture(device: GPUDevice, descriptor: GPUTextureDescriptor): GPUTexture {
    const texture = device.createTexture(descriptor);
    this.track(texture, textureBytes(texture), 'textures');
    return texture;
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

  private track(resource: Resource, size: number, kind: 'buffers' | 'textures'): void {
    this.live.set(resource, size);
    this.bytes += size;
    this.totals.bytes += size;
    this.totals[kind]++;
  }
}

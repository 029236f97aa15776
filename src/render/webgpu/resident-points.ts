import type { OwnerAllocations } from './gpu-allocations.js';
import type { RendererLimits } from './limits.js';

/** Runs an allocation inside the frame's error scopes and the memory budget (the renderer's). */
type Allocate = <T>(bytes: number, create: () => T) => T;

interface Entry {
  buffer: GPUBuffer;
  /** Points the buffer holds room for. */
  capacity: number;
  /** Points uploaded, and the version they came from. */
  count: number;
  version: number;
  /** Frame in which a layer last used it. */
  usedInFrame: number;
}

/**
 * Point arrays kept on the GPU in data space (scatter density and clusters; instanced markers
 * may share them): one storage buffer per source array, uploaded again only when the layer's
 * `version` (or count) changes, so that panning and zooming upload nothing but a params uniform.
 * Several layers drawing the same array (density and clusters of one series) share one copy.
 * Buffers go through the renderer's budget and the allocation ledger; an array no layer used
 * in the last frame gives its memory back at the end of the next.
 */
export class ResidentPoints {
  private readonly entries = new Map<Float32Array, Entry>();
  private frame = 0;
  /** Uploads so far and their bytes (tests: panning must not upload). */
  uploads = 0;
  uploadedBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly allocations: OwnerAllocations,
    private readonly allocate: Allocate,
    private readonly limits: RendererLimits,
  ) {}

  /**
   * Points one binding may hold (8 bytes each): a larger array is binned up to this many points
   * (16.7M at the default 128 MiB maxStorageBufferBindingSize).
   */
  get maxPoints(): number {
    return Math.floor(Math.min(this.limits.maxStorageBufferBindingSize, this.limits.maxBufferSize) / 8);
  }

  /** The GPU copy of `points` (its first `count` pairs) at `version`, uploading when stale. */
  buffer(points: Float32Array, count: number, version: number): { buffer: GPUBuffer; count: number } {
    const n = Math.max(0, Math.min(count, points.length >> 1, this.maxPoints));
    let entry = this.entries.get(points);
    if (!entry || entry.capacity < n) {
      if (entry) this.allocations.release(entry.buffer);
      const capacity = Math.max(n, 256);
      const bytes = capacity * 8;
      const buffer = this.allocate(bytes, () =>
        this.allocations.createBuffer(this.device, { label: 'gpu-charts resident points', size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
      );
      entry = { buffer, capacity, count: -1, version: NaN, usedInFrame: this.frame };
      this.entries.set(points, entry);
    }
    if (entry.version !== version || entry.count !== n) {
      if (n > 0) this.device.queue.writeBuffer(entry.buffer, 0, points.buffer, points.byteOffset, n * 8);
      entry.version = version;
      entry.count = n;
      this.uploads++;
      this.uploadedBytes += n * 8;
    }
    entry.usedInFrame = this.frame;
    return { buffer: entry.buffer, count: n };
  }

  /** Ends a frame: arrays unused in it (and the one before) give their buffers back. */
  endFrame(): void {
    for (const [points, entry] of this.entries) {
      if (entry.usedInFrame < this.frame - 1) {
        this.allocations.release(entry.buffer);
        this.entries.delete(points);
      }
    }
    this.frame++;
  }

  /** Releases every buffer (after an out-of-memory error, or at dispose). */
  releaseAll(): void {
    for (const entry of this.entries.values()) this.allocations.release(entry.buffer);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

import type { ResidentColumn } from '../../core/scene/frame-scene.js';
import type { OwnerAllocations } from './gpu-allocations.js';
import type { RendererLimits } from './limits.js';

type Allocate = <T>(bytes: number, create: () => T) => T;

interface Entry {
  buffer: GPUBuffer;
  /** Rows the buffer holds room for. */
  capacity: number;
  /** Rows uploaded, the version and the origin they were uploaded at. */
  rows: number;
  version: number;
  origin: number;
  usedInFrame: number;
}

/** Rows converted to f32 per writeBuffer: bounds the host memory an upload takes (16 MiB). */
const UPLOAD_ROWS = 1 << 22;

/**
 * Value columns kept on the GPU as f32 (GPU level of detail, ResidentLineLayer): uploaded once per
 * store, then only the rows an append added (growing the buffer by copying on the GPU), so panning,
 * zooming and streaming upload nothing but new rows. Float64 values are converted in slices of
 * UPLOAD_ROWS, never as one whole f32 copy of a 100M-row column. Unused columns give their buffers
 * back after a frame, like ResidentPoints.
 */
export class ResidentColumns {
  private readonly entries = new Map<object, Entry>();
  private frame = 0;
  private scratch = new Float32Array(0);
  /** Rows uploaded so far (tests: panning must not upload). */
  uploadedRows = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly allocations: OwnerAllocations,
    private readonly allocate: Allocate,
    private readonly limits: RendererLimits,
  ) {}

  /** Rows one binding may hold (4 bytes each); the model gets this as its GPU LOD limit. */
  get maxRows(): number {
    return Math.floor(Math.min(this.limits.maxStorageBufferBindingSize, this.limits.maxBufferSize) / 4);
  }

  /** The GPU copy of `column`, brought up to date; null when it is too long for one binding. */
  buffer(column: ResidentColumn): GPUBuffer | null {
    const rows = column.length;
    if (rows > this.maxRows) return null;
    let entry = this.entries.get(column.key);
    const sameBase = entry !== undefined && entry.origin === column.origin && column.appendedFrom >= 0 && column.appendedFrom <= entry.rows;
    if (!entry || entry.capacity < rows) {
      const capacity = Math.min(this.maxRows, Math.max(rows, 1024, entry ? entry.capacity * 2 : 0));
      const bytes = capacity * 4;
      const buffer = this.allocate(bytes, () =>
        this.allocations.createBuffer(this.device, { label: 'gpu-charts resident column', size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC }),
      );
      if (entry && sameBase && entry.version !== column.version) {
        // Growing under an append: keep what is there, copied on the GPU.
        const keep = Math.min(entry.rows, column.appendedFrom);
        if (keep > 0) {
          const encoder = this.device.createCommandEncoder({ label: 'gpu-charts resident column grow' });
          encoder.copyBufferToBuffer(entry.buffer, 0, buffer, 0, keep * 4);
          this.device.queue.submit([encoder.finish()]);
        }
        this.allocations.release(entry.buffer);
        entry = { ...entry, buffer, capacity, rows: keep };
      } else {
        if (entry) this.allocations.release(entry.buffer);
        entry = { buffer, capacity, rows: 0, version: NaN, origin: column.origin, usedInFrame: this.frame };
      }
      this.entries.set(column.key, entry);
    }
    if (entry.version !== column.version || entry.rows !== rows) {
      const from = sameBase && entry.rows > 0 ? Math.min(entry.rows, column.appendedFrom) : 0;
      this.upload(entry.buffer, column.values, column.origin, from, rows);
      entry.rows = rows;
      entry.version = column.version;
      entry.origin = column.origin;
    }
    entry.usedInFrame = this.frame;
    return entry.buffer;
  }

  private upload(buffer: GPUBuffer, values: Float64Array, origin: number, from: number, to: number): void {
    if (this.scratch.length < Math.min(UPLOAD_ROWS, to - from)) this.scratch = new Float32Array(Math.min(UPLOAD_ROWS, Math.max(to - from, 1024)));
    for (let at = from; at < to; at += UPLOAD_ROWS) {
      const n = Math.min(UPLOAD_ROWS, to - at);
      const scratch = this.scratch;
      for (let i = 0; i < n; i++) scratch[i] = values[at + i]! - origin;
      this.device.queue.writeBuffer(buffer, at * 4, scratch.buffer, 0, n * 4);
    }
    this.uploadedRows += to - from;
  }

  /** Ends a frame: columns unused in it (and the one before) give their buffers back. */
  endFrame(): void {
    for (const [key, entry] of this.entries) {
      if (entry.usedInFrame < this.frame - 1) {
        this.allocations.release(entry.buffer);
        this.entries.delete(key);
      }
    }
    this.frame++;
  }

  releaseAll(): void {
    for (const entry of this.entries.values()) this.allocations.release(entry.buffer);
    this.entries.clear();
  }
}

import type { OwnerAllocations } from './gpu-allocations.js';

/**
 * GPU time of a render pass from timestamp queries. One measurement is in flight at a time:
 * frames drawn while the previous result is still being read back are not timed (their gpuMs
 * stays null) rather than queueing readbacks behind a slow GPU.
 */
export class GpuTimer {
  private readonly querySet: GPUQuerySet;
  private readonly resolveBuffer: GPUBuffer;
  private readonly readBuffer: GPUBuffer;
  private busy = false;
  private armed = false;

  static create(device: GPUDevice, allocations: OwnerAllocations): GpuTimer | null {
    return device.features.has('timestamp-query') ? new GpuTimer(device, allocations) : null;
  }

  private constructor(device: GPUDevice, allocations: OwnerAllocations) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: 2, label: 'gpu-charts frame timer' });
    this.resolveBuffer = allocations.createBuffer(device, { label: 'gpu-charts timer resolve', size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readBuffer = allocations.createBuffer(device, { label: 'gpu-charts timer read', size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  }

  /** Timestamp writes for this frame's pass, or undefined when a measurement is in flight. */
  passTimestamps(): GPURenderPassTimestampWrites | undefined {
    if (this.busy) return undefined;
    this.armed = true;
    return { querySet: this.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 };
  }

  /** After the pass: copies the timestamps where they can be read. */
  resolve(encoder: GPUCommandEncoder): void {
    if (!this.armed) return;
    encoder.resolveQuerySet(this.querySet, 0, 2, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readBuffer, 0, 16);
  }

  /** After submit: the pass's GPU time in ms, or null when this frame was not timed. */
  read(): Promise<number | null> {
    if (!this.armed) return Promise.resolve(null);
    this.armed = false;
    this.busy = true;
    return this.readBuffer.mapAsync(GPUMapMode.READ).then(
      () => {
        const [begin, end] = new BigUint64Array(this.readBuffer.getMappedRange());
        this.readBuffer.unmap();
        this.busy = false;
        return end! >= begin! ? Number(end! - begin!) / 1e6 : null;
      },
      () => {
        // The device was lost or the renderer disposed while reading: no measurement.
        this.busy = false;
        return null;
      },
    );
  }

  dispose(): void {
    this.querySet.destroy();
  }
}

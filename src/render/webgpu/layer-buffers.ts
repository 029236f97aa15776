import type { SceneLayer } from '../../core/scene/frame-scene.js';
import type { OwnerAllocations } from './gpu-allocations.js';
import type { RendererLimits } from './limits.js';
import type { KindResources, LayerFrame, ParamsWriter, PrimitiveKind, ResidentGpu, ResourceContext } from './primitives/primitive-kind.js';

/**
 * Elements of a layer that fit one storage binding. A layer with more (a line of 20M points with
 * `lod="off"` is 160 MB, past the 128 MiB default of maxStorageBufferBindingSize) is drawn in
 * chunks, each with its own buffers, bind group and draw call; a polyline's chunk repeats the
 * previous chunk's last point so that the segments join (PrimitiveKind.overlap).
 */
export interface LayerChunk {
  /** One per PrimitiveKind.bytesPerElement, all of `capacity` elements. */
  buffers: GPUBuffer[];
  capacity: number;
  bindGroup: GPUBindGroup;
  /** What this chunk draws in the current frame. */
  vertices: number;
  instances: number;
  /** Elements it holds this frame (compute kinds dispatch that many invocations). */
  elements: number;
  /** Compute kinds: the element count and pixel buffer its bind group was made for. */
  boundLength: number;
  boundPixels: GPUBuffer | null;
}

/** GPU state of one layer slot, reused frame after frame. */
export interface LayerSlot {
  kind: PrimitiveKind;
  params: GPUBuffer;
  chunks: LayerChunk[];
  /** Chunks in use this frame (resident kinds: 1 when the layer draws). */
  used: number;
  /** The kind's own resources (PrimitiveKind.createResources), or null. */
  resources: KindResources | null;
  /** A resident kind's own state (see PrimitiveKind.prepare); null for the others. */
  resident: unknown;
  /**
   * What the storage buffers hold (PrimitiveKind.uploadKey of the layer last written, and its
   * element count); undefined: unknown, write next time.
   */
  key: unknown;
  keyCount: number;
  /** Compute kinds (PrimitiveKind.compute): the pane's pixel buffer and its size in bytes. */
  pixels: GPUBuffer | null;
  pixelsBytes: number;
}

/** Runs an allocation inside the frame's error scopes and the memory budget (the renderer's). */
export type Allocate = <T>(bytes: number, create: () => T) => T;

/**
 * The one buffer path of every primitive kind: a slot per layer (by the layer's rank among the
 * layers of its kind), its params uniform and its chunks, grown by doubling and reused between
 * frames, every buffer created through the allocation ledger.
 */
export class LayerBuffers {
  /** Slots by kind (index in `kinds`), then by rank. */
  private readonly slots: LayerSlot[][];
  private readonly perChunk: number[];
  private readonly layouts: GPUBindGroupLayout[];
  private params: ParamsWriter;
  private paramsData: ArrayBuffer;
  /** What resident kinds prepare with (set by the renderer). */
  resident: ResidentGpu | null = null;
  /** Bytes written into storage buffers since the counter was last reset (statistics, tests). */
  storageBytesWritten = 0;
  /** Storage writes skipped because a layer's upload key and count were unchanged (idem). */
  storageWritesSkipped = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly allocations: OwnerAllocations,
    private readonly allocate: Allocate,
    private readonly kinds: readonly PrimitiveKind[],
    layouts: readonly GPUBindGroupLayout[],
    private readonly limits: RendererLimits,
  ) {
    this.slots = kinds.map(() => []);
    this.perChunk = kinds.map((kind) => kind.elementsPerChunk(limits));
    this.layouts = [...layouts];
    const bytes = Math.max(16, ...kinds.map((kind) => kind.paramsBytes));
    this.paramsData = new ArrayBuffer(bytes);
    this.params = { floats: new Float32Array(this.paramsData), uints: new Uint32Array(this.paramsData) };
  }

  /** A kind registered late (a lazy chunk: PRIMITIVE_KIND_LIST grew; `kinds` is that list): its slots, chunk size and layout. */
  addKind(kind: PrimitiveKind, layout: GPUBindGroupLayout): void {
    this.slots.push([]);
    this.perChunk.push(kind.elementsPerChunk(this.limits));
    this.layouts.push(layout);
    if (kind.paramsBytes > this.paramsData.byteLength) {
      this.paramsData = new ArrayBuffer(kind.paramsBytes);
      this.params = { floats: new Float32Array(this.paramsData), uints: new Uint32Array(this.paramsData) };
    }
  }

  /**
   * Writes a layer's params and elements into its slot (the `rank`-th of its kind), growing the
   * slot when needed, and returns the slot.
   */
  upload(kindIndex: number, rank: number, layer: SceneLayer, frame: LayerFrame): LayerSlot {
    const kind = this.kinds[kindIndex]!;
    const count = kind.count(layer);
    const perChunk = this.perChunk[kindIndex]!;
    const overlap = kind.overlap;
    // Chunk j starts where chunk j - 1 ended, less the overlap.
    const step = perChunk - overlap;
    const chunkCount = count <= perChunk ? 1 : Math.ceil((count - overlap) / step);
    const slots = this.slots[kindIndex]!;
    let slot = slots[rank];
    if (!slot) {
      const bytes = kind.paramsBytes;
      const params = this.allocate(bytes, () =>
        this.allocations.createBuffer(this.device, { label: 'gpu-charts layer params', size: bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
      );
      slot = { kind, params, chunks: [], used: 0, resources: kind.createResources?.(this.resourceContext()) ?? null, key: undefined, keyCount: -1, pixels: null, pixelsBytes: 0, resident: null };
      slots[rank] = slot;
    }
    if (kind.prepare) {
      // GPU-resident data (density, clusters): no per-frame chunk upload.
      kind.prepare(this.resident!, slot, layer, frame);
      slot.used = count > 0 ? 1 : 0;
      return slot;
    }
    // A kind's own resources (textures): brought up to date; chunks rebind when they changed.
    let rebind = false;
    if (slot.resources) {
      const changed = slot.resources.update(layer);
      if (changed === null) {
        slot.used = 0;
        return slot;
      }
      rebind = changed;
    }
    const widths = kind.bytesPerElement;
    const compute = kind.compute;
    if (compute) {
      // The pane's pixel buffer, grown (never shrunk) to the scissor rectangle.
      const bytes = Math.max(16, frame.scissor.width * frame.scissor.height * compute.pixelBytes);
      if (!slot.pixels || slot.pixelsBytes < bytes) {
        this.allocations.release(slot.pixels);
        slot.pixels = null;
        const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
        slot.pixels = this.allocate(bytes, () => this.allocations.createBuffer(this.device, { label: 'gpu-charts layer pixels', size: bytes, usage }));
        slot.pixelsBytes = bytes;
      }
    }
    // The storage data may already be there: same upload key (e.g. a scatter's data version) and
    // count, and the same chunks (a chunk created below is empty, so its key is dropped first).
    const key = kind.uploadKey?.(layer);
    let unchanged = key !== undefined && slot.key === key && slot.keyCount === count && slot.chunks.length === chunkCount;
    for (let j = 0; j < chunkCount; j++) {
      const start = j * step;
      const length = Math.max(0, Math.min(perChunk, count - start));
      let chunk = slot.chunks[j];
      if (!chunk || chunk.capacity < length) {
        if (chunk) this.releaseChunk(chunk);
        // A lone chunk grows by doubling; several: each a full binding.
        const capacity = chunkCount === 1 ? Math.min(perChunk, Math.max(kind.minCapacity, nextPowerOfTwo(length))) : perChunk;
        chunk = this.createChunk(kindIndex, slot, capacity);
        slot.chunks[j] = chunk;
        unchanged = false;
      } else if (rebind) {
        chunk.bindGroup = this.bindGroup(kindIndex, slot, chunk.buffers, length);
      }
      // A compute kind draws once, from its first chunk, whatever the chunks hold.
      chunk.vertices = compute && j > 0 ? 0 : kind.vertexCount(length);
      chunk.instances = kind.instanceCount(length);
      chunk.elements = length;
      if (compute && (chunk.boundLength !== length || chunk.boundPixels !== slot.pixels)) {
        chunk.bindGroup = this.bindGroup(kindIndex, slot, chunk.buffers, length);
        chunk.boundLength = length;
        chunk.boundPixels = slot.pixels;
      }
      if (unchanged) {
        this.storageWritesSkipped++;
      } else if (length > 0) {
        for (let b = 0; b < widths.length; b++) {
          const source = kind.source(layer, b);
          const width = widths[b]!;
          this.device.queue.writeBuffer(chunk.buffers[b]!, 0, source.buffer, source.byteOffset + start * width, length * width);
          this.storageBytesWritten += length * width;
        }
      }
    }
    // Chunks no longer needed give their memory back.
    for (let j = chunkCount; j < slot.chunks.length; j++) this.releaseChunk(slot.chunks[j]!);
    slot.chunks.length = chunkCount;
    slot.used = count > 0 ? chunkCount : 0;
    slot.key = key;
    slot.keyCount = count;
    const params = this.params;
    params.floats.fill(0);
    kind.writeParams(params, layer, frame);
    this.device.queue.writeBuffer(slot.params, 0, this.paramsData, 0, kind.paramsBytes);
    return slot;
  }

  /** Releases every slot's buffers. */
  releaseAll(): void {
    for (const slots of this.slots) {
      for (const slot of slots) {
        if (!slot) continue;
        if (slot.resident !== null && this.resident) slot.kind.releaseResident?.(slot, this.resident);
        this.allocations.release(slot.params);
        slot.resources?.release();
        this.allocations.release(slot.pixels);
        for (const chunk of slot.chunks) this.releaseChunk(chunk);
      }
      slots.length = 0;
    }
  }

  /** Forgets the slots without releasing (the ledger releases everything at dispose). */
  clear(): void {
    for (const slots of this.slots) slots.length = 0;
  }

  private createChunk(kindIndex: number, slot: LayerSlot, capacity: number): LayerChunk {
    const kind = this.kinds[kindIndex]!;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const buffers: GPUBuffer[] = [];
    for (let b = 0; b < kind.bytesPerElement.length; b++) {
      const size = Math.max(16, capacity * kind.bytesPerElement[b]!);
      const label = kind.bufferLabels[b] ?? 'gpu-charts layer data';
      buffers.push(this.allocate(size, () => this.allocations.createBuffer(this.device, { label, size, usage: storage })));
    }
    const bindGroup = this.bindGroup(kindIndex, slot, buffers, capacity);
    return { buffers, capacity, bindGroup, vertices: 0, instances: 0, elements: 0, boundLength: -1, boundPixels: null };
  }

  /**
   * A chunk's bind group: params at binding 0, its storage buffers at 1, 2, … (a compute kind's
   * bound to exactly `length` elements, at least one), then a compute kind's pixel buffer, then
   * the kind's own resources (textures).
   */
  private bindGroup(kindIndex: number, slot: LayerSlot, buffers: GPUBuffer[], length: number): GPUBindGroup {
    const kind = this.kinds[kindIndex]!;
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: slot.params } }];
    buffers.forEach((buffer, b) => {
      const size = kind.compute ? Math.max(1, length) * kind.bytesPerElement[b]! : undefined;
      entries.push({ binding: b + 1, resource: size === undefined ? { buffer } : { buffer, size } });
    });
    if (kind.compute && slot.pixels) entries.push({ binding: buffers.length + 1, resource: { buffer: slot.pixels } });
    if (slot.resources) entries.push(...slot.resources.entries());
    return this.device.createBindGroup({ layout: this.layouts[kindIndex]!, entries });
  }

  private resourceContext(): ResourceContext {
    return { device: this.device, allocations: this.allocations, allocate: this.allocate, limits: this.limits };
  }

  private releaseChunk(chunk: LayerChunk): void {
    for (const buffer of chunk.buffers) this.allocations.release(buffer);
  }
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

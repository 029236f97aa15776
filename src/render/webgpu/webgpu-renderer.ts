import primitivesWgsl from '../../../shaders/primitives.wgsl';
import rectsWgsl from '../../../shaders/rects.wgsl';
import type { AreaLayer, FrameScene, LineLayer, PlotRect, RectsLayer, Rgba, SegmentsLayer } from '../../core/scene/frame-scene.js';
import { layerRect, rectCount, rectMinSize, scenePointCount } from '../../core/scene/frame-scene.js';
import type { FramePixels, Renderer, RenderStats } from '../renderer.js';
import { textureDescriptorBytes, type OwnerAllocations } from './gpu-allocations.js';
import type { PipelineCache, ShaderDiagnostic } from './pipeline-cache.js';
import { GpuTimer } from './gpu-timer.js';
import { effectiveLimits, elementsPerBinding, type RendererLimits } from './limits.js';

/** Where frames go: a canvas context in a page, or an offscreen texture (Node + Dawn, tests). */
export type RenderTarget =
  | { kind: 'canvas'; context: GPUCanvasContext; format: GPUTextureFormat }
  | { kind: 'offscreen'; format: GPUTextureFormat; width: number; height: number };

export interface WebGpuRendererOptions {
  device: GPUDevice;
  pipelines: PipelineCache;
  allocations: OwnerAllocations;
  target: RenderTarget;
  /** 1 or 4. */
  sampleCount?: number;
  /** Measure GPU time with timestamp queries where the device has them (default true). */
  timeGpu?: boolean;
  /** Caps on the device's limits (tests: a "small" device; see limits.ts). */
  limits?: Partial<RendererLimits> | null;
  /** Replacement WGSL sources (tests: a broken shader). */
  shaders?: Partial<Record<ShaderName, string>> | null;
  /**
   * Hears of problems found after the fact (asynchronously, from error scopes) or that a frame
   * could not be drawn as asked: out of memory, validation errors, limits, layers left out
   * because their pipeline failed. The renderer has already done what it can (dropped its
   * resources after an out-of-memory error, skipped what it cannot draw); the caller decides
   * whether to degrade quality or change renderer.
   */
  onIssue?: (issue: RendererIssue) => void;
  /** Cap on the GPU memory this renderer's data buffers may hold (quality.maxGpuMemoryMB), bytes; absent = no cap. */
  memoryBudgetBytes?: number;
}

export type ShaderName = 'primitives' | 'rects';

/** The render pipelines; grid segments use the line pipeline. */
export type PipelineKind = 'line' | 'area' | 'rects';

export interface RendererIssue {
  type: 'out-of-memory' | 'validation' | 'limits' | 'skipped-layers';
  message: string;
  /** out-of-memory: bytes the failing frame asked for. */
  bytes?: number;
  /** skipped-layers: the pipelines whose layers were not drawn. */
  kinds?: PipelineKind[];
}

/** A pipeline that cannot be used, and why (with the compiler's messages when its shader failed). */
export interface PipelineFailure {
  kind: PipelineKind;
  message: string;
  diagnostics: ShaderDiagnostic[];
}

/** What `ready` resolves with: the pipelines that failed (none: everything draws). */
export interface RendererHealth {
  failed: PipelineFailure[];
}

/** Layout of `Params` in primitives.wgsl: 12 × 4 bytes. */
const PARAMS_BYTES = 48;
const MIN_POINTS_BYTES = 4096;

/** Layout of `Params` in rects.wgsl: 12 × 4 bytes. */
const RECT_PARAMS_BYTES = 48;
/** Rectangles a rects slot holds at first (4 KiB of corners, 1 KiB of colours). */
const MIN_RECTS = 256;

/**
 * Points of a layer that fit one storage binding. A layer with more points (a line of 20M points
 * with `lod="off"` is 160 MB, past the 128 MiB default of maxStorageBufferBindingSize) is drawn in
 * chunks, each its own buffer and bind group: consecutive ranges of points, where for polylines
 * and areas each chunk repeats the previous chunk's last point so that the segments join.
 */
interface PointChunk {
  buffer: GPUBuffer;
  bindGroup: GPUBindGroup;
  /** Segments this chunk draws in the current frame. */
  segments: number;
}

/** GPU state of one scene layer slot, reused frame after frame. */
interface LayerSlot {
  params: GPUBuffer;
  chunks: PointChunk[];
  /** Chunks in use this frame. */
  used: number;
}

/** Rectangles of a rects layer that fit one binding: corners and colours grow together. */
interface RectChunk {
  rects: GPUBuffer;
  colors: GPUBuffer;
  /** Rectangles the buffers hold. */
  capacity: number;
  bindGroup: GPUBindGroup;
  /** Rectangles this chunk draws in the current frame. */
  count: number;
}

/**
 * GPU state of one rects layer slot. A separate kind of slot (and array) because its bind group
 * has a third buffer.
 */
interface RectSlot {
  params: GPUBuffer;
  chunks: RectChunk[];
  used: number;
}

type PrimitiveLayer = LineLayer | AreaLayer | SegmentsLayer;

/** The scissor rectangle of a frame, whole pixels, inside the target. */
interface Scissor {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws a FrameScene with WebGPU. Each frame uploads only what the scene holds (after level of
 * detail, a few thousand points per series), so the frame cost follows the canvas width rather
 * than the data size. Buffers are reused between frames and grown by doubling.
 *
 * Failures are contained: every resource is sized against the device's limits before it is
 * created (a layer too large for one binding is split into chunks; a canvas larger than the
 * largest texture is refused and reported), frames that allocate run inside out-of-memory and
 * validation error scopes whose outcome is reported through `onIssue`, and a pipeline whose
 * shader fails to compile disables only the layers that need it (see `ready`).
 */
export class WebGpuRenderer implements Renderer {
  readonly kind = 'webgpu' as const;
  readonly sampleCount: 1 | 4;
  /** The limits resources are sized by: the device's, or lower where a test capped them. */
  readonly limits: RendererLimits;
  /**
   * Resolves once every pipeline's shader compilation and validation is known: the pipelines that
   * failed (their layers are skipped; the rest of the chart draws). Never rejects.
   */
  readonly ready: Promise<RendererHealth>;
  /** Draw calls of the last frame (a chunked layer makes one per chunk). */
  lastDrawCalls = 0;

  private readonly device: GPUDevice;
  private readonly allocations: OwnerAllocations;
  private readonly target: RenderTarget;
  private readonly layout: GPUBindGroupLayout;
  private readonly rectsLayout: GPUBindGroupLayout;
  private readonly pipelineByKind: Record<PipelineKind, GPURenderPipeline>;
  private readonly failedKinds = new Set<PipelineKind>();
  private readonly onIssue: ((issue: RendererIssue) => void) | null;
  /** Points per chunk of a line, area or segments layer (even, so segment pairs never split). */
  private readonly pointsPerChunk: number;
  /** Rectangles per chunk of a rects layer. */
  private readonly rectsPerChunk: number;
  /** Slots of line, area and segments layers, by their rank among those layers. */
  private readonly slots: LayerSlot[] = [];
  /** Slots of rects layers, by their rank among rects layers. */
  private readonly rectSlots: RectSlot[] = [];
  private readonly paramsData = new ArrayBuffer(PARAMS_BYTES);
  private readonly paramsFloats = new Float32Array(this.paramsData);
  /** Per layer of the frame being encoded: its scissor rectangle (reused array). */
  private readonly scissors: Scissor[] = [];
  private readonly paramsUints = new Uint32Array(this.paramsData);
  private readonly rectParams = new Float32Array(RECT_PARAMS_BYTES / 4);
  private multisample: GPUTexture | null = null;
  private offscreen: GPUTexture | null = null;
  private disposed = false;
  private readonly timer: GpuTimer | null;
  /** Error scopes of the current frame are open (pushed at its first allocation). */
  private scopeOpen = false;
  /** Bytes the current frame's allocations asked for. */
  private frameRequestedBytes = 0;
  /** Bumped when resources are dropped after an out-of-memory error: older reports are stale. */
  private epoch = 0;
  private skippedReported = false;
  private limitsReported = '';

  constructor(options: WebGpuRendererOptions) {
    this.device = options.device;
    this.allocations = options.allocations;
    this.target = options.target;
    this.sampleCount = options.sampleCount === 1 ? 1 : 4;
    this.onIssue = options.onIssue ?? null;
    this.limits = effectiveLimits(this.device, options.limits);
    this.pointsPerChunk = elementsPerBinding(this.limits, 8, true);
    this.rectsPerChunk = elementsPerBinding(this.limits, 16);
    const cache = options.pipelines;
    this.layout = cache.bindGroupLayout('primitives', () => ({
      label: 'gpu-charts primitives',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    }));
    this.rectsLayout = cache.bindGroupLayout('rects', () => ({
      label: 'gpu-charts rects',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    }));
    const shaders = options.shaders ?? {};
    const module = cache.moduleEntry('primitives.wgsl', shaders.primitives ?? primitivesWgsl);
    const pipelineLayout = this.device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    const format = this.target.format;
    // The same premultiplied blend for every layer kind.
    const blend: GPUBlendState = {
      color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
      alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
    };
    const make = (kind: 'line' | 'area') =>
      cache.checkedPipeline(
        `${kind}|${format}|${this.sampleCount}|${module.id}`,
        () => ({
          label: `gpu-charts ${kind}`,
          layout: pipelineLayout,
          vertex: { module: module.module, entryPoint: kind === 'area' ? 'vs_area' : 'vs_line' },
          fragment: {
            module: module.module,
            entryPoint: 'fs_solid',
            targets: [{ format, blend }],
          },
          primitive: { topology: 'triangle-list' },
          multisample: { count: this.sampleCount },
        }),
        module,
      );
    const line = make('line');
    const area = make('area');
    const rectsModule = cache.moduleEntry('rects.wgsl', shaders.rects ?? rectsWgsl);
    const rectsPipelineLayout = this.device.createPipelineLayout({ bindGroupLayouts: [this.rectsLayout] });
    const rects = cache.checkedPipeline(
      `rects|${format}|${this.sampleCount}|${rectsModule.id}`,
      () => ({
        label: 'gpu-charts rects',
        layout: rectsPipelineLayout,
        vertex: { module: rectsModule.module, entryPoint: 'vs_rect' },
        fragment: { module: rectsModule.module, entryPoint: 'fs_rect', targets: [{ format, blend }] },
        primitive: { topology: 'triangle-list' },
        multisample: { count: this.sampleCount },
      }),
      rectsModule,
    );
    this.pipelineByKind = { line: line.pipeline, area: area.pipeline, rects: rects.pipeline };
    const checks: [PipelineKind, typeof line.check][] = [
      ['line', line.check],
      ['area', area.check],
      ['rects', rects.check],
    ];
    this.ready = Promise.all(checks.map(([kind, check]) => check.then((result) => ({ kind, result })))).then((results) => {
      const failed: PipelineFailure[] = [];
      for (const { kind, result } of results) {
        if (result.error === null) continue;
        this.failedKinds.add(kind);
        failed.push({ kind, message: result.error, diagnostics: result.diagnostics });
      }
      return { failed };
    });
    this.timer = options.timeGpu === false ? null : GpuTimer.create(this.device, this.allocations);
  }

  get memoryBytes(): number {
    return this.allocations.byteLength;
  }

  /** Pipelines found unusable (their layers are not drawn); empty until `ready` resolved. */
  get failedPipelines(): ReadonlySet<PipelineKind> {
    return this.failedKinds;
  }

  render(scene: FrameScene): RenderStats {
    const started = performance.now();
    let encoder: GPUCommandEncoder | null = null;
    try {
      encoder = this.encode(scene, true);
      if (encoder) this.device.queue.submit([encoder.finish()]);
    } finally {
      this.closeFrameScope();
    }
    const cpuMs = performance.now() - started;
    if (!encoder) return { cpuMs, pointsDrawn: 0, gpuMs: Promise.resolve(null) };
    return { cpuMs, pointsDrawn: scenePointCount(scene), gpuMs: this.timer ? this.timer.read() : Promise.resolve(null) };
  }

  async capture(scene: FrameScene): Promise<FramePixels> {
    const { width, height } = scene;
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    // Rows are read back in bands that each fit the largest buffer the device allows.
    const rowsPerBand = Math.max(1, Math.floor(this.limits.maxBufferSize / bytesPerRow));
    const bands: { buffer: GPUBuffer; y: number; rows: number }[] = [];
    try {
      try {
        const encoder = this.encode(scene);
        if (!encoder) throw new Error(`gpu-charts: the frame (${width}×${height}) is larger than this GPU allows (maxTextureDimension2D ${this.limits.maxTextureDimension2D})`);
        // Encoding, copying and submitting happen in one task: a canvas texture is only valid until
        // the task ends.
        const texture = this.currentTexture(scene);
        for (let y = 0; y < height; y += rowsPerBand) {
          const rows = Math.min(rowsPerBand, height - y);
          const buffer = this.allocate(rows * bytesPerRow, () =>
            this.allocations.createBuffer(this.device, { label: 'gpu-charts capture', size: bytesPerRow * rows, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }),
          );
          bands.push({ buffer, y, rows });
          encoder.copyTextureToBuffer({ texture, origin: { x: 0, y } }, { buffer, bytesPerRow }, { width, height: rows });
        }
        this.device.queue.submit([encoder.finish()]);
      } finally {
        this.closeFrameScope();
      }
      const data = new Uint8Array(width * height * 4);
      for (const band of bands) {
        await band.buffer.mapAsync(GPUMapMode.READ);
        const mapped = new Uint8Array(band.buffer.getMappedRange());
        for (let row = 0; row < band.rows; row++) {
          data.set(mapped.subarray(row * bytesPerRow, row * bytesPerRow + width * 4), (band.y + row) * width * 4);
        }
        band.buffer.unmap();
      }
      if (this.target.format.startsWith('bgra')) {
        for (let i = 0; i < data.length; i += 4) {
          const red = data[i]!;
          data[i] = data[i + 2]!;
          data[i + 2] = red;
        }
      }
      return { width, height, data };
    } finally {
      for (const band of bands) this.allocations.release(band.buffer);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.slots.length = 0;
    this.rectSlots.length = 0;
    this.multisample = null;
    this.offscreen = null;
    this.timer?.dispose();
    this.allocations.releaseAll();
    if (this.target.kind === 'canvas') this.target.context.unconfigure();
  }

  /**
   * Runs an allocation inside the frame's error scopes, opening them at the frame's first
   * allocation: frames that allocate nothing (the steady state) pay for no scope.
   */
  private allocate<T>(bytes: number, create: () => T): T {
    if (!this.scopeOpen) {
      this.device.pushErrorScope('out-of-memory');
      this.device.pushErrorScope('validation');
      this.scopeOpen = true;
    }
    this.frameRequestedBytes += bytes;
    return create();
  }

  /** Closes the frame's error scopes (if it opened any) and reports what they caught, later. */
  private closeFrameScope(): void {
    if (!this.scopeOpen) return;
    this.scopeOpen = false;
    const bytes = this.frameRequestedBytes;
    this.frameRequestedBytes = 0;
    const validation = this.device.popErrorScope().catch(() => null);
    const outOfMemory = this.device.popErrorScope().catch(() => null);
    const epoch = this.epoch;
    void Promise.all([outOfMemory, validation]).then(([oom, invalid]) => {
      if (this.disposed || epoch !== this.epoch) return;
      const refused = this.allocations.takeSimulatedOom();
      if (oom || refused > 0) {
        // Whatever this frame allocated may be unusable: drop it all; the next frame allocates
        // again, at whatever size the caller degrades to.
        this.epoch++;
        this.dropResources();
        const what = oom ? oom.message : `${refused} bytes refused by the simulated memory budget`;
        this.report({ type: 'out-of-memory', message: `GPU out of memory while allocating ${formatBytes(bytes)}: ${what}`, bytes });
      } else if (invalid) {
        this.report({ type: 'validation', message: invalid.message });
      }
    });
  }

  private report(issue: RendererIssue): void {
    try {
      this.onIssue?.(issue);
    } catch (error) {
      console.error('gpu-charts: renderer issue listener failed', error);
    }
  }

  /** Releases every per-frame resource (slots, targets); the timer stays. */
  private dropResources(): void {
    for (const slot of this.slots) {
      if (!slot) continue;
      this.allocations.release(slot.params);
      for (const chunk of slot.chunks) this.allocations.release(chunk.buffer);
    }
    for (const slot of this.rectSlots) {
      if (!slot) continue;
      this.allocations.release(slot.params);
      for (const chunk of slot.chunks) {
        this.allocations.release(chunk.rects);
        this.allocations.release(chunk.colors);
      }
    }
    this.slots.length = 0;
    this.rectSlots.length = 0;
    this.allocations.release(this.multisample);
    this.allocations.release(this.offscreen);
    this.multisample = null;
    this.offscreen = null;
  }

  private encode(scene: FrameScene, timed = false): GPUCommandEncoder | null {
    if (this.disposed) throw new Error('gpu-charts: renderer used after dispose()');
    const device = this.device;
    const maxSize = this.limits.maxTextureDimension2D;
    if (scene.width > maxSize || scene.height > maxSize) {
      const key = `${scene.width}x${scene.height}`;
      if (this.limitsReported !== key) {
        this.limitsReported = key;
        this.report({ type: 'limits', message: `the canvas (${scene.width}×${scene.height} px) is larger than the largest texture this GPU allows (maxTextureDimension2D ${maxSize})` });
      }
      return null;
    }
    const texture = this.currentTexture(scene);
    const failed = this.failedKinds;
    // Each layer's scissor: its pane (or the plot), whole pixels, inside the target.
    const scissors = this.scissors;
    scissors.length = scene.layers.length;
    for (let i = 0, primitive = 0, rects = 0; i < scene.layers.length; i++) {
      const layer = scene.layers[i]!;
      const rect = layerRect(scene, layer);
      const scissor = (scissors[i] = clampRect(rect, texture.width, texture.height));
      if (layer.kind === 'rects') {
        const index = rects++;
        if (!failed.has('rects')) this.uploadRects(index, layer, scene, rect, scissor);
      } else {
        const index = primitive++;
        if (!failed.has(layer.kind === 'area' ? 'area' : 'line')) this.upload(index, layer, scene, rect);
      }
    }

    const view = texture.createView();
    const msaa = this.sampleCount > 1 ? this.multisampleTexture(texture).createView() : null;
    const encoder = device.createCommandEncoder({ label: 'gpu-charts frame' });
    const timestampWrites = timed ? this.timer?.passTimestamps() : undefined;
    const pass = encoder.beginRenderPass({
      ...(timestampWrites ? { timestampWrites } : {}),
      colorAttachments: [
        {
          view: msaa ?? view,
          resolveTarget: msaa ? view : undefined,
          clearValue: premultiplied(scene.background),
          loadOp: 'clear',
          storeOp: msaa ? 'discard' : 'store',
        },
      ],
    });
    let current: Scissor | null = null;
    let drawCalls = 0;
    let skipped: Set<PipelineKind> | null = null;
    for (let i = 0, primitive = 0, rects = 0; i < scene.layers.length; i++) {
      const layer = scene.layers[i]!;
      const scissor = scissors[i]!;
      const empty = scissor.width <= 0 || scissor.height <= 0;
      const kind: PipelineKind = layer.kind === 'rects' ? 'rects' : layer.kind === 'area' ? 'area' : 'line';
      const index = layer.kind === 'rects' ? rects++ : primitive++;
      if (failed.has(kind)) {
        if (layer.count > 0) (skipped ??= new Set()).add(kind);
        continue;
      }
      if (empty) continue;
      const slot = layer.kind === 'rects' ? this.rectSlots[index]! : this.slots[index]!;
      if (slot.used === 0) continue;
      if (!current || !sameRect(current, scissor)) {
        pass.setScissorRect(scissor.x, scissor.y, scissor.width, scissor.height);
        current = scissor;
      }
      pass.setPipeline(this.pipelineByKind[kind]);
      if (layer.kind === 'rects') {
        // One draw call per chunk (per layer unless it is very large), six vertices per rectangle.
        const chunks = (slot as RectSlot).chunks;
        for (let j = 0; j < slot.used; j++) {
          const chunk = chunks[j]!;
          if (chunk.count <= 0) continue;
          pass.setBindGroup(0, chunk.bindGroup);
          pass.draw(6 * chunk.count);
          drawCalls++;
        }
      } else {
        const chunks = (slot as LayerSlot).chunks;
        for (let j = 0; j < slot.used; j++) {
          const chunk = chunks[j]!;
          if (chunk.segments <= 0) continue;
          pass.setBindGroup(0, chunk.bindGroup);
          pass.draw(6 * chunk.segments);
          drawCalls++;
        }
      }
    }
    pass.end();
    if (timestampWrites) this.timer!.resolve(encoder);
    this.lastDrawCalls = drawCalls;
    if (skipped && !this.skippedReported) {
      this.skippedReported = true;
      const kinds = [...skipped];
      this.report({ type: 'skipped-layers', kinds, message: `layers not drawn: the ${kinds.join(' and ')} pipeline${kinds.length > 1 ? 's' : ''} failed` });
    }
    return encoder;
  }

  /**
   * Writes a layer's parameters and points into its slot, growing the slot when needed. Points
   * beyond one binding's worth go to further chunks (see PointChunk).
   */
  private upload(index: number, layer: PrimitiveLayer, scene: FrameScene, rect: PlotRect): void {
    const count = Math.max(0, layer.count);
    const perChunk = this.pointsPerChunk;
    const polyline = layer.kind !== 'segments';
    // Polylines and areas: chunk j starts where chunk j - 1 ended (one shared point).
    const step = polyline ? perChunk - 1 : perChunk;
    const chunkCount = count <= perChunk ? 1 : polyline ? Math.ceil((count - 1) / step) : Math.ceil(count / perChunk);
    let slot = this.slots[index];
    if (!slot) {
      const params = this.allocate(PARAMS_BYTES, () =>
        this.allocations.createBuffer(this.device, { label: 'gpu-charts layer params', size: PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
      );
      slot = { params, chunks: [], used: 0 };
      this.slots[index] = slot;
    }
    const source = layer.points;
    for (let j = 0; j < chunkCount; j++) {
      const start = j * step;
      const length = Math.min(perChunk, count - start);
      const bytes = Math.max(length * 8, 16);
      let chunk = slot.chunks[j];
      if (!chunk || chunk.buffer.size < bytes) {
        if (chunk) this.allocations.release(chunk.buffer);
        // One chunk: grown by doubling, as before; several: each a full binding.
        const size = chunkCount === 1 ? Math.min(perChunk * 8, Math.max(MIN_POINTS_BYTES, nextPowerOfTwo(bytes))) : perChunk * 8;
        const buffer = this.allocate(size, () =>
          this.allocations.createBuffer(this.device, { label: 'gpu-charts layer points', size: Math.max(16, size), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
        );
        const bindGroup = this.device.createBindGroup({
          layout: this.layout,
          entries: [
            { binding: 0, resource: { buffer: slot.params } },
            { binding: 1, resource: { buffer } },
          ],
        });
        chunk = { buffer, bindGroup, segments: 0 };
        slot.chunks[j] = chunk;
      }
      chunk.segments = polyline ? length - 1 : length >> 1;
      if (length > 0) this.device.queue.writeBuffer(chunk.buffer, 0, source.buffer, source.byteOffset + start * 8, length * 8);
    }
    // Chunks no longer needed give their memory back.
    for (let j = chunkCount; j < slot.chunks.length; j++) this.allocations.release(slot.chunks[j]!.buffer);
    slot.chunks.length = chunkCount;
    slot.used = count > 0 ? chunkCount : 0;
    const f = this.paramsFloats;
    f[0] = scene.width;
    f[1] = scene.height;
    f[2] = rect.x;
    f[3] = rect.y;
    const color = layer.kind === 'area' ? layer.fill : layer.color;
    f[4] = color[0];
    f[5] = color[1];
    f[6] = color[2];
    f[7] = color[3];
    f[8] = layer.kind === 'area' ? 0 : Math.max(layer.width, 1) / 2;
    this.paramsUints[9] = layer.kind === 'segments' ? 2 : 1;
    f[10] = layer.kind === 'area' ? layer.baseline : 0;
    f[11] = 0;
    this.device.queue.writeBuffer(slot.params, 0, this.paramsData);
  }

  /**
   * Writes a rects layer's parameters, corners and colours into its slot. Both storage buffers
   * grow together, by doubling, through the allocations ledger; the old ones are released. More
   * rectangles than one binding holds go to further chunks.
   */
  private uploadRects(index: number, layer: RectsLayer, scene: FrameScene, rect: PlotRect, scissor: Scissor): void {
    const count = rectCount(layer);
    const perChunk = this.rectsPerChunk;
    const chunkCount = Math.max(1, Math.ceil(count / perChunk));
    let slot = this.rectSlots[index];
    if (!slot) {
      const params = this.allocate(RECT_PARAMS_BYTES, () =>
        this.allocations.createBuffer(this.device, { label: 'gpu-charts rects params', size: RECT_PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
      );
      slot = { params, chunks: [], used: 0 };
      this.rectSlots[index] = slot;
    }
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    for (let j = 0; j < chunkCount; j++) {
      const start = j * perChunk;
      const length = Math.max(0, Math.min(perChunk, count - start));
      let chunk = slot.chunks[j];
      if (!chunk || chunk.capacity < length) {
        if (chunk) {
          this.allocations.release(chunk.rects);
          this.allocations.release(chunk.colors);
        }
        const capacity = chunkCount === 1 ? Math.min(perChunk, Math.max(MIN_RECTS, nextPowerOfTwo(length))) : perChunk;
        const rects = this.allocate(capacity * 16, () => this.allocations.createBuffer(this.device, { label: 'gpu-charts rects corners', size: capacity * 16, usage: storage }));
        const colors = this.allocate(capacity * 4, () => this.allocations.createBuffer(this.device, { label: 'gpu-charts rects colors', size: Math.max(16, capacity * 4), usage: storage }));
        const bindGroup = this.device.createBindGroup({
          layout: this.rectsLayout,
          entries: [
            { binding: 0, resource: { buffer: slot.params } },
            { binding: 1, resource: { buffer: rects } },
            { binding: 2, resource: { buffer: colors } },
          ],
        });
        chunk = { rects, colors, capacity, bindGroup, count: 0 };
        slot.chunks[j] = chunk;
      }
      chunk.count = length;
      if (length > 0) {
        this.device.queue.writeBuffer(chunk.rects, 0, layer.rects.buffer, layer.rects.byteOffset + start * 16, length * 16);
        this.device.queue.writeBuffer(chunk.colors, 0, layer.colors.buffer, layer.colors.byteOffset + start * 4, length * 4);
      }
    }
    for (let j = chunkCount; j < slot.chunks.length; j++) {
      this.allocations.release(slot.chunks[j]!.rects);
      this.allocations.release(slot.chunks[j]!.colors);
    }
    slot.chunks.length = chunkCount;
    slot.used = count > 0 ? chunkCount : 0;
    const f = this.rectParams;
    f[0] = scene.width;
    f[1] = scene.height;
    f[2] = rect.x;
    f[3] = rect.y;
    f[4] = scissor.x;
    f[5] = scissor.y;
    f[6] = scissor.x + scissor.width;
    f[7] = scissor.y + scissor.height;
    f[8] = rectMinSize(layer);
    this.device.queue.writeBuffer(slot.params, 0, f);
  }

  private currentTexture(scene: FrameScene): GPUTexture {
    if (this.target.kind === 'canvas') return this.target.context.getCurrentTexture();
    const current = this.offscreen;
    if (current && current.width === scene.width && current.height === scene.height) return current;
    this.allocations.release(current);
    const descriptor: GPUTextureDescriptor = {
      label: 'gpu-charts offscreen target',
      size: [scene.width, scene.height],
      format: this.target.format,
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
    };
    this.offscreen = this.allocate(textureDescriptorBytes(descriptor), () => this.allocations.createTexture(this.device, descriptor));
    return this.offscreen;
  }

  private multisampleTexture(target: GPUTexture): GPUTexture {
    const current = this.multisample;
    if (current && current.width === target.width && current.height === target.height) return current;
    this.allocations.release(current);
    const descriptor: GPUTextureDescriptor = {
      label: 'gpu-charts multisample',
      size: [target.width, target.height],
      format: target.format,
      sampleCount: this.sampleCount,
      usage: GPUTextureUsage.RENDER_ATTACHMENT,
    };
    this.multisample = this.allocate(textureDescriptorBytes(descriptor), () => this.allocations.createTexture(this.device, descriptor));
    return this.multisample;
  }
}

function premultiplied([r, g, b, a]: Rgba): GPUColorDict {
  return { r: r * a, g: g * a, b: b * a, a };
}

function clampRect(rect: { x: number; y: number; width: number; height: number }, width: number, height: number): Scissor {
  const x = Math.max(0, Math.min(width, Math.floor(rect.x)));
  const y = Math.max(0, Math.min(height, Math.floor(rect.y)));
  return {
    x,
    y,
    width: Math.max(0, Math.min(width - x, Math.ceil(rect.width))),
    height: Math.max(0, Math.min(height - y, Math.ceil(rect.height))),
  };
}

function sameRect(a: Scissor, b: Scissor): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

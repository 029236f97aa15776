import type { FrameScene } from '../../core/scene/frame-scene.js';
import { layerRect, scenePointCount } from '../../core/scene/frame-scene.js';
import type { FramePixels, Renderer, RenderStats } from '../renderer.js';
import { textureDescriptorBytes, type OwnerAllocations } from './gpu-allocations.js';
import { GpuTimer } from './gpu-timer.js';
import { LayerBuffers, type LayerSlot } from './layer-buffers.js';
import { effectiveLimits, type RendererLimits } from './limits.js';
import { PRIMITIVE_KIND_LIST, primitiveKind } from './primitives/index.js';
import { DEPTH_FORMAT, type CheckedPipeline, type LayerFrame, type PipelineContext, type PipelineKind, type PrimitiveKind } from './primitives/primitive-kind.js';
import { clampRect, premultiplied, sameRect, type Scissor } from './frame-geometry.js';
import { readBands, type ReadbackBand } from './frame-readback.js';
import { ResidentPoints } from './resident-points.js';
import { ResidentColumns } from './resident-columns.js';
import { RendererHooks, type HookDraw } from './hooks/renderer-hooks.js';
import { Picker3d, type GpuPick3d } from './pick-3d.js';
import { formatBytes, MemoryBudgetRefusal, type PipelineFailure, type RendererHealth, type RendererIssue } from './renderer-issues.js';
import type { RenderTarget, WebGpuRendererOptions } from './webgpu-renderer-options.js';

export type { PipelineKind, ShaderName } from './primitives/primitive-kind.js';
export type { PipelineFailure, RendererHealth, RendererIssue } from './renderer-issues.js';
export type { RenderTarget, WebGpuRendererOptions } from './webgpu-renderer-options.js';
export type { GpuPick3d } from './pick-3d.js';

/** Index of each layer kind's PrimitiveKind in PRIMITIVE_KIND_LIST (kinds registered late are looked up once). */
const KIND_INDEX = new Map<PrimitiveKind, number>();

function kindIndex(kind: PrimitiveKind): number {
  let index = KIND_INDEX.get(kind);
  if (index === undefined) KIND_INDEX.set(kind, (index = PRIMITIVE_KIND_LIST.indexOf(kind)));
  return index;
}

/**
 * Draws a FrameScene with WebGPU. Each frame uploads only what the scene holds (after level of
 * detail, a few thousand points per series), so the frame cost follows the canvas width rather
 * than the data size. Buffers are reused between frames and grown by doubling; every primitive
 * kind (primitives/index.ts) goes through the same chunked buffer path (layer-buffers.ts) and
 * the same draw loop.
 *
 * Failures are contained: every resource is sized against the device's limits before it is
 * created (a layer too large for one binding is split into chunks; a canvas larger than the
 * largest texture is refused and reported), frames that allocate run inside out-of-memory and
 * validation error scopes whose outcome is reported through `onIssue`, an optional memory budget
 * refuses allocations the same way, and a pipeline whose shader fails to compile disables only
 * the layers that need it (see `ready`).
 */
export class WebGpuRenderer implements Renderer {
  readonly kind = 'webgpu' as const;
  readonly sampleCount: 1 | 4;
  /** The limits resources are sized by: the device's, or lower where a test capped them. */
  readonly limits: RendererLimits;
  /** Bytes this renderer may hold (null: no budget). */
  readonly memoryBudgetBytes: number | null;
  /**
   * Resolves once every pipeline's shader compilation and validation is known: the pipelines that
   * failed (their layers are skipped; the rest of the chart draws). Never rejects.
   */
  readonly ready: Promise<RendererHealth>;
  /** Draw calls of the last frame (a chunked layer makes one per chunk). */
  lastDrawCalls = 0;
  /** Bytes of layer data (storage buffers, not params) the last frame wrote to the GPU. */
  lastUploadBytes = 0;
  /** Chunks of the last frame whose storage writes were skipped: their data was already there (PrimitiveKind.uploadKey). */
  lastSkippedUploads = 0;

  private readonly device: GPUDevice;
  private readonly allocations: OwnerAllocations;
  private readonly target: RenderTarget;
  private readonly pipelineByKind = new Map<PipelineKind, GPURenderPipeline>();
  /** Compute pipelines of the kinds that run a compute pass before drawing (PrimitiveKind.compute). */
  private readonly computeByKind = new Map<PipelineKind, GPUComputePipeline>();
  private readonly failed = new Set<PipelineKind>();
  private readonly onIssue: ((issue: RendererIssue) => void) | null;
  private readonly buffers: LayerBuffers;
  /** Data-space points kept on the GPU between frames (density, clusters). */
  private readonly residentPoints: ResidentPoints;
  /** Value columns kept on the GPU (GPU level of detail, resident-line layers). */
  private readonly residentColumns: ResidentColumns;
  /** The scene of the last frame encoded (readLayer finds its layers' slots). */
  private lastScene: FrameScene | null = null;
  /** Per layer of the frame being encoded: its scissor rectangle and slot (reused arrays). */
  private readonly scissors: Scissor[] = [];
  private readonly frameSlots: (LayerSlot | null)[] = [];
  /** Per layer of the frame being encoded: how its custom shader hook draws it, or null (default). */
  private readonly frameHooks: (HookDraw | null)[] = [];
  /** Custom WGSL hooks (src/custom-shaders/): hooked pipelines and their group 1, per layer. */
  readonly hooks: RendererHooks;
  /** Where the layer being uploaded is drawn (one object, refilled per layer: no per-frame garbage). */
  private readonly layerFrame: LayerFrame = { scene: null as unknown as FrameScene, rect: { x: 0, y: 0, width: 0, height: 0 }, scissor: { x: 0, y: 0, width: 0, height: 0 } };
  /** Per kind: layers of that kind seen so far in the frame being encoded (a layer's slot rank). */
  private ranks = new Int32Array(PRIMITIVE_KIND_LIST.length);
  /** Kinds of PRIMITIVE_KIND_LIST this renderer has layouts, pipelines and slots for (late ones: adoptLateKinds). */
  private adoptedKinds: number;
  private readonly context: PipelineContext;
  private multisample: GPUTexture | null = null;
  /** The depth attachment of the depth pass (3D layers), sized like the target. */
  private depth: GPUTexture | null = null;
  private offscreen: GPUTexture | null = null;
  private disposed = false;
  private readonly timer: GpuTimer | null;
  /** GPU picking of 3D layers (pick-3d.ts). */
  private readonly picker: Picker3d;
  /** Error scopes of the current frame are open (pushed at its first allocation). */
  private scopeOpen = false;
  /** Bytes the current frame's allocations asked for. */
  private frameRequestedBytes = 0;
  /** Set when the current frame hit the memory budget: the message to report. */
  private budgetRefusal: string | null = null;
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
    const budget = options.memoryBudgetBytes;
    this.memoryBudgetBytes = typeof budget === 'number' && budget >= 0 ? budget : null;
    this.limits = effectiveLimits(this.device, options.limits);
    const context: PipelineContext = { device: this.device, cache: options.pipelines, format: this.target.format, sampleCount: this.sampleCount, shaders: options.shaders ?? {} };
    this.context = context;
    this.adoptedKinds = PRIMITIVE_KIND_LIST.length;
    const layouts = PRIMITIVE_KIND_LIST.map((kind) => kind.bindGroupLayout(context));
    // One pipeline per pipeline kind, built by the first primitive kind that draws with it.
    const checks: [PipelineKind, CheckedPipeline['check']][] = [];
    PRIMITIVE_KIND_LIST.forEach((kind, i) => {
      const check = this.createPipelineOf(kind, layouts[i]!);
      if (check) checks.push([kind.pipeline, check]);
    });
    this.ready = Promise.all(checks.map(([kind, check]) => check.then((result) => ({ kind, result })))).then((results) => {
      const failed: PipelineFailure[] = [];
      for (const { kind, result } of results) {
        if (result.error === null) continue;
        this.failed.add(kind);
        failed.push({ kind, message: result.error, diagnostics: result.diagnostics });
      }
      return { failed };
    });
    const allocate = <T>(bytes: number, create: () => T): T => this.allocate(bytes, create);
    this.buffers = new LayerBuffers(this.device, this.allocations, allocate, PRIMITIVE_KIND_LIST, layouts, this.limits);
    this.residentPoints = new ResidentPoints(this.device, this.allocations, allocate, this.limits);
    this.residentColumns = new ResidentColumns(this.device, this.allocations, allocate, this.limits);
    this.buffers.resident = { device: this.device, allocations: this.allocations, allocate, points: this.residentPoints, columns: this.residentColumns, context, limits: this.limits };
    this.hooks = new RendererHooks(context, this.allocations, allocate);
    this.picker = new Picker3d(this.device, this.allocations, allocate, context);
    this.timer = options.timeGpu === false ? null : GpuTimer.create(this.device, this.allocations);
  }

  /** Builds the pipeline of a kind's pipeline kind (once per pipeline kind); returns its check, or null when it existed. */
  private createPipelineOf(kind: PrimitiveKind, layout: GPUBindGroupLayout): CheckedPipeline['check'] | null {
    if (this.pipelineByKind.has(kind.pipeline)) return null;
    const entry = kind.createPipeline(this.context, layout);
    this.pipelineByKind.set(kind.pipeline, entry.pipeline);
    if (entry.compute) this.computeByKind.set(kind.pipeline, entry.compute);
    return entry.check;
  }

  /**
   * Kinds registered after this renderer was made (a lazy chunk, e.g. 3D: registerPrimitiveKinds)
   * get their layout, pipeline and slots now. A pipeline that then fails to build is marked failed
   * like one at creation: its layers are skipped and reported ('skipped-layers').
   */
  private adoptLateKinds(): void {
    const list = PRIMITIVE_KIND_LIST;
    if (this.adoptedKinds === list.length) return;
    for (let i = this.adoptedKinds; i < list.length; i++) {
      const kind = list[i]!;
      const layout = kind.bindGroupLayout(this.context);
      this.buffers.addKind(kind, layout);
      void this.createPipelineOf(kind, layout)?.then((result) => {
        if (result.error !== null) this.failed.add(kind.pipeline);
      });
    }
    this.adoptedKinds = list.length;
    this.ranks = new Int32Array(list.length);
  }

  get memoryBytes(): number {
    return this.allocations.byteLength;
  }

  /** Uploads of GPU-resident points so far (once per data version: panning adds none). */
  get residentUploads(): number {
    return this.residentPoints.uploads;
  }

  /** Rows of value columns uploaded for GPU level of detail so far (panning adds none). */
  get residentColumnRows(): number {
    return this.residentColumns.uploadedRows;
  }

  /** The longest column GPU level of detail can hold in one binding (ChartModelOptions.gpuLod). */
  get gpuLodMaxRows(): number {
    return this.residentColumns.maxRows;
  }

  /**
   * Reads back the GPU buffer of the last frame's layer `id` that a resident kind exposes (a
   * density map's counts then its maximum; a cluster layer's five words per cell), or null. For
   * tests and overlay labels: asynchronous, so what it returns lags the frame being drawn.
   */
  async readLayer(id: string): Promise<Uint32Array | null> {
    const scene = this.lastScene;
    if (!scene || this.disposed) return null;
    const index = scene.layers.findIndex((layer) => layer.id === id);
    const slot = index >= 0 ? this.frameSlots[index] : null;
    if (!slot || !slot.kind.readbackBuffer) return null;
    const source = slot.kind.readbackBuffer(slot);
    if (!source || source.bytes <= 0) return null;
    const bytes = Math.ceil(source.bytes / 4) * 4;
    const staging = this.stageReadback(source.buffer, bytes);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      return new Uint32Array(staging.getMappedRange().slice(0));
    } finally {
      this.allocations.release(staging);
    }
  }

  /**
   * GPU picking of the last frame's 3D layers: the element drawn nearest canvas px (x, y) within
   * `radius` px, depth respected (pick-3d.ts). Encoded and submitted at once, resolved when its few
   * pixels are mapped back; null when nothing is there, nothing 3D was drawn or the GPU failed.
   */
  pick3d(x: number, y: number, radius: number): Promise<GpuPick3d | null> {
    const scene = this.lastScene;
    if (!scene || this.disposed || !Picker3d.pickable(scene)) return Promise.resolve(null);
    try {
      return this.picker.pick({ scene, slots: this.frameSlots, scissors: this.scissors }, x, y, radius);
    } catch (error) {
      if (error instanceof MemoryBudgetRefusal) return Promise.resolve(null);
      throw error;
    } finally {
      this.closeFrameScope();
    }
  }

  /** GPU picks encoded so far (tests). */
  get gpuPicks(): number {
    return this.picker.picks;
  }

  /** Pipelines found unusable (their layers are not drawn); empty until `ready` resolved. */
  get failedPipelines(): ReadonlySet<PipelineKind> {
    return this.failed;
  }

  get failedKinds(): ReadonlySet<string> {
    return this.failed;
  }

  render(scene: FrameScene): RenderStats {
    const started = performance.now();
    let encoder: GPUCommandEncoder | null = null;
    let submittedAt = 0;
    try {
      encoder = this.encode(scene, true);
      if (encoder) this.device.queue.submit([encoder.finish()]);
      submittedAt = performance.now();
    } catch (error) {
      // Over the memory budget: nothing drawn, reported (asynchronously) like out of memory.
      if (!(error instanceof MemoryBudgetRefusal)) throw error;
      encoder = null;
    } finally {
      this.closeFrameScope();
    }
    const cpuMs = performance.now() - started;
    if (!encoder) {
      this.hooks.endFrame(this.device, null, 0);
      return { cpuMs, pointsDrawn: 0, gpuMs: Promise.resolve(null) };
    }
    const gpuMs = this.timer ? this.timer.read() : null;
    this.hooks.endFrame(this.device, gpuMs, submittedAt);
    return { cpuMs, pointsDrawn: scenePointCount(scene), gpuMs: gpuMs ?? Promise.resolve(null) };
  }

  async capture(scene: FrameScene): Promise<FramePixels> {
    const { width, height } = scene;
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    // Rows are read back in bands that each fit the largest buffer the device allows.
    const rowsPerBand = Math.max(1, Math.floor(this.limits.maxBufferSize / bytesPerRow));
    const bands: ReadbackBand[] = [];
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
        this.hooks.endFrame(this.device, null, performance.now());
      } finally {
        this.closeFrameScope();
      }
      const data = await readBands(bands, width, height, bytesPerRow, this.target.format.startsWith('bgra'));
      return { width, height, data };
    } finally {
      for (const band of bands) this.allocations.release(band.buffer);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.buffers.clear();
    this.multisample = null;
    this.offscreen = null;
    this.depth = null;
    this.timer?.dispose();
    this.hooks.dispose();
    this.allocations.releaseAll();
    if (this.target.kind === 'canvas') this.target.context.unconfigure();
  }

  /**
   * Runs an allocation inside the frame's error scopes, opening them at the frame's first
   * allocation: frames that allocate nothing (the steady state) pay for no scope. An allocation
   * past the memory budget is refused here, before anything is created: the frame's resources
   * are dropped (as after an out-of-memory error) and the frame is abandoned.
   */
  private allocate<T>(bytes: number, create: () => T): T {
    if (!this.scopeOpen) {
      this.device.pushErrorScope('out-of-memory');
      this.device.pushErrorScope('validation');
      this.scopeOpen = true;
    }
    this.frameRequestedBytes += bytes;
    const budget = this.memoryBudgetBytes;
    const held = this.allocations.byteLength;
    if (budget !== null && held + bytes > budget) {
      const message = `allocating ${formatBytes(bytes)} (holding ${formatBytes(held)}) exceeds quality.maxGpuMemoryMB budget of ${formatBytes(budget)}`;
      this.budgetRefusal ??= message;
      this.dropResources();
      throw new MemoryBudgetRefusal(`gpu-charts: ${message}`);
    }
    return create();
  }

  /** Closes the frame's error scopes (if it opened any) and reports what they caught, later. */
  private closeFrameScope(): void {
    if (!this.scopeOpen) return;
    this.scopeOpen = false;
    const bytes = this.frameRequestedBytes;
    this.frameRequestedBytes = 0;
    const budgetRefusal = this.budgetRefusal;
    this.budgetRefusal = null;
    // Resources were already dropped at the refusal; reports of frames before it are stale.
    if (budgetRefusal) this.epoch++;
    const validation = this.device.popErrorScope().catch(() => null);
    const outOfMemory = this.device.popErrorScope().catch(() => null);
    const epoch = this.epoch;
    void Promise.all([outOfMemory, validation]).then(([oom, invalid]) => {
      if (this.disposed || epoch !== this.epoch) return;
      const refused = this.allocations.takeSimulatedOom();
      if (oom || refused > 0 || budgetRefusal) {
        // Whatever this frame allocated may be unusable: drop it all; the next frame allocates
        // again, at whatever size the caller degrades to.
        this.epoch++;
        if (oom || refused > 0) this.dropResources();
        const what = oom ? oom.message : refused > 0 ? `${refused} bytes refused by the simulated memory budget` : budgetRefusal;
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
    this.buffers.releaseAll();
    this.residentPoints.releaseAll();
    this.residentColumns.releaseAll();
    this.hooks.releaseAll();
    this.picker.release();
    this.allocations.release(this.multisample);
    this.allocations.release(this.offscreen);
    this.allocations.release(this.depth);
    this.multisample = null;
    this.offscreen = null;
    this.depth = null;
  }

  private encode(scene: FrameScene, timed = false): GPUCommandEncoder | null {
    if (this.disposed) throw new Error('gpu-charts: renderer used after dispose()');
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
    this.uploadLayers(scene, texture);
    const view = texture.createView();
    const msaa = this.sampleCount > 1 ? this.multisampleTexture(texture).createView() : null;
    const encoder = this.device.createCommandEncoder({ label: 'gpu-charts frame' });
    this.computeLayers(scene, encoder);
    this.encodeComputePasses(scene, encoder);
    this.residentPoints.endFrame();
    this.residentColumns.endFrame();
    this.lastScene = scene;
    const timestampWrites = timed ? this.timer?.passTimestamps() : undefined;
    // Layers of depth-tested kinds (3D) are drawn in a second pass with a depth attachment; the
    // flat pass then keeps its multisampled picture for it. Timestamps span both passes.
    const deep = scene.layers.some((layer) => primitiveKind(layer.kind)?.depth === true);
    const pass = encoder.beginRenderPass({
      ...(timestampWrites ? { timestampWrites: deep ? { querySet: timestampWrites.querySet, beginningOfPassWriteIndex: timestampWrites.beginningOfPassWriteIndex } : timestampWrites } : {}),
      colorAttachments: [
        {
          view: msaa ?? view,
          resolveTarget: msaa && !deep ? view : undefined,
          clearValue: premultiplied(scene.background),
          loadOp: 'clear',
          storeOp: msaa && !deep ? 'discard' : 'store',
        },
      ],
    });
    this.lastDrawCalls = this.drawLayers(scene, pass, false);
    pass.end();
    if (deep) {
      const depthPass = encoder.beginRenderPass({
        ...(timestampWrites ? { timestampWrites: { querySet: timestampWrites.querySet, endOfPassWriteIndex: timestampWrites.endOfPassWriteIndex } } : {}),
        colorAttachments: [{ view: msaa ?? view, resolveTarget: msaa ? view : undefined, loadOp: 'load', storeOp: msaa ? 'discard' : 'store' }],
        depthStencilAttachment: { view: this.depthTexture(texture).createView(), depthClearValue: 1, depthLoadOp: 'clear', depthStoreOp: 'discard' },
      });
      this.lastDrawCalls += this.drawLayers(scene, depthPass, true);
      depthPass.end();
    }
    if (timestampWrites) this.timer!.resolve(encoder);
    return encoder;
  }

  /** Each layer's scissor (its pane, or the plot, whole pixels, inside the target) and upload. */
  private uploadLayers(scene: FrameScene, texture: GPUTexture): void {
    const layers = scene.layers;
    const scissors = this.scissors;
    const slots = this.frameSlots;
    scissors.length = layers.length;
    slots.length = layers.length;
    this.frameHooks.length = layers.length;
    this.adoptLateKinds();
    this.hooks.beginFrame();
    this.ranks.fill(0);
    this.buffers.storageBytesWritten = 0;
    this.buffers.storageWritesSkipped = 0;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      const rect = layerRect(scene, layer);
      const scissor = (scissors[i] = clampRect(rect, texture.width, texture.height));
      const kind = primitiveKind(layer.kind);
      this.frameHooks[i] = null;
      // A kind whose chunk has not loaded yet (3D) draws once it has: the chart redraws then.
      if (!kind) {
        slots[i] = null;
        continue;
      }
      const index = kindIndex(kind);
      const rank = this.ranks[index]!++;
      if (this.failed.has(kind.pipeline)) {
        slots[i] = null;
        continue;
      }
      const frame = this.layerFrame;
      frame.scene = scene;
      frame.rect = rect;
      frame.scissor = scissor;
      slots[i] = this.buffers.upload(index, rank, layer, frame);
      if (layer.shaderHook) this.frameHooks[i] = this.hooks.prepare(layer, slots[i]!, frame);
    }
    this.lastUploadBytes = this.buffers.storageBytesWritten;
    this.lastSkippedUploads = this.buffers.storageWritesSkipped;
  }

  /**
   * The compute passes of the kinds that have one (markers), before the render pass: the layer's
   * pixel buffer cleared, then one dispatch per chunk.
   */
  private computeLayers(scene: FrameScene, encoder: GPUCommandEncoder): void {
    for (let i = 0; i < scene.layers.length; i++) {
      const slot = this.frameSlots[i];
      const compute = slot?.kind.compute;
      if (!slot || !compute || slot.used === 0 || !slot.pixels) continue;
      const scissor = this.scissors[i]!;
      const hooked = this.frameHooks[i];
      const pipeline = hooked?.compute ?? this.computeByKind.get(slot.kind.pipeline);
      if (!pipeline || scissor.width <= 0 || scissor.height <= 0) continue;
      encoder.clearBuffer(slot.pixels, 0, Math.ceil((scissor.width * scissor.height * compute.pixelBytes) / 4) * 4);
      const pass = encoder.beginComputePass({ label: 'gpu-charts compute' });
      pass.setPipeline(pipeline);
      if (hooked?.compute && hooked.group) pass.setBindGroup(1, hooked.group);
      for (let j = 0; j < slot.used; j++) {
        const chunk = slot.chunks[j]!;
        if (chunk.elements <= 0) continue;
        // At most 65535 workgroups per dimension: wider dispatches continue on y (the shader folds them back).
        const groups = Math.ceil(chunk.elements / compute.workgroupSize);
        const x = Math.min(groups, 65535);
        pass.setBindGroup(0, chunk.bindGroup);
        pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      }
      pass.end();
    }
  }

  /** Copies `bytes` of `buffer` into a new mappable buffer (through the budget) and submits the copy. */
  private stageReadback(buffer: GPUBuffer, bytes: number): GPUBuffer {
    try {
      const staging = this.allocate(bytes, () => this.allocations.createBuffer(this.device, { label: 'gpu-charts layer readback', size: bytes, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }));
      const encoder = this.device.createCommandEncoder({ label: 'gpu-charts layer readback' });
      encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
      this.device.queue.submit([encoder.finish()]);
      return staging;
    } finally {
      this.closeFrameScope();
    }
  }

  /** Compute passes of the layers whose kind has any (density, clusters), in layer order, before the render pass. */
  private encodeComputePasses(scene: FrameScene, encoder: GPUCommandEncoder): void {
    for (let i = 0; i < scene.layers.length; i++) {
      const slot = this.frameSlots[i];
      if (!slot || slot.used === 0 || !slot.kind.encodeCompute) continue;
      const frame = this.layerFrame;
      frame.scene = scene;
      frame.rect = layerRect(scene, scene.layers[i]!);
      frame.scissor = this.scissors[i]!;
      slot.kind.encodeCompute(encoder, slot, scene.layers[i]!, frame);
    }
  }

  /**
   * The one draw loop: every layer in order (of the depth-tested kinds when `depth`, else of the
   * others), one draw call per chunk. Returns the draw calls.
   */
  private drawLayers(scene: FrameScene, pass: GPURenderPassEncoder, depth: boolean): number {
    let current: Scissor | null = null;
    let drawCalls = 0;
    let skipped: Set<PipelineKind> | null = null;
    for (let i = 0; i < scene.layers.length; i++) {
      const layer = scene.layers[i]!;
      const scissor = this.scissors[i]!;
      const slot = this.frameSlots[i]!;
      const kind = primitiveKind(layer.kind);
      if (!kind || (kind.depth === true) !== depth) continue;
      if (!slot) {
        if (kind.count(layer) > 0) (skipped ??= new Set()).add(kind.pipeline);
        continue;
      }
      if (scissor.width <= 0 || scissor.height <= 0 || slot.used === 0) continue;
      if (!current || !sameRect(current, scissor)) {
        pass.setScissorRect(scissor.x, scissor.y, scissor.width, scissor.height);
        current = scissor;
      }
      const hooked = this.frameHooks[i];
      pass.setPipeline(hooked?.render ?? this.pipelineByKind.get(slot.kind.pipeline)!);
      if (hooked?.render && hooked.group) pass.setBindGroup(1, hooked.group);
      if (slot.kind.encodeDraw) {
        drawCalls += slot.kind.encodeDraw(pass, slot, layer);
        continue;
      }
      const chunks = slot.chunks;
      for (let j = 0; j < slot.used; j++) {
        const chunk = chunks[j]!;
        if (chunk.vertices <= 0 || chunk.instances <= 0) continue;
        pass.setBindGroup(0, chunk.bindGroup);
        pass.draw(chunk.vertices, chunk.instances);
        drawCalls++;
      }
    }
    if (skipped && !this.skippedReported) {
      this.skippedReported = true;
      const kinds = [...skipped];
      this.report({ type: 'skipped-layers', kinds, message: `layers not drawn: the ${kinds.join(' and ')} pipeline${kinds.length > 1 ? 's' : ''} failed` });
    }
    return drawCalls;
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

  /** The depth attachment for the depth pass: the target's size and sample count. */
  private depthTexture(target: GPUTexture): GPUTexture {
    const current = this.depth;
    if (current && current.width === target.width && current.height === target.height) return current;
    this.allocations.release(current);
    const descriptor: GPUTextureDescriptor = {
      label: 'gpu-charts depth',
      size: [target.width, target.height],
      format: DEPTH_FORMAT,
      sampleCount: this.sampleCount,
      usage: GPUTextureUsage.RENDER_ATTACHMENT,
    };
    this.depth = this.allocate(textureDescriptorBytes(descriptor), () => this.allocations.createTexture(this.device, descriptor));
    return this.depth;
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

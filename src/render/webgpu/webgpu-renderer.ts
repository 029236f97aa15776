import primitivesWgsl from '../../../shaders/primitives.wgsl';
import rectsWgsl from '../../../shaders/rects.wgsl';
import type { AreaLayer, FrameScene, LineLayer, PlotRect, RectsLayer, Rgba, SegmentsLayer } from '../frame-scene.js';
import { layerRect, rectCount, rectMinSize, scenePointCount } from '../frame-scene.js';
import type { FramePixels, Renderer, RenderStats } from '../renderer.js';
import type { OwnerAllocations } from './gpu-allocations.js';
import type { PipelineCache } from './pipeline-cache.js';
import { GpuTimer } from './gpu-timer.js';

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
}

/** Layout of `Params` in primitives.wgsl: 12 × 4 bytes. */
const PARAMS_BYTES = 48;
const MIN_POINTS_BYTES = 4096;

/** Layout of `Params` in rects.wgsl: 12 × 4 bytes. */
const RECT_PARAMS_BYTES = 48;
/** Rectangles a rects slot holds at first (4 KiB of corners, 1 KiB of colours). */
const MIN_RECTS = 256;

/** GPU state of one scene layer slot, reused frame after frame. */
interface LayerSlot {
  params: GPUBuffer;
  points: GPUBuffer;
  bindGroup: GPUBindGroup;
}

/**
 * GPU state of one rects layer slot. A separate kind of slot (and array) because its bind group
 * has a third buffer; corners and colours grow together, so `capacity` (in rectangles) sizes both.
 */
interface RectSlot {
  params: GPUBuffer;
  rects: GPUBuffer;
  colors: GPUBuffer;
  capacity: number;
  bindGroup: GPUBindGroup;
}

type PrimitiveLayer = LineLayer | AreaLayer | SegmentsLayer;
type PipelineKind = 'line' | 'area';

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
 */
export class WebGpuRenderer implements Renderer {
  readonly kind = 'webgpu' as const;
  readonly sampleCount: number;

  private readonly device: GPUDevice;
  private readonly allocations: OwnerAllocations;
  private readonly target: RenderTarget;
  private readonly layout: GPUBindGroupLayout;
  private readonly rectsLayout: GPUBindGroupLayout;
  private readonly pipelineByKind: Record<PipelineKind, GPURenderPipeline>;
  private readonly rectsPipeline: GPURenderPipeline;
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

  constructor(options: WebGpuRendererOptions) {
    this.device = options.device;
    this.allocations = options.allocations;
    this.target = options.target;
    this.sampleCount = options.sampleCount === 1 ? 1 : 4;
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
    const module = cache.shaderModule('primitives.wgsl', primitivesWgsl);
    const pipelineLayout = this.device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    const format = this.target.format;
    // The same premultiplied blend for every layer kind.
    const blend: GPUBlendState = {
      color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
      alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
    };
    const make = (kind: PipelineKind): GPURenderPipeline =>
      cache.renderPipeline(`${kind}|${format}|${this.sampleCount}`, () => ({
        label: `gpu-charts ${kind}`,
        layout: pipelineLayout,
        vertex: { module, entryPoint: kind === 'area' ? 'vs_area' : 'vs_line' },
        fragment: {
          module,
          entryPoint: 'fs_solid',
          targets: [{ format, blend }],
        },
        primitive: { topology: 'triangle-list' },
        multisample: { count: this.sampleCount },
      }));
    this.pipelineByKind = { line: make('line'), area: make('area') };
    const rectsModule = cache.shaderModule('rects.wgsl', rectsWgsl);
    const rectsPipelineLayout = this.device.createPipelineLayout({ bindGroupLayouts: [this.rectsLayout] });
    this.rectsPipeline = cache.renderPipeline(`rects|${format}|${this.sampleCount}`, () => ({
      label: 'gpu-charts rects',
      layout: rectsPipelineLayout,
      vertex: { module: rectsModule, entryPoint: 'vs_rect' },
      fragment: { module: rectsModule, entryPoint: 'fs_rect', targets: [{ format, blend }] },
      primitive: { topology: 'triangle-list' },
      multisample: { count: this.sampleCount },
    }));
    this.timer = options.timeGpu === false ? null : GpuTimer.create(this.device, this.allocations);
  }

  get memoryBytes(): number {
    return this.allocations.byteLength;
  }

  render(scene: FrameScene): RenderStats {
    const started = performance.now();
    const encoder = this.encode(scene, true);
    this.device.queue.submit([encoder.finish()]);
    const cpuMs = performance.now() - started;
    return { cpuMs, pointsDrawn: scenePointCount(scene), gpuMs: this.timer ? this.timer.read() : Promise.resolve(null) };
  }

  async capture(scene: FrameScene): Promise<FramePixels> {
    const { width, height } = scene;
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    const readback = this.allocations.createBuffer(this.device, {
      label: 'gpu-charts capture',
      size: bytesPerRow * height,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    try {
      // Encoding, copying and submitting happen in one task: a canvas texture is only valid until
      // the task ends.
      const encoder = this.encode(scene);
      encoder.copyTextureToBuffer({ texture: this.currentTexture(scene) }, { buffer: readback, bytesPerRow }, { width, height });
      this.device.queue.submit([encoder.finish()]);
      await readback.mapAsync(GPUMapMode.READ);
      const mapped = new Uint8Array(readback.getMappedRange());
      const data = new Uint8Array(width * height * 4);
      const swapRedBlue = this.target.format.startsWith('bgra');
      for (let row = 0; row < height; row++) {
        const source = mapped.subarray(row * bytesPerRow, row * bytesPerRow + width * 4);
        data.set(source, row * width * 4);
      }
      if (swapRedBlue) {
        for (let i = 0; i < data.length; i += 4) {
          const red = data[i]!;
          data[i] = data[i + 2]!;
          data[i + 2] = red;
        }
      }
      readback.unmap();
      return { width, height, data };
    } finally {
      this.allocations.release(readback);
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

  private encode(scene: FrameScene, timed = false): GPUCommandEncoder {
    if (this.disposed) throw new Error('gpu-charts: renderer used after dispose()');
    const device = this.device;
    const texture = this.currentTexture(scene);
    // Each layer's scissor: its pane (or the plot), whole pixels, inside the target.
    const scissors = this.scissors;
    scissors.length = scene.layers.length;
    for (let i = 0, primitive = 0, rects = 0; i < scene.layers.length; i++) {
      const layer = scene.layers[i]!;
      const rect = layerRect(scene, layer);
      const scissor = (scissors[i] = clampRect(rect, texture.width, texture.height));
      if (layer.kind === 'rects') this.uploadRects(rects++, layer, scene, rect, scissor);
      else this.upload(primitive++, layer, scene, rect);
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
    for (let i = 0, primitive = 0, rects = 0; i < scene.layers.length; i++) {
      const layer = scene.layers[i]!;
      const scissor = scissors[i]!;
      const empty = scissor.width <= 0 || scissor.height <= 0;
      if (!empty && (!current || !sameRect(current, scissor))) {
        pass.setScissorRect(scissor.x, scissor.y, scissor.width, scissor.height);
        current = scissor;
      }
      if (layer.kind === 'rects') {
        const slot = this.rectSlots[rects++]!;
        const count = rectCount(layer);
        if (count <= 0 || empty) continue;
        pass.setPipeline(this.rectsPipeline);
        pass.setBindGroup(0, slot.bindGroup);
        // One instance per rectangle, six vertices each: one draw call per layer.
        pass.draw(6 * count);
        continue;
      }
      const slot = this.slots[primitive++]!;
      const segments = layer.kind === 'segments' ? layer.count >> 1 : layer.count - 1;
      if (segments <= 0 || empty) continue;
      pass.setPipeline(this.pipelineByKind[layer.kind === 'area' ? 'area' : 'line']);
      pass.setBindGroup(0, slot.bindGroup);
      pass.draw(6 * segments);
    }
    pass.end();
    if (timestampWrites) this.timer!.resolve(encoder);
    return encoder;
  }

  /** Writes a layer's parameters and points into its slot, growing the slot when needed. */
  private upload(index: number, layer: PrimitiveLayer, scene: FrameScene, rect: PlotRect): void {
    const pointBytes = Math.max(layer.count * 8, 16);
    let slot = this.slots[index];
    if (!slot || slot.points.size < pointBytes) {
      if (slot) this.allocations.release(slot.points);
      const params = slot?.params ?? this.allocations.createBuffer(this.device, { label: 'gpu-charts layer params', size: PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      const points = this.allocations.createBuffer(this.device, {
        label: 'gpu-charts layer points',
        size: Math.max(MIN_POINTS_BYTES, nextPowerOfTwo(pointBytes)),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      const bindGroup = this.device.createBindGroup({
        layout: this.layout,
        entries: [
          { binding: 0, resource: { buffer: params } },
          { binding: 1, resource: { buffer: points } },
        ],
      });
      slot = { params, points, bindGroup };
      this.slots[index] = slot;
    }
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
    if (layer.count > 0) this.device.queue.writeBuffer(slot.points, 0, layer.points.buffer, layer.points.byteOffset, layer.count * 8);
  }

  /**
   * Writes a rects layer's parameters, corners and colours into its slot. Both storage buffers
   * grow together, by doubling, through the allocations ledger; the old ones are released.
   */
  private uploadRects(index: number, layer: RectsLayer, scene: FrameScene, rect: PlotRect, scissor: Scissor): void {
    const count = rectCount(layer);
    let slot = this.rectSlots[index];
    if (!slot || slot.capacity < count) {
      if (slot) {
        this.allocations.release(slot.rects);
        this.allocations.release(slot.colors);
      }
      const capacity = Math.max(MIN_RECTS, nextPowerOfTwo(count));
      const params = slot?.params ?? this.allocations.createBuffer(this.device, { label: 'gpu-charts rects params', size: RECT_PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
      const rects = this.allocations.createBuffer(this.device, { label: 'gpu-charts rects corners', size: capacity * 16, usage: storage });
      const colors = this.allocations.createBuffer(this.device, { label: 'gpu-charts rects colors', size: capacity * 4, usage: storage });
      const bindGroup = this.device.createBindGroup({
        layout: this.rectsLayout,
        entries: [
          { binding: 0, resource: { buffer: params } },
          { binding: 1, resource: { buffer: rects } },
          { binding: 2, resource: { buffer: colors } },
        ],
      });
      slot = { params, rects, colors, capacity, bindGroup };
      this.rectSlots[index] = slot;
    }
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
    if (count > 0) {
      this.device.queue.writeBuffer(slot.rects, 0, layer.rects.buffer, layer.rects.byteOffset, count * 16);
      this.device.queue.writeBuffer(slot.colors, 0, layer.colors.buffer, layer.colors.byteOffset, count * 4);
    }
  }

  private currentTexture(scene: FrameScene): GPUTexture {
    if (this.target.kind === 'canvas') return this.target.context.getCurrentTexture();
    const current = this.offscreen;
    if (current && current.width === scene.width && current.height === scene.height) return current;
    this.allocations.release(current);
    this.offscreen = this.allocations.createTexture(this.device, {
      label: 'gpu-charts offscreen target',
      size: [scene.width, scene.height],
      format: this.target.format,
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
    });
    return this.offscreen;
  }

  private multisampleTexture(target: GPUTexture): GPUTexture {
    const current = this.multisample;
    if (current && current.width === target.width && current.height === target.height) return current;
    this.allocations.release(current);
    this.multisample = this.allocations.createTexture(this.device, {
      label: 'gpu-charts multisample',
      size: [target.width, target.height],
      format: target.format,
      sampleCount: this.sampleCount,
      usage: GPUTextureUsage.RENDER_ATTACHMENT,
    });
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

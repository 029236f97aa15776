import type { FrameScene } from '../../core/scene/frame-scene.js';
import { nearestIdPixel } from '../../core/scene/id-pixels.js';
import type { OwnerAllocations } from './gpu-allocations.js';
import { textureDescriptorBytes } from './gpu-allocations.js';
import type { Scissor } from './frame-geometry.js';
import { DEPTH_FORMAT, PICK_FORMAT, type PipelineContext, type PrimitiveKind, type ResidentSlot } from './primitives/primitive-kind.js';
import { PRIMITIVE_KINDS } from './primitives/index.js';

/** A GPU pick: the layer and element under (or nearest) the pointer, and the covered pixel (canvas px, its centre). */
export interface GpuPick3d {
  layer: string;
  element: number;
  x: number;
  y: number;
}

/** What the picker needs of the renderer for one pick (the last frame as it was encoded). */
export interface PickFrame {
  scene: FrameScene;
  slots: readonly (unknown | null)[];
  scissors: readonly Scissor[];
}

/**
 * GPU picking of 3D layers (surfaces, points, bars). A pick encodes an id pass of the last frame's
 * pickable layers (their uploaded buffers and params, unchanged) into an rg32uint target with its
 * own depth buffer, scissored to the (2r + 1)² pixels around the pointer, copies those pixels to a
 * small mappable buffer and maps it asynchronously: the frame loop never waits. The nearest covered
 * pixel names (layer, element). Targets are kept between picks (and grown with the canvas).
 */
export class Picker3d {
  /** Picks encoded (tests). */
  picks = 0;
  private ids: GPUTexture | null = null;
  private depth: GPUTexture | null = null;
  private readonly pipelines = new Map<PrimitiveKind, GPURenderPipeline | null>();

  constructor(
    private readonly device: GPUDevice,
    private readonly allocations: OwnerAllocations,
    private readonly allocate: <T>(bytes: number, create: () => T) => T,
    private readonly context: PipelineContext,
  ) {}

  /** True when the frame holds a layer this picker can pick. */
  static pickable(scene: FrameScene): boolean {
    return scene.layers.some((layer) => (PRIMITIVE_KINDS[layer.kind] as PrimitiveKind).pick !== undefined);
  }

  /**
   * Encodes and submits the id pass around canvas px (x, y) now (synchronously: the frame's slots
   * are read as they are), then resolves when the read-back is mapped.
   */
  pick(frame: PickFrame, x: number, y: number, radius: number): Promise<GpuPick3d | null> {
    const { scene } = frame;
    const r = Math.max(0, Math.ceil(radius));
    const x0 = Math.max(0, Math.floor(x) - r);
    const y0 = Math.max(0, Math.floor(y) - r);
    const x1 = Math.min(scene.width, Math.floor(x) + r + 1);
    const y1 = Math.min(scene.height, Math.floor(y) + r + 1);
    if (x1 <= x0 || y1 <= y0) return Promise.resolve(null);
    const width = x1 - x0;
    const height = y1 - y0;
    const ids = this.idTexture(scene.width, scene.height);
    const depth = this.depthTexture(scene.width, scene.height);
    const bytesPerRow = Math.ceil((width * 8) / 256) * 256;
    const staging = this.allocate(bytesPerRow * height, () =>
      this.allocations.createBuffer(this.device, { label: 'gpu-charts pick read-back', size: bytesPerRow * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }),
    );
    const encoder = this.device.createCommandEncoder({ label: 'gpu-charts pick' });
    const pass = encoder.beginRenderPass({
      label: 'gpu-charts pick',
      colorAttachments: [{ view: ids.createView(), clearValue: [0, 0, 0, 0], loadOp: 'clear', storeOp: 'store' }],
      depthStencilAttachment: { view: depth.createView(), depthClearValue: 1, depthLoadOp: 'clear', depthStoreOp: 'discard' },
    });
    scene.layers.forEach((layer, i) => {
      const kind = PRIMITIVE_KINDS[layer.kind] as PrimitiveKind;
      const slot = frame.slots[i] as ResidentSlot | null | undefined;
      const scissor = frame.scissors[i];
      if (!kind.pick || !slot || !scissor) return;
      const sx0 = Math.max(x0, scissor.x);
      const sy0 = Math.max(y0, scissor.y);
      const sx1 = Math.min(x1, scissor.x + scissor.width);
      const sy1 = Math.min(y1, scissor.y + scissor.height);
      if (sx1 <= sx0 || sy1 <= sy0) return;
      const pipeline = this.pipeline(kind);
      if (!pipeline) return;
      pass.setScissorRect(sx0, sy0, sx1 - sx0, sy1 - sy0);
      pass.setPipeline(pipeline);
      kind.pick.encode(pass, slot, layer, i + 1);
    });
    pass.end();
    encoder.copyTextureToBuffer({ texture: ids, origin: { x: x0, y: y0 } }, { buffer: staging, bytesPerRow }, { width, height });
    this.device.queue.submit([encoder.finish()]);
    this.picks++;
    // The frame's arrays are refilled by the next frame: the read-back resolves against a copy.
    const kept: PickFrame = { scene: { ...scene, layers: scene.layers.slice() }, slots: frame.slots.slice(), scissors: [] };
    return this.read(staging, kept, { x0, y0, width, height, rowWords: bytesPerRow / 4 }, x - x0, y - y0, radius);
  }

  private async read(staging: GPUBuffer, frame: PickFrame, region: { x0: number; y0: number; width: number; height: number; rowWords: number }, cx: number, cy: number, radius: number): Promise<GpuPick3d | null> {
    try {
      await staging.mapAsync(GPUMapMode.READ);
      const words = new Uint32Array(staging.getMappedRange());
      const hit = nearestIdPixel(words, region.width, region.height, region.rowWords, cx, cy, radius);
      staging.unmap();
      if (!hit || hit.tag < 1) return null;
      const layer = frame.scene.layers[hit.tag - 1];
      const slot = frame.slots[hit.tag - 1] as ResidentSlot | null | undefined;
      const kind = layer ? (PRIMITIVE_KINDS[layer.kind] as PrimitiveKind) : null;
      if (!layer || !slot || !kind?.pick) return null;
      const element = kind.pick.element(slot, layer, hit.chunk, hit.local);
      if (element < 0) return null;
      return { layer: layer.id, element, x: region.x0 + hit.x + 0.5, y: region.y0 + hit.y + 0.5 };
    } finally {
      this.allocations.release(staging);
    }
  }

  private pipeline(kind: PrimitiveKind): GPURenderPipeline | null {
    if (!this.pipelines.has(kind)) {
      let pipeline: GPURenderPipeline | null = null;
      try {
        pipeline = kind.pick!.pipeline(this.context, kind.bindGroupLayout(this.context));
      } catch (error) {
        console.warn('gpu-charts: GPU picking pipeline unavailable', error);
      }
      this.pipelines.set(kind, pipeline);
    }
    return this.pipelines.get(kind)!;
  }

  private idTexture(width: number, height: number): GPUTexture {
    const current = this.ids;
    if (current && current.width >= width && current.height >= height) return current;
    this.allocations.release(current);
    const descriptor: GPUTextureDescriptor = { label: 'gpu-charts pick ids', size: [width, height], format: PICK_FORMAT, usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC };
    this.ids = this.allocate(textureDescriptorBytes(descriptor), () => this.allocations.createTexture(this.device, descriptor));
    return this.ids;
  }

  private depthTexture(width: number, height: number): GPUTexture {
    const current = this.depth;
    if (current && current.width >= width && current.height >= height) return current;
    this.allocations.release(current);
    const descriptor: GPUTextureDescriptor = { label: 'gpu-charts pick depth', size: [width, height], format: DEPTH_FORMAT, usage: GPUTextureUsage.RENDER_ATTACHMENT };
    this.depth = this.allocate(textureDescriptorBytes(descriptor), () => this.allocations.createTexture(this.device, descriptor));
    return this.depth;
  }

  /** Gives the targets back (the renderer dropped its resources, or was disposed). */
  release(): void {
    this.allocations.release(this.ids);
    this.allocations.release(this.depth);
    this.ids = null;
    this.depth = null;
  }
}

import gridWgsl from '../../../../shaders/grid.wgsl';
import type { GridLayer, GridSource } from '../../../core/scene/frame-scene.js';
import { gridTransform } from '../../../core/scene/grid-sampling.js';
import { textureDescriptorBytes } from '../gpu-allocations.js';
import { PREMULTIPLIED_BLEND, type KindResources, type PrimitiveKind, type ResourceContext } from './primitive-kind.js';

/** Layout of `Params` in grid.wgsl: 24 × 4 bytes. */
const GRID_PARAMS_BYTES = 96;
const INTERPOLATION_BITS = { nearest: 0, bilinear: 1, bicubic: 2 } as const;

/**
 * A heatmap grid (shaders/grid.wgsl): no storage buffers, one quad, and two textures of its own
 * per slot: the values (r32float; rows × cols, or rows × capacity for a ring of columns, stored
 * transposed so that a column is one contiguous texture row) and the colormap LUT (256×1 rgba8).
 * The value texture is uploaded once per data version, and a streamed append writes only its new
 * columns; pan and zoom change only the params uniform.
 */
export const gridKind: PrimitiveKind<GridLayer> = {
  pipeline: 'grid',
  bytesPerElement: [],
  bufferLabels: [],
  minCapacity: 1,
  overlap: 0,
  paramsBytes: GRID_PARAMS_BYTES,
  elementsPerChunk: () => 1,
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('grid', () => ({
      label: 'gpu-charts grid',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.FRAGMENT, texture: { sampleType: 'unfilterable-float' } },
        { binding: 2, visibility: GPUShaderStage.FRAGMENT, texture: { sampleType: 'float' } },
      ],
    })),
  createPipeline(context, layout) {
    const { cache, format, sampleCount } = context;
    const module = cache.moduleEntry('grid.wgsl', context.shaders.grid ?? gridWgsl);
    return cache.checkedPipeline(
      `grid|${format}|${sampleCount}|${module.id}`,
      () => ({
        label: 'gpu-charts grid',
        layout: context.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        vertex: { module: module.module, entryPoint: 'vs_grid' },
        fragment: { module: module.module, entryPoint: 'fs_grid', targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
        primitive: { topology: 'triangle-list' },
        multisample: { count: sampleCount },
      }),
      module,
    );
  },
  count: (layer) => (layer.count > 0 && layer.cols > 0 && layer.source.rows > 0 ? 1 : 0),
  source: () => {
    throw new Error('gpu-charts: a grid layer has no storage buffers');
  },
  writeParams({ floats, uints }, layer, { scene, rect, scissor }) {
    const rows = layer.source.rows;
    // The quad: the grid's rectangle, clipped to the scissor (the pane), in canvas px.
    const left = rect.x + Math.min(layer.x0, layer.x1);
    const right = rect.x + Math.max(layer.x0, layer.x1);
    const top = rect.y + Math.min(layer.yTop, layer.yBottom);
    const bottom = rect.y + Math.max(layer.yTop, layer.yBottom);
    floats[0] = scene.width;
    floats[1] = scene.height;
    floats[2] = Math.max(left, scissor.x);
    floats[3] = Math.max(top, scissor.y);
    floats[4] = Math.max(floats[2], Math.min(right, scissor.x + scissor.width));
    floats[5] = Math.max(floats[3], Math.min(bottom, scissor.y + scissor.height));
    const t = gridTransform(layer, rect.x, rect.y);
    floats[6] = t.ax;
    floats[7] = t.bx;
    floats[8] = t.ay;
    floats[9] = t.by;
    const log = layer.scale === 'log';
    floats[10] = log ? Math.log10(layer.min) : layer.min;
    floats[11] = log ? Math.log10(layer.max) : layer.max;
    uints[12] = layer.cols;
    uints[13] = rows;
    uints[14] = layer.ringOffset;
    uints[15] = layer.source.width;
    uints[16] = (log ? 1 : 0) | (INTERPOLATION_BITS[layer.interpolation] << 1) | (layer.source.layout === 'columns' ? 8 : 0) | (t.logX ? 16 : 0) | (t.logY ? 32 : 0);
    floats[20] = t.cx;
    floats[21] = t.dx;
    floats[22] = t.cy;
    floats[23] = t.dy;
  },
  vertexCount: (elements) => (elements > 0 ? 6 : 0),
  instanceCount: () => 1,
  createResources: (context) => new GridTextures(context),
};

/** One slot's textures: the values (re-uploaded only when the source changed) and the LUT. */
class GridTextures implements KindResources<GridLayer> {
  private values: GPUTexture | null = null;
  private lut: GPUTexture | null = null;
  private sourceId = -1;
  private version = -1;
  private lutKey = '';
  private warned = false;

  constructor(private readonly context: ResourceContext) {}

  update(layer: GridLayer): boolean | null {
    const source = layer.source;
    const { width, height } = textureSize(source);
    const max = this.context.limits.maxTextureDimension2D;
    if (width > max || height > max || width === 0 || height === 0) {
      if (!this.warned && width > 0 && height > 0) {
        this.warned = true;
        console.warn(`gpu-charts: a ${source.rows}×${source.width} grid needs a ${width}×${height} texture, larger than this GPU allows (maxTextureDimension2D ${max}); not drawn`);
      }
      return null;
    }
    let changed = false;
    let texture = this.values;
    if (!texture || texture.width !== width || texture.height !== height) {
      this.context.allocations.release(texture);
      const descriptor: GPUTextureDescriptor = { label: 'gpu-charts grid values', size: [width, height], format: 'r32float', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST };
      texture = this.values = this.context.allocate(textureDescriptorBytes(descriptor), () => this.context.allocations.createTexture(this.context.device, descriptor));
      this.sourceId = -1;
      changed = true;
    }
    if (this.sourceId !== source.id || this.version !== source.version) {
      const changes = this.sourceId === source.id ? source.changesSince(this.version) : null;
      const queue = this.context.device.queue;
      const data = source.values;
      if (changes === null) {
        queue.writeTexture({ texture }, data.buffer, { offset: data.byteOffset, bytesPerRow: width * 4, rowsPerImage: height }, [width, height]);
      } else {
        // A ring of columns is stored transposed: physical column p is texture row p.
        for (const [start, count] of changes) {
          if (count <= 0) continue;
          queue.writeTexture({ texture, origin: [0, start] }, data.buffer, { offset: data.byteOffset + start * width * 4, bytesPerRow: width * 4, rowsPerImage: count }, [width, count]);
        }
      }
      this.sourceId = source.id;
      this.version = source.version;
    }
    if (!this.lut) {
      const descriptor: GPUTextureDescriptor = { label: 'gpu-charts colormap', size: [256, 1], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST };
      this.lut = this.context.allocate(textureDescriptorBytes(descriptor), () => this.context.allocations.createTexture(this.context.device, descriptor));
      this.lutKey = '';
      changed = true;
    }
    if (this.lutKey !== layer.lutKey) {
      const lut = layer.lut;
      this.context.device.queue.writeTexture({ texture: this.lut }, lut.buffer, { offset: lut.byteOffset, bytesPerRow: 1024 }, [256, 1]);
      this.lutKey = layer.lutKey;
    }
    return changed;
  }

  entries(): GPUBindGroupEntry[] {
    return [
      { binding: 1, resource: this.values!.createView() },
      { binding: 2, resource: this.lut!.createView() },
    ];
  }

  release(): void {
    this.context.allocations.release(this.values);
    this.context.allocations.release(this.lut);
    this.values = this.lut = null;
    this.sourceId = this.version = -1;
  }
}

/** The value texture's size: cols × rows (row-major), or rows × capacity (a ring, transposed). */
function textureSize(source: GridSource): { width: number; height: number } {
  return source.layout === 'columns' ? { width: source.rows, height: source.width } : { width: source.width, height: source.rows };
}

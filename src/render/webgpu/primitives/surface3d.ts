import surfaceWgsl from '../../../../shaders/surface3d.wgsl';
import type { Surface3dLayer } from '../../../core/scene/layers-3d.js';
import type { PrimitiveKind, ResidentSlot } from './primitive-kind.js';
import { layout3d, pickPipeline3d, pipeline3d, storageBuffer, THREE_D, upload, writeLight, writeRgba, writeViewProj } from './three-kind.js';

/** Layout of `Params` in surface3d.wgsl: 40 × 4 bytes. */
const PARAMS_BYTES = 160;
const paramsData = new ArrayBuffer(PARAMS_BYTES);
const floats = new Float32Array(paramsData);
const uints = new Uint32Array(paramsData);
const packedLut = new Uint32Array(256);

interface SurfaceState {
  heights: GPUBuffer | null;
  xs: GPUBuffer | null;
  ys: GPUBuffer | null;
  lut: GPUBuffer | null;
  group: GPUBindGroup | null;
  dataKey: number;
  lutKey: string;
  /** The streaming ring whose heights the buffer holds (0: row-major heights), and its version. */
  ringId: number;
  ringVersion: number;
  /** Strips (instances) and vertices per strip of this frame. */
  bands: number;
  vertices: number;
}

/** Writes `count` floats of `data` from float `first` into `buffer` at the same place (an appended range of a ring). */
function writeColumns(gpu: { device: GPUDevice }, buffer: GPUBuffer, data: Float32Array, first: number, count: number): void {
  if (count > 0) gpu.device.queue.writeBuffer(buffer, first * 4, data.buffer, data.byteOffset + first * 4, count * 4);
}

/**
 * Surfaces (shaders/surface3d.wgsl): heights, column x and row y uploaded once per `dataKey`, the
 * colormap once per `lutKey`; each frame writes the params (camera, colour range, LOD stride) and
 * draws one triangle list of six vertices per drawn cell: rotating a 1000×1000 surface uploads 160
 * bytes. A streaming surface (`layer.ring`) keeps its buffers, sized for the window: an append
 * writes its own columns (rows × 4 bytes each) and the column x (cols × 4), nothing else.
 */
export const surface3dKind: PrimitiveKind<Surface3dLayer> = {
  ...THREE_D,
  pipeline: 'surface3d',
  paramsBytes: PARAMS_BYTES,
  // GPUShaderStage is read when called, not at import: a page without WebGPU still loads the bundle.
  bindGroupLayout: (context) => {
    const { VERTEX, FRAGMENT } = GPUShaderStage;
    return layout3d(context, 'surface3d', [VERTEX | FRAGMENT, VERTEX, VERTEX, FRAGMENT]);
  },
  createPipeline: (context, layout) =>
    pipeline3d(context, layout, 'surface3d', context.cache.moduleEntry('surface3d.wgsl', context.shaders.surface3d ?? surfaceWgsl), {
      vertex: 'vs_surface',
      fragment: 'fs_surface',
      topology: 'triangle-list',
      depthWrite: true,
    }),
  count: (layer) => (layer.count > 0 && layer.cols >= 2 && layer.rows >= 2 && layer.heights.length >= layer.cols * layer.rows ? 1 : 0),
  prepare(gpu, slot, layer, { scene, rect }) {
    const state = (slot.resident ??= { heights: null, xs: null, ys: null, lut: null, group: null, dataKey: -1, lutKey: '', ringId: -1, ringVersion: -1, bands: 0, vertices: 0 }) as SurfaceState;
    if (surface3dKind.count(layer) === 0) {
      state.bands = 0;
      return;
    }
    const { cols, rows } = layer;
    const ring = layer.ring ?? null;
    // A streaming ring's buffers are sized for its whole window once: appends never grow them.
    const capacity = ring ? ring.capacity : cols;
    const cells = capacity * rows;
    if (cells * 4 > Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize)) {
      // Past one binding: draw a coarser level (every other row and column share the upload).
      console.warn(`gpu-charts: a ${capacity}×${rows} surface exceeds one storage binding on this GPU; not drawn`);
      state.bands = 0;
      return;
    }
    const before = [state.heights, state.xs, state.ys, state.lut];
    state.heights = storageBuffer(gpu, state.heights, cells * 4, 'gpu-charts surface heights');
    state.xs = storageBuffer(gpu, state.xs, capacity * 4, 'gpu-charts surface x');
    state.ys = storageBuffer(gpu, state.ys, rows * 4, 'gpu-charts surface y');
    state.lut = storageBuffer(gpu, state.lut, 1024, 'gpu-charts colormap');
    const grown = before.some((b, i) => b !== [state.heights, state.xs, state.ys, state.lut][i]);
    if (ring) {
      // Only the columns written since the version this slot holds (null: a new ring, or too old).
      const changes = !grown && state.ringId === ring.id ? ring.changesSince(state.ringVersion) : null;
      if (changes === null) upload(gpu, state.heights, layer.heights, cells * 4);
      else for (const [start, n] of changes) writeColumns(gpu, state.heights, layer.heights, start * rows, n * rows);
      state.ringId = ring.id;
      state.ringVersion = ring.version;
    } else if (grown || state.dataKey !== layer.dataKey || state.ringId !== 0) {
      upload(gpu, state.heights, layer.heights, cells * 4);
      state.ringId = 0;
    }
    // Column x and row y: a few KB, written whenever the box moved (each append scrolls it).
    if (grown || state.dataKey !== layer.dataKey) {
      upload(gpu, state.xs, layer.xs, cols * 4);
      upload(gpu, state.ys, layer.ys, rows * 4);
      state.dataKey = layer.dataKey;
    }
    if (grown || state.lutKey !== layer.lutKey) {
      const lut = layer.lut;
      for (let i = 0; i < 256; i++) packedLut[i] = (lut[i * 4]! | (lut[i * 4 + 1]! << 8) | (lut[i * 4 + 2]! << 16) | (lut[i * 4 + 3]! << 24)) >>> 0;
      gpu.device.queue.writeBuffer(state.lut, 0, packedLut);
      state.lutKey = layer.lutKey;
    }
    if (grown || !state.group) {
      state.group = gpu.device.createBindGroup({
        label: 'gpu-charts surface3d',
        layout: surface3dKind.bindGroupLayout(gpu.context),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 1, resource: { buffer: state.heights } },
          { binding: 2, resource: { buffer: state.xs } },
          { binding: 3, resource: { buffer: state.ys } },
          { binding: 4, resource: { buffer: state.lut } },
        ],
      });
    }
    const stride = Math.max(1, Math.floor(layer.stride) || 1);
    // Six vertices per drawn cell, one draw (see surface3d.wgsl).
    state.bands = Math.ceil((rows - 1) / stride);
    state.vertices = 6 * Math.ceil((cols - 1) / stride) * state.bands;
    floats.fill(0);
    writeViewProj(floats, 0, layer.camera, rect, scene);
    writeLight(floats, 16, layer.camera);
    floats[20] = layer.zScale;
    floats[21] = layer.zOffset;
    floats[22] = layer.min;
    floats[23] = layer.max;
    writeRgba(floats, 24, layer.wireframe);
    writeRgba(floats, 28, layer.contours > 0 ? layer.contourColor : null);
    uints[32] = cols;
    uints[33] = rows;
    uints[34] = stride;
    uints[35] = Math.max(0, Math.floor(layer.contours));
    // Height addressing (surface3d.wgsl `ring`): capacity, offset, column step, row step.
    uints[36] = capacity;
    uints[37] = ring ? ring.offset : 0;
    uints[38] = ring ? rows : 1;
    uints[39] = ring ? 1 : cols;
    gpu.device.queue.writeBuffer(slot.params, 0, paramsData, 0, PARAMS_BYTES);
  },
  encodeDraw(pass, slot: ResidentSlot) {
    const state = slot.resident as SurfaceState | null;
    if (!state?.group || state.bands <= 0) return 0;
    pass.setBindGroup(0, state.group);
    pass.draw(state.vertices, 1);
    return 1;
  },
  pick: {
    pipeline: (context, layout) =>
      pickPipeline3d(context, layout, 'surface3d', context.cache.moduleEntry('surface3d.wgsl', context.shaders.surface3d ?? surfaceWgsl), { vertex: 'vs_surface', fragment: 'fs_surface_id' }),
    encode(pass, slot, _layer, tag) {
      const state = slot.resident as SurfaceState | null;
      if (!state?.group || state.bands <= 0) return;
      pass.setBindGroup(0, state.group);
      pass.draw(state.vertices, 1, 0, tag << 8);
    },
    // The shader writes the grid vertex index (row × cols + column) itself.
    element: (_slot, _layer, _chunk, local) => local,
  },
  releaseResident(slot, gpu) {
    const state = slot.resident as SurfaceState | null;
    if (!state) return;
    for (const buffer of [state.heights, state.xs, state.ys, state.lut]) gpu.allocations.release(buffer);
    slot.resident = null;
  },
};

import densityWgsl from '../../../../shaders/density.wgsl';
import type { DensityLayer } from '../../../core/scene/frame-scene.js';
import { gridSize } from '../../../core/scene/density-grid.js';
import type { PrimitiveKind, ResidentGpu, ResidentSlot } from './primitive-kind.js';
import { encodeOverPoints, ensureStorage, NO_CHUNKS, residentComputePipeline, residentPipelines, type ResidentShader } from './resident-kind.js';

/** Layout of `Params` in density.wgsl: 20 × 4 bytes. */
const PARAMS_BYTES = 80;

interface DensityState {
  /** Cell counts, then the maximum (u32 each). */
  counts: GPUBuffer | null;
  lut: GPUBuffer | null;
  lutSource: Uint8Array | null;
  computeGroup: GPUBindGroup | null;
  compute: GPUComputePipeline | null;
  drawGroup: GPUBindGroup | null;
  /** What the bind groups were made of (rebuilt when one changes). */
  boundPoints: GPUBuffer | null;
  boundCounts: GPUBuffer | null;
  cells: number;
  points: number;
}

const paramsData = new ArrayBuffer(PARAMS_BYTES);
const floats = new Float32Array(paramsData);
const uints = new Uint32Array(paramsData);
const packedLut = new Uint32Array(256);

const SHADER: ResidentShader = { name: 'density', source: densityWgsl, vertex: 'vs_density', fragment: 'fs_density', compute: 'cs_density', computeLabel: 'gpu-charts density binning' };

function stateOf(slot: ResidentSlot): DensityState {
  return (slot.resident ??= { counts: null, lut: null, lutSource: null, computeGroup: null, compute: null, drawGroup: null, boundPoints: null, boundCounts: null, cells: 0, points: 0 }) as DensityState;
}

/**
 * Density maps (shaders/density.wgsl): a compute pass bins the GPU-resident data-space points
 * with this frame's transform into a storage buffer of u32 counts (atomicAdd; the largest count
 * kept on the GPU too), then one draw over the pane maps counts through the colormap. Panning and
 * zooming rewrite the params only; the points are uploaded once per data version.
 */
export const densityKind: PrimitiveKind<DensityLayer> = {
  ...NO_CHUNKS,
  pipeline: 'density',
  paramsBytes: PARAMS_BYTES,
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('density-draw', () => ({
      label: 'gpu-charts density draw',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 3, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'read-only-storage' } },
        { binding: 4, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'read-only-storage' } },
      ],
    })),
  createPipeline: (context, layout) => residentPipelines(context, layout, SHADER),
  count: (layer) => Math.max(0, Math.min(Math.floor(layer.count), layer.points.length >> 1)),
  prepare(gpu: ResidentGpu, slot, layer, { scene, rect, scissor }) {
    const state = stateOf(slot);
    const { buffer: points, count } = gpu.points.buffer(layer.points, densityKind.count(layer), layer.version);
    const cell = layer.cellSize > 0 ? layer.cellSize : 1;
    const [columns, rows] = gridSize(rect.width, rect.height, cell);
    const cells = columns * rows;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    state.counts = ensureStorage(gpu, state.counts, (cells + 1) * 4, 'gpu-charts density counts', storage);
    state.lut = ensureStorage(gpu, state.lut, 1024, 'gpu-charts colormap', GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    if (state.lutSource !== layer.colormap) {
      const lut = layer.colormap;
      for (let i = 0; i < 256; i++) packedLut[i] = (lut[i * 4]! | (lut[i * 4 + 1]! << 8) | (lut[i * 4 + 2]! << 16) | (lut[i * 4 + 3]! << 24)) >>> 0;
      gpu.device.queue.writeBuffer(state.lut, 0, packedLut);
      state.lutSource = layer.colormap;
    }
    if (state.boundPoints !== points || state.boundCounts !== state.counts || !state.drawGroup) {
      const compute = residentComputePipeline(gpu.context, SHADER).pipeline;
      state.compute = compute;
      state.computeGroup = gpu.device.createBindGroup({
        label: 'gpu-charts density binning',
        layout: compute.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 1, resource: { buffer: points } },
          { binding: 2, resource: { buffer: state.counts } },
        ],
      });
      state.drawGroup = gpu.device.createBindGroup({
        label: 'gpu-charts density draw',
        layout: densityKind.bindGroupLayout(gpu.context),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 3, resource: { buffer: state.counts } },
          { binding: 4, resource: { buffer: state.lut } },
        ],
      });
      state.boundPoints = points;
      state.boundCounts = state.counts;
    }
    state.cells = cells;
    state.points = count;
    floats.fill(0);
    const [ax, bx, ay, by] = layer.transform;
    floats[0] = ax;
    floats[1] = bx;
    floats[2] = ay;
    floats[3] = by;
    floats[4] = rect.x;
    floats[5] = rect.y;
    floats[6] = rect.width;
    floats[7] = rect.height;
    floats[8] = scissor.x;
    floats[9] = scissor.y;
    floats[10] = scissor.width;
    floats[11] = scissor.height;
    floats[12] = scene.width;
    floats[13] = scene.height;
    floats[14] = cell;
    uints[15] = count;
    uints[16] = columns;
    uints[17] = rows;
    uints[18] = layer.scale === 'linear' ? 0 : 1;
    uints[19] = cells;
    gpu.device.queue.writeBuffer(slot.params, 0, paramsData, 0, PARAMS_BYTES);
  },
  encodeCompute(encoder, slot) {
    const state = slot.resident as DensityState | null;
    if (!state?.counts || !state.computeGroup || !state.compute) return;
    encodeOverPoints(encoder, 'gpu-charts density binning', state.compute, state.computeGroup, state.counts, (state.cells + 1) * 4, state.points);
  },
  encodeDraw(pass, slot) {
    const state = slot.resident as DensityState | null;
    if (!state?.drawGroup) return 0;
    pass.setBindGroup(0, state.drawGroup);
    pass.draw(6);
    return 1;
  },
  readbackBuffer(slot) {
    const state = slot.resident as DensityState | null;
    return state?.counts ? { buffer: state.counts, bytes: (state.cells + 1) * 4 } : null;
  },
  releaseResident(slot, gpu) {
    const state = slot.resident as DensityState | null;
    if (!state) return;
    gpu.allocations.release(state.counts);
    gpu.allocations.release(state.lut);
    slot.resident = null;
  },
};

import clusterWgsl from '../../../../shaders/cluster.wgsl';
import type { ClusterLayer } from '../../../core/scene/frame-scene.js';
import { CLUSTER_WORDS } from '../../../core/scene/cluster-cells.js';
import { layerClusterGrid } from '../../../core/scene/cluster-discs.js';
import type { PrimitiveKind, ResidentSlot } from './primitive-kind.js';
import { encodeOverPoints, ensureStorage, NO_CHUNKS, residentComputePipeline, residentPipelines, type ResidentShader } from './resident-kind.js';

/** Layout of `Params` in cluster.wgsl: 28 × 4 bytes. */
const PARAMS_BYTES = 112;

interface ClusterState {
  cellsBuffer: GPUBuffer | null;
  compute: GPUComputePipeline | null;
  computeGroup: GPUBindGroup | null;
  drawGroup: GPUBindGroup | null;
  boundPoints: GPUBuffer | null;
  boundCells: GPUBuffer | null;
  cells: number;
  points: number;
}

const paramsData = new ArrayBuffer(PARAMS_BYTES);
const floats = new Float32Array(paramsData);
const uints = new Uint32Array(paramsData);

const SHADER: ResidentShader = { name: 'cluster', source: clusterWgsl, vertex: 'vs_cluster', fragment: 'fs_cluster', compute: 'cs_cluster', computeLabel: 'gpu-charts cluster sums' };

function stateOf(slot: ResidentSlot): ClusterState {
  return (slot.resident ??= { cellsBuffer: null, compute: null, computeGroup: null, drawGroup: null, boundPoints: null, boundCells: null, cells: 0, points: 0 }) as ClusterState;
}

/**
 * Grid clusters (shaders/cluster.wgsl): a compute pass sums count and position per data-anchored
 * cell (core/scene/cluster-levels.ts) over the GPU-resident points; one draw over every cell (six
 * vertices each; empty cells collapse) puts a disc per cell between its centroid and its parents'. No readback: the cell buffer may be read back
 * asynchronously for labels (WebGpuRenderer.readLayer), which therefore lag one frame.
 */
export const clusterKind: PrimitiveKind<ClusterLayer> = {
  ...NO_CHUNKS,
  pipeline: 'cluster',
  paramsBytes: PARAMS_BYTES,
  bindGroupLayout: (context) =>
    context.cache.bindGroupLayout('cluster-draw', () => ({
      label: 'gpu-charts cluster draw',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 3, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    })),
  createPipeline: (context, layout) => residentPipelines(context, layout, SHADER),
  count: (layer) => Math.max(0, Math.min(Math.floor(layer.count), layer.points.length >> 1)),
  prepare(gpu, slot, layer, { scene, rect }) {
    const state = stateOf(slot);
    const { buffer: points, count } = gpu.points.buffer(layer.points, clusterKind.count(layer), layer.version);
    // The data-anchored grid of this zoom (the Canvas2D path computes the same one).
    const grid = layerClusterGrid(layer, rect.width, rect.height);
    const cells = grid.cells;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    state.cellsBuffer = ensureStorage(gpu, state.cellsBuffer, cells * CLUSTER_WORDS * 4, 'gpu-charts cluster cells', usage);
    if (state.boundPoints !== points || state.boundCells !== state.cellsBuffer || !state.drawGroup) {
      const compute = residentComputePipeline(gpu.context, SHADER).pipeline;
      state.compute = compute;
      state.computeGroup = gpu.device.createBindGroup({
        label: 'gpu-charts cluster sums',
        layout: compute.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 1, resource: { buffer: points } },
          { binding: 2, resource: { buffer: state.cellsBuffer } },
        ],
      });
      state.drawGroup = gpu.device.createBindGroup({
        label: 'gpu-charts cluster draw',
        layout: clusterKind.bindGroupLayout(gpu.context),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 3, resource: { buffer: state.cellsBuffer } },
        ],
      });
      state.boundPoints = points;
      state.boundCells = state.cellsBuffer;
    }
    state.cells = cells;
    state.points = count;
    floats.fill(0);
    floats[0] = rect.x;
    floats[1] = rect.y;
    floats[2] = rect.width;
    floats[3] = rect.height;
    floats[4] = layer.color[0];
    floats[5] = layer.color[1];
    floats[6] = layer.color[2];
    floats[7] = layer.color[3];
    floats[8] = scene.width;
    floats[9] = scene.height;
    floats[10] = grid.x.inverse;
    floats[11] = grid.y.inverse;
    floats[12] = grid.x.first;
    floats[13] = grid.y.first;
    floats[14] = grid.x.originPx;
    floats[15] = grid.y.originPx;
    floats[16] = grid.x.cellPx;
    floats[17] = grid.y.cellPx;
    floats[18] = grid.x.t;
    floats[19] = grid.y.t;
    uints[20] = count;
    uints[21] = grid.x.cells;
    uints[22] = grid.y.cells;
    floats[23] = layer.pointRadius;
    floats[24] = layer.minRadius;
    floats[25] = layer.radiusStep;
    floats[26] = layer.cellSize / 2;
    gpu.device.queue.writeBuffer(slot.params, 0, paramsData, 0, PARAMS_BYTES);
  },
  encodeCompute(encoder, slot) {
    const state = slot.resident as ClusterState | null;
    if (!state?.cellsBuffer || !state.compute || !state.computeGroup) return;
    encodeOverPoints(encoder, 'gpu-charts cluster sums', state.compute, state.computeGroup, state.cellsBuffer, state.cells * CLUSTER_WORDS * 4, state.points);
  },
  encodeDraw(pass, slot) {
    const state = slot.resident as ClusterState | null;
    if (!state?.drawGroup || state.cells === 0) return 0;
    pass.setBindGroup(0, state.drawGroup);
    pass.draw(6 * state.cells);
    return 1;
  },
  readbackBuffer(slot) {
    const state = slot.resident as ClusterState | null;
    return state?.cellsBuffer ? { buffer: state.cellsBuffer, bytes: state.cells * CLUSTER_WORDS * 4 } : null;
  },
  releaseResident(slot, gpu) {
    const state = slot.resident as ClusterState | null;
    if (!state) return;
    gpu.allocations.release(state.cellsBuffer);
    slot.resident = null;
  },
};

import m4Wgsl from '../../../../shaders/m4.wgsl';
import type { ResidentLineLayer } from '../../../core/scene/frame-scene.js';
import type { ComputeEntry } from '../pipeline-cache.js';
import { pointsLayout, pointsPipeline, POINT_PARAMS_BYTES, writePointParams } from './point-kinds.js';
import type { PipelineContext, PrimitiveKind, ResidentGpu, ResidentSlot } from './primitive-kind.js';
import { ensureStorage, NO_CHUNKS, workgroupGrid } from './resident-kind.js';

/** Layout of `Reduce` in m4.wgsl: 12 × 4 bytes. */
const REDUCE_BYTES = 48;
/** drawIndirect's four u32. */
const DRAW_ARGS_BYTES = 16;

interface ResidentLineState {
  reduceParams: GPUBuffer | null;
  bounds: GPUBuffer | null;
  picks: GPUBuffer | null;
  points: GPUBuffer | null;
  drawArgs: GPUBuffer | null;
  reduceGroup: GPUBindGroup | null;
  compactGroup: GPUBindGroup | null;
  drawGroup: GPUBindGroup | null;
  /** What the bind groups were made of (rebuilt when a buffer is replaced). */
  bound: readonly (GPUBuffer | null)[];
  reduce: GPUComputePipeline | null;
  compact: GPUComputePipeline | null;
  columns: number;
  ready: boolean;
}

const reduceData = new ArrayBuffer(REDUCE_BYTES);
const reduceFloats = new Float32Array(reduceData);
const reduceUints = new Uint32Array(reduceData);
const drawParams = new ArrayBuffer(POINT_PARAMS_BYTES);
const drawFloats = new Float32Array(drawParams);
const drawUints = new Uint32Array(drawParams);

function stateOf(slot: ResidentSlot): ResidentLineState {
  return (slot.resident ??= {
    reduceParams: null, bounds: null, picks: null, points: null, drawArgs: null,
    reduceGroup: null, compactGroup: null, drawGroup: null, bound: [], reduce: null, compact: null, columns: 0, ready: false,
  }) as ResidentLineState;
}

function computePipeline(context: PipelineContext, entryPoint: 'cs_reduce' | 'cs_compact'): ComputeEntry {
  const module = context.cache.moduleEntry('m4.wgsl', m4Wgsl);
  return context.cache.checkedComputePipeline(
    `m4-${entryPoint}|${module.id}`,
    () => ({ label: `gpu-charts GPU M4 ${entryPoint}`, layout: 'auto', compute: { module: module.module, entryPoint } }),
    module,
  );
}

/**
 * Lines reduced to M4 on the GPU (ResidentLineLayer, shaders/m4.wgsl): the values are resident
 * (ResidentColumns), each frame uploads only the column bounds and two uniforms, two compute
 * passes write the polyline and an indirect draw draws it with the line pipeline. This is the
 * CPU's M4Decimator moved to the GPU, for real GPUs, where scanning 100M f32 values takes a
 * fraction of a millisecond while the CPU's pyramid walk takes several.
 */
export const residentLineKind: PrimitiveKind<ResidentLineLayer> = {
  ...NO_CHUNKS,
  pipeline: 'resident-line',
  paramsBytes: POINT_PARAMS_BYTES,
  bindGroupLayout: pointsLayout,
  createPipeline(context, layout) {
    // The draw is the line pipeline itself; both compute pipelines are checked with it.
    const draw = pointsPipeline(context, layout, 'line');
    const checks = [draw.check, computePipeline(context, 'cs_reduce').check, computePipeline(context, 'cs_compact').check];
    return { pipeline: draw.pipeline, check: Promise.all(checks).then((results) => results.find((r) => r.error) ?? results[0]!) };
  },
  count: (layer) => (layer.bounds[layer.columns]! > layer.bounds[0]! || layer.before || layer.after ? 1 : 0),
  prepare(gpu: ResidentGpu, slot, layer, { scene, rect }) {
    const state = stateOf(slot);
    state.ready = false;
    const values = gpu.columns.buffer(layer.column);
    if (!values) return;
    const columns = layer.columns;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    state.reduceParams = ensureStorage(gpu, state.reduceParams, REDUCE_BYTES, 'gpu-charts GPU M4 params', GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    state.bounds = ensureStorage(gpu, state.bounds, (columns + 1) * 4, 'gpu-charts GPU M4 column bounds', storage);
    state.picks = ensureStorage(gpu, state.picks, columns * 5 * 4, 'gpu-charts GPU M4 picks', storage);
    state.points = ensureStorage(gpu, state.points, (columns * 4 + 3) * 8, 'gpu-charts GPU M4 points', storage | GPUBufferUsage.COPY_SRC);
    state.drawArgs = ensureStorage(gpu, state.drawArgs, DRAW_ARGS_BYTES, 'gpu-charts GPU M4 draw', storage | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_SRC);
    const buffers = [values, state.reduceParams, state.bounds, state.picks, state.points, state.drawArgs, slot.params];
    if (buffers.some((buffer, i) => buffer !== state.bound[i])) {
      const reduce = (state.reduce = computePipeline(gpu.context, 'cs_reduce').pipeline);
      const compact = (state.compact = computePipeline(gpu.context, 'cs_compact').pipeline);
      state.reduceGroup = gpu.device.createBindGroup({
        label: 'gpu-charts GPU M4 reduce',
        layout: reduce.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: state.reduceParams } },
          { binding: 1, resource: { buffer: values } },
          { binding: 2, resource: { buffer: state.bounds } },
          { binding: 3, resource: { buffer: state.picks } },
        ],
      });
      state.compactGroup = gpu.device.createBindGroup({
        label: 'gpu-charts GPU M4 compact',
        layout: compact.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: state.reduceParams } },
          { binding: 1, resource: { buffer: values } },
          { binding: 3, resource: { buffer: state.picks } },
          { binding: 4, resource: { buffer: state.points } },
          { binding: 5, resource: { buffer: state.drawArgs } },
        ],
      });
      state.drawGroup = gpu.device.createBindGroup({
        label: 'gpu-charts GPU M4 line',
        layout: pointsLayout(gpu.context),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 1, resource: { buffer: state.points } },
        ],
      });
      state.bound = buffers;
    }
    gpu.device.queue.writeBuffer(state.bounds, 0, layer.bounds.buffer, layer.bounds.byteOffset, (columns + 1) * 4);
    reduceUints.fill(0);
    reduceUints[0] = columns;
    reduceUints[1] = layer.before ? 1 : 0;
    reduceUints[2] = layer.after ? 1 : 0;
    reduceFloats[4] = layer.columnWidth;
    reduceFloats[5] = layer.ay;
    reduceFloats[6] = layer.by;
    if (layer.before) [reduceFloats[8], reduceFloats[9]] = layer.before;
    if (layer.after) [reduceFloats[10], reduceFloats[11]] = layer.after;
    gpu.device.queue.writeBuffer(state.reduceParams, 0, reduceData);
    drawFloats.fill(0);
    writePointParams(drawFloats, drawUints, scene.width, scene.height, rect.x, rect.y, layer.color, Math.max(layer.width, 1) / 2, 1, 0);
    gpu.device.queue.writeBuffer(slot.params, 0, drawParams);
    state.columns = columns;
    state.ready = true;
  },
  encodeCompute(encoder, slot) {
    const state = slot.resident as ResidentLineState | null;
    if (!state?.ready || !state.reduceGroup || !state.compactGroup || !state.reduce || !state.compact) return;
    const pass = encoder.beginComputePass({ label: 'gpu-charts GPU M4' });
    pass.setPipeline(state.reduce);
    pass.setBindGroup(0, state.reduceGroup);
    // One workgroup per column.
    const [x, y] = workgroupGrid(state.columns * 256);
    pass.dispatchWorkgroups(x, y);
    pass.setPipeline(state.compact);
    pass.setBindGroup(0, state.compactGroup);
    pass.dispatchWorkgroups(1);
    pass.end();
  },
  encodeDraw(pass, slot) {
    const state = slot.resident as ResidentLineState | null;
    if (!state?.ready || !state.drawGroup || !state.drawArgs) return 0;
    pass.setBindGroup(0, state.drawGroup);
    pass.drawIndirect(state.drawArgs, 0);
    return 1;
  },
  readbackBuffer(slot) {
    const state = slot.resident as ResidentLineState | null;
    // The points, and in the buffer's last slot their count (as an f32 x).
    return state?.points ? { buffer: state.points, bytes: state.points.size } : null;
  },
  releaseResident(slot, gpu) {
    const state = slot.resident as ResidentLineState | null;
    if (!state) return;
    for (const buffer of [state.reduceParams, state.bounds, state.picks, state.points, state.drawArgs]) gpu.allocations.release(buffer);
    slot.resident = null;
  },
};

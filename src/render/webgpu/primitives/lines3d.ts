import linesWgsl from '../../../../shaders/lines3d.wgsl';
import type { Lines3dLayer } from '../../../core/scene/layers-3d.js';
import type { PrimitiveKind, ResidentSlot } from './primitive-kind.js';
import { layout3d, pipeline3d, storageBuffer, THREE_D, upload, writeRgba, writeViewProj } from './three-kind.js';

/** Layout of `Params` in lines3d.wgsl: 24 × 4 bytes. */
const PARAMS_BYTES = 96;
const paramsData = new ArrayBuffer(PARAMS_BYTES);
const floats = new Float32Array(paramsData);

interface LinesState {
  segments: GPUBuffer | null;
  group: GPUBindGroup | null;
  dataKey: number;
  count: number;
}

/** World-space segments (shaders/lines3d.wgsl), depth-tested without writing depth. */
export const lines3dKind: PrimitiveKind<Lines3dLayer> = {
  ...THREE_D,
  pipeline: 'lines3d',
  paramsBytes: PARAMS_BYTES,
  bindGroupLayout: (context) => layout3d(context, 'lines3d', [GPUShaderStage.VERTEX]),
  createPipeline: (context, layout) =>
    pipeline3d(context, layout, 'lines3d', context.cache.moduleEntry('lines3d.wgsl', context.shaders.lines3d ?? linesWgsl), {
      vertex: 'vs_lines3d',
      fragment: 'fs_lines3d',
      topology: 'triangle-list',
      depthWrite: false,
    }),
  count: (layer) => Math.max(0, Math.min(Math.floor(layer.count), Math.floor(layer.points.length / 6))),
  prepare(gpu, slot, layer, { scene, rect }) {
    const state = (slot.resident ??= { segments: null, group: null, dataKey: -1, count: 0 }) as LinesState;
    const count = lines3dKind.count(layer);
    state.count = count;
    if (count === 0) return;
    const before = state.segments;
    state.segments = storageBuffer(gpu, state.segments, count * 24, 'gpu-charts lines3d');
    if (before !== state.segments || state.dataKey !== layer.dataKey) {
      upload(gpu, state.segments, layer.points, count * 24);
      state.dataKey = layer.dataKey;
    }
    if (before !== state.segments || !state.group) {
      state.group = gpu.device.createBindGroup({
        label: 'gpu-charts lines3d',
        layout: lines3dKind.bindGroupLayout(gpu.context),
        entries: [
          { binding: 0, resource: { buffer: slot.params } },
          { binding: 1, resource: { buffer: state.segments } },
        ],
      });
    }
    floats.fill(0);
    writeViewProj(floats, 0, layer.camera, rect, scene);
    writeRgba(floats, 16, layer.color);
    floats[20] = scene.width;
    floats[21] = scene.height;
    floats[22] = Math.max(0.5, layer.width);
    gpu.device.queue.writeBuffer(slot.params, 0, paramsData, 0, PARAMS_BYTES);
  },
  encodeDraw(pass, slot: ResidentSlot) {
    const state = slot.resident as LinesState | null;
    if (!state?.group || state.count <= 0) return 0;
    pass.setBindGroup(0, state.group);
    pass.draw(6 * state.count, 1);
    return 1;
  },
  releaseResident(slot, gpu) {
    const state = slot.resident as LinesState | null;
    if (!state) return;
    gpu.allocations.release(state.segments);
    slot.resident = null;
  },
};

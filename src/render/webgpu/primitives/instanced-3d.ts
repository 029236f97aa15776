import type { FrameScene, PlotRect } from '../../../core/scene/frame-scene.js';
import type { Bars3dLayer, Points3dLayer } from '../../../core/scene/layers-3d.js';
import type { PipelineKind, PrimitiveKind, ResidentGpu, ResidentSlot, ShaderName } from './primitive-kind.js';
import { layout3d, pickPipeline3d, pipeline3d, storageBuffer, THREE_D, upload } from './three-kind.js';

/** Layout of the params of points3d.wgsl and bars3d.wgsl: a matrix and two vec4f. */
const PARAMS_BYTES = 96;
const paramsData = new ArrayBuffer(PARAMS_BYTES);
const floats = new Float32Array(paramsData);

/** A run of instances that fits one storage binding: its two buffers and bind group. */
interface Chunk {
  data: GPUBuffer;
  colors: GPUBuffer;
  group: GPUBindGroup;
  count: number;
}

interface InstancedState {
  chunks: Chunk[];
  dataKey: number;
  count: number;
  /** Elements drawn this frame (a point cloud's moving LOD draws a prefix of what is uploaded). */
  drawn: number;
  /** Elements written by stale-data uploads into kept buffers so far (tests: an append uploads only its points). */
  uploaded: number;
}

type InstancedLayer = Points3dLayer | Bars3dLayer;

/**
 * What points3d and bars3d share: per instance a vec4f (world position and size or extent) and a
 * packed colour, uploaded once per `dataKey` in chunks of one storage binding each (10M points
 * are 160 MB, past the 128 MiB default binding), drawn `verticesPerInstance` vertices each.
 */
export function instancedKind<L extends InstancedLayer>(spec: {
  name: PipelineKind & ShaderName;
  source: string;
  verticesPerInstance: number;
  writeExtra(floats: Float32Array, layer: L, scene: FrameScene): void;
  writeCamera(floats: Float32Array, layer: L, rect: PlotRect, scene: FrameScene): void;
}): PrimitiveKind<L> {
  const kind: PrimitiveKind<L> = {
    ...THREE_D,
    pipeline: spec.name,
    paramsBytes: PARAMS_BYTES,
    bindGroupLayout: (context) => layout3d(context, spec.name, [GPUShaderStage.VERTEX, GPUShaderStage.VERTEX]),
    createPipeline: (context, layout) =>
      pipeline3d(context, layout, spec.name, context.cache.moduleEntry(`${spec.name}.wgsl`, context.shaders[spec.name] ?? spec.source), {
        vertex: `vs_${spec.name}`,
        fragment: `fs_${spec.name}`,
        topology: 'triangle-list',
        depthWrite: true,
      }),
    count: (layer) => Math.max(0, Math.min(Math.floor(layer.count), layer.data.length >> 2, layer.colors.length)),
    prepare(gpu: ResidentGpu, slot, layer, { scene, rect }) {
      const state = (slot.resident ??= { chunks: [], dataKey: -1, count: 0, drawn: 0, uploaded: 0 }) as InstancedState;
      const count = kind.count(layer);
      // Buffers hold the layer's capacity (a cloud that grows by append keeps its buffers).
      const capacity = Math.max(count, Math.min(layer.data.length >> 2, layer.colors.length));
      const perChunk = Math.max(1, Math.floor(Math.min(gpu.limits.maxStorageBufferBindingSize, gpu.limits.maxBufferSize) / 16));
      const chunkCount = Math.ceil(count / perChunk);
      const stale = state.dataKey !== layer.dataKey || state.count !== count;
      // Appended points only (a points3d append()): the elements before `from` are already there.
      const append = (layer as Partial<Points3dLayer>).appendFrom;
      const appendFrom = append && append.dataKey === state.dataKey && append.from <= state.count ? append.from : 0;
      for (let j = 0; j < chunkCount; j++) {
        const start = j * perChunk;
        const n = Math.min(perChunk, count - start);
        const room = Math.min(perChunk, capacity - start);
        const old = state.chunks[j];
        const data = storageBuffer(gpu, old?.data ?? null, room * 16, `gpu-charts ${spec.name}`);
        const colors = storageBuffer(gpu, old?.colors ?? null, room * 4, `gpu-charts ${spec.name} colours`);
        let chunk = old;
        if (!chunk || chunk.data !== data || chunk.colors !== colors) {
          const group = gpu.device.createBindGroup({
            label: `gpu-charts ${spec.name}`,
            layout: kind.bindGroupLayout(gpu.context),
            entries: [
              { binding: 0, resource: { buffer: slot.params } },
              { binding: 1, resource: { buffer: data } },
              { binding: 2, resource: { buffer: colors } },
            ],
          });
          chunk = state.chunks[j] = { data, colors, group, count: n };
        }
        if (chunk !== old) {
          upload(gpu, data, layer.data.subarray(start * 4, (start + n) * 4), n * 16);
          upload(gpu, colors, layer.colors.subarray(start, start + n), n * 4);
        } else if (stale) {
          // From the first appended element in this chunk (all of it when nothing was appended).
          const first = Math.max(start, appendFrom) - start;
          if (first < n) {
            gpu.device.queue.writeBuffer(data, first * 16, layer.data.buffer, layer.data.byteOffset + (start + first) * 16, (n - first) * 16);
            gpu.device.queue.writeBuffer(colors, first * 4, layer.colors.buffer, layer.colors.byteOffset + (start + first) * 4, (n - first) * 4);
          }
          state.uploaded += n - Math.min(first, n);
        }
        chunk.count = n;
      }
      for (let j = chunkCount; j < state.chunks.length; j++) {
        gpu.allocations.release(state.chunks[j]!.data);
        gpu.allocations.release(state.chunks[j]!.colors);
      }
      state.chunks.length = chunkCount;
      state.dataKey = layer.dataKey;
      state.count = count;
      const drawCount = (layer as Partial<Points3dLayer>).drawCount;
      state.drawn = drawCount === undefined ? count : Math.max(0, Math.min(count, Math.floor(drawCount)));
      floats.fill(0);
      spec.writeCamera(floats, layer, rect, scene);
      spec.writeExtra(floats, layer, scene);
      gpu.device.queue.writeBuffer(slot.params, 0, paramsData, 0, PARAMS_BYTES);
    },
    encodeDraw(pass, slot: ResidentSlot) {
      const state = slot.resident as InstancedState | null;
      if (!state) return 0;
      let calls = 0;
      let left = state.drawn;
      for (const chunk of state.chunks) {
        const n = Math.min(chunk.count, left);
        if (n <= 0) break;
        left -= n;
        pass.setBindGroup(0, chunk.group);
        // One non-instanced draw (the shader splits vertex_index): instancing is slow on SwiftShader.
        pass.draw(spec.verticesPerInstance * n, 1);
        calls++;
      }
      return calls;
    },
    pick: {
      pipeline: (context, layout) =>
        pickPipeline3d(context, layout, spec.name, context.cache.moduleEntry(`${spec.name}.wgsl`, context.shaders[spec.name] ?? spec.source), { vertex: `vs_${spec.name}`, fragment: `fs_${spec.name}_id` }),
      encode(pass, slot, _layer, tag) {
        const state = slot.resident as InstancedState | null;
        if (!state) return;
        let left = state.drawn;
        state.chunks.forEach((chunk, j) => {
          const n = Math.min(chunk.count, left);
          if (n <= 0) return;
          left -= n;
          pass.setBindGroup(0, chunk.group);
          pass.draw(spec.verticesPerInstance * n, 1, 0, (tag << 8) | j);
        });
      },
      element(slot, layer, chunk, local) {
        const state = slot.resident as InstancedState | null;
        let k = local;
        for (let j = 0; j < chunk && state; j++) k += state.chunks[j]?.count ?? 0;
        // A point cloud is uploaded in progressive order: `ids` names the data index.
        const ids = (layer as Partial<Points3dLayer>).ids;
        return ids ? ids[k] ?? -1 : k;
      },
    },
    releaseResident(slot, gpu) {
      const state = slot.resident as InstancedState | null;
      if (!state) return;
      for (const chunk of state.chunks) {
        gpu.allocations.release(chunk.data);
        gpu.allocations.release(chunk.colors);
      }
      slot.resident = null;
    },
  };
  return kind;
}

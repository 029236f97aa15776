import { isGapY, rectCount, RECT_HOOK_INPUT_WORDS, type AreaLayer, type BandLayer, type LineLayer, type LayerShaderHook, type MarkersLayer, type PlotRect, type RectsLayer, type Rgba } from '../../../core/scene/frame-scene.js';
import { HOOK_PARTS } from '../../../custom-shaders/hooks.js';
import type { OwnerAllocations } from '../gpu-allocations.js';

/** Bytes of HookParams in hook-point-input.wgsl: xMap, yMap, color (vec4f each), size (vec2f), count, part. */
const HOOK_PARAMS_BYTES = 64;

interface GroupState {
  params: GPUBuffer;
  /** Binding 1: line distances (f32 per point) or rectangle inputs (RectInput per rectangle). */
  storage: GPUBuffer | null;
  storageBytes: number;
  group: GPUBindGroup | null;
  layout: GPUBindGroupLayout;
  /** Frame number it was last used in (groups unused for a frame are released). */
  frame: number;
}

/**
 * The per-layer group 1 of hooked lines, areas, markers, rectangles and bands: HookParams (the maps
 * from pane pixels back to data, the layer's colour, size and part), written each frame; for lines
 * and areas each point's distance along the line from its first point (device px, gaps add
 * nothing), computed on the CPU over the few thousand points a frame draws after LOD; for
 * rectangles their input rows (RectsLayer.hookInputs). Kept by layer id between frames.
 */
export class HookGroups {
  private readonly states = new Map<string, GroupState>();
  private readonly paramsData = new ArrayBuffer(HOOK_PARAMS_BYTES);
  private readonly floats = new Float32Array(this.paramsData);
  private readonly uints = new Uint32Array(this.paramsData);
  private scratch = new Float32Array(1024);
  private rectScratch = new Float32Array(1024 * RECT_HOOK_INPUT_WORDS);
  private frame = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly allocations: OwnerAllocations,
    private readonly allocate: <T>(bytes: number, create: () => T) => T,
  ) {}

  beginFrame(): void {
    this.frame++;
  }

  /** Group 1 of a hooked line or area layer this frame. */
  points(layer: LineLayer | AreaLayer, hook: LayerShaderHook, rect: PlotRect, layout: GPUBindGroupLayout): GPUBindGroup {
    const state = this.state(layer.id, layout);
    const count = Math.max(0, Math.min(layer.count, layer.points.length >> 1));
    this.writeStorage(state, this.distances(layer.points, count), count * 4, 'gpu-charts hook distances');
    const line = layer.kind === 'line';
    this.writeParams(state, hook, line ? layer.color : layer.fill, rect, count, line ? HOOK_PARTS.PART_LINE : HOOK_PARTS.PART_AREA);
    return this.storageGroup(state, layout);
  }

  /** Group 1 of a hooked rects layer this frame (candles, OHLC bars, volume, histograms). */
  rects(layer: RectsLayer, hook: LayerShaderHook, rect: PlotRect, layout: GPUBindGroupLayout): GPUBindGroup {
    const state = this.state(layer.id, layout);
    const count = rectCount(layer);
    const words = count * RECT_HOOK_INPUT_WORDS;
    const inputs = layer.hookInputs && layer.hookInputs.length >= words ? layer.hookInputs : this.defaultRectInputs(layer, hook, count);
    this.writeStorage(state, inputs, words * 4, 'gpu-charts hook rect inputs');
    this.writeParams(state, hook, [1, 1, 1, 1], rect, count, HOOK_PARTS.PART_BAR);
    return this.storageGroup(state, layout);
  }

  /** Group 1 of a hooked band layer this frame. */
  band(layer: BandLayer, hook: LayerShaderHook, rect: PlotRect, layout: GPUBindGroupLayout): GPUBindGroup {
    const state = this.state(layer.id, layout);
    this.writeParams(state, hook, layer.fill, rect, layer.count, HOOK_PARTS.PART_BAND);
    state.group ??= this.device.createBindGroup({ layout, entries: [{ binding: 0, resource: { buffer: state.params } }] });
    return state.group;
  }

  /** Group 1 of a hooked markers layer this frame. */
  markers(layer: MarkersLayer, hook: LayerShaderHook, rect: PlotRect, layout: GPUBindGroupLayout): GPUBindGroup {
    const state = this.state(layer.id, layout);
    this.writeParams(state, hook, [1, 1, 1, 1], rect, layer.count, HOOK_PARTS.PART_MARKER);
    state.group ??= this.device.createBindGroup({ layout, entries: [{ binding: 0, resource: { buffer: state.params } }] });
    return state.group;
  }

  /** Releases the groups of layers not drawn with a hook this frame. */
  endFrame(): void {
    for (const [id, state] of this.states) {
      if (state.frame === this.frame) continue;
      this.release(state);
      this.states.delete(id);
    }
  }

  releaseAll(): void {
    for (const state of this.states.values()) this.release(state);
    this.states.clear();
  }

  private release(state: GroupState): void {
    this.allocations.release(state.params);
    this.allocations.release(state.storage);
  }

  /** Writes `bytes` of `data` into the state's binding-1 buffer, growing it (and dropping the group) when needed. */
  private writeStorage(state: GroupState, data: Float32Array, bytes: number, label: string): void {
    const needed = Math.max(16, bytes);
    if (!state.storage || state.storageBytes < needed) {
      this.allocations.release(state.storage);
      const size = Math.max(256, 2 ** Math.ceil(Math.log2(needed)));
      state.storage = this.allocate(size, () => this.allocations.createBuffer(this.device, { label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }));
      state.storageBytes = size;
      state.group = null;
    }
    if (bytes > 0) this.device.queue.writeBuffer(state.storage, 0, data.buffer, data.byteOffset, bytes);
  }

  private storageGroup(state: GroupState, layout: GPUBindGroupLayout): GPUBindGroup {
    state.group ??= this.device.createBindGroup({
      layout,
      entries: [
        { binding: 0, resource: { buffer: state.params } },
        { binding: 1, resource: { buffer: state.storage! } },
      ],
    });
    return state.group;
  }

  /**
   * Input rows of rectangles that came without any (RectsLayer.hookInputs): each a bar whose value
   * is at its top edge (read back through the layer's y map), rising, part PART_BAR.
   */
  private defaultRectInputs(layer: RectsLayer, hook: LayerShaderHook, count: number): Float32Array {
    const words = count * RECT_HOOK_INPUT_WORDS;
    if (this.rectScratch.length < words) this.rectScratch = new Float32Array(2 ** Math.ceil(Math.log2(words)));
    const out = this.rectScratch;
    const bits = new Uint32Array(out.buffer);
    const [a, b, log] = hook.yMap;
    for (let i = 0; i < count; i++) {
      const top = Math.min(layer.rects[i * 4 + 1]!, layer.rects[i * 4 + 3]!);
      const v = a * top + b;
      const value = log ? 10 ** v : v;
      const at = i * RECT_HOOK_INPUT_WORDS;
      out.fill(value, at, at + 5);
      out[at + 5] = top;
      bits[at + 6] = i;
      bits[at + 7] = HOOK_PARTS.PART_BAR | (1 << 8);
    }
    return out;
  }

  private state(id: string, layout: GPUBindGroupLayout): GroupState {
    let state = this.states.get(id);
    if (state && state.layout !== layout) {
      this.release(state);
      state = undefined;
    }
    if (!state) {
      const params = this.allocate(HOOK_PARAMS_BYTES, () => this.allocations.createBuffer(this.device, { label: 'gpu-charts hook params', size: HOOK_PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
      state = { params, storage: null, storageBytes: 0, group: null, layout, frame: this.frame };
      this.states.set(id, state);
    }
    state.frame = this.frame;
    return state;
  }

  private writeParams(state: GroupState, hook: LayerShaderHook, color: Rgba, rect: PlotRect, count: number, part: number): void {
    const f = this.floats;
    f.fill(0);
    f[0] = hook.xMap[0];
    f[1] = hook.xMap[1];
    f[2] = hook.xMap[2];
    f[4] = hook.yMap[0];
    f[5] = hook.yMap[1];
    f[6] = hook.yMap[2];
    f[8] = color[0];
    f[9] = color[1];
    f[10] = color[2];
    f[11] = color[3];
    f[12] = rect.width;
    f[13] = rect.height;
    this.uints[14] = Math.max(0, Math.floor(count));
    this.uints[15] = part;
    this.device.queue.writeBuffer(state.params, 0, this.paramsData);
  }

  /** Distance along the polyline at each point (device px); a segment touching a gap adds nothing. */
  private distances(points: Float32Array, count: number): Float32Array {
    if (this.scratch.length < count) this.scratch = new Float32Array(2 ** Math.ceil(Math.log2(count)));
    const out = this.scratch;
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        const ax = points[2 * i - 2]!;
        const ay = points[2 * i - 1]!;
        const bx = points[2 * i]!;
        const by = points[2 * i + 1]!;
        if (!isGapY(ay) && !isGapY(by)) total += Math.hypot(bx - ax, by - ay);
      }
      out[i] = total;
    }
    return out;
  }
}

import type { FrameScene, PlotRect, SceneLayer } from '../../../core/scene/frame-scene.js';
import type { PipelineCache } from '../pipeline-cache.js';
import type { RendererLimits } from '../limits.js';
import type { OwnerAllocations } from '../gpu-allocations.js';

/** The render pipelines; independent segments (grid lines) use the line pipeline. */
export type PipelineKind = 'line' | 'area' | 'rects' | 'grid' | 'markers' | 'band' | 'density' | 'cluster' | 'resident-line' | 'surface3d' | 'points3d' | 'bars3d' | 'lines3d';

/** Shader sources a renderer may replace (tests: a broken shader). */
export type ShaderName = 'primitives' | 'rects' | 'grid' | 'markers' | 'density' | 'cluster' | 'surface3d' | 'points3d' | 'bars3d' | 'lines3d';

/** What a kind needs to build its pipeline; one per renderer. */
export interface PipelineContext {
  device: GPUDevice;
  cache: PipelineCache;
  format: GPUTextureFormat;
  sampleCount: number;
  shaders: Partial<Record<ShaderName, string>>;
}

/** A pipeline and the promise of its check (see PipelineCache.checkedPipeline). */
export interface CheckedPipeline {
  pipeline: GPURenderPipeline;
  /** The compute pipeline of a kind with `compute` (its check is part of `check`). */
  compute?: GPUComputePipeline;
  check: Promise<{ error: string | null; diagnostics: import('../pipeline-cache.js').ShaderDiagnostic[] }>;
}

/** The scissor rectangle of a layer, whole pixels, inside the target. */
export interface Scissor {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where one layer is drawn this frame. */
export interface LayerFrame {
  scene: FrameScene;
  /** The layer's pane (or the plot), unrounded. */
  rect: PlotRect;
  scissor: Scissor;
}

/** The params uniform being written: one scratch buffer, zeroed before each layer. */
export interface ParamsWriter {
  floats: Float32Array;
  uints: Uint32Array;
}

/** What a kind's own resources (textures) are created with: one per renderer. */
export interface ResourceContext {
  device: GPUDevice;
  allocations: OwnerAllocations;
  /** Runs an allocation inside the frame's error scopes and the memory budget (the renderer's). */
  allocate: <T>(bytes: number, create: () => T) => T;
  limits: RendererLimits;
}

/**
 * Resources a kind keeps per layer slot besides the params uniform and the storage buffers (a
 * heatmap's value and colormap textures), bound after them in the kind's bind group.
 */
export interface KindResources<L extends SceneLayer = SceneLayer> {
  /**
   * Brings the resources up to date for this frame's layer (uploading only what changed). Returns
   * true when the bind group entries changed (the renderer rebinds), false when they did not,
   * null when the layer cannot be drawn (nothing is drawn for it this frame).
   */
  update(layer: L): boolean | null;
  /** The extra bind group entries (bindings after the storage buffers). */
  entries(): GPUBindGroupEntry[];
  /** Gives every resource back. */
  release(): void;
}

/**
 * One kind of primitive the WebGPU renderer draws: everything the generic, chunked buffer path
 * (layer-buffers.ts) needs to know about it. A layer's elements (points, rectangles, …) are
 * uploaded into one or more storage buffers per chunk, each chunk small enough for one storage
 * binding, with one bind group (params uniform at binding 0, the storage buffers at 1, 2, …) and
 * one draw call.
 *
 * Methods (not function properties) on purpose: their parameters are bivariant, so a kind of
 * `LineLayer` sits in a table of kinds of `SceneLayer`.
 */
export interface PrimitiveKind<L extends SceneLayer = SceneLayer> {
  /** The pipeline it draws with; several kinds may share one (line and segments). */
  readonly pipeline: PipelineKind;
  /** Bytes of one element in each storage buffer of a chunk (rects: corners, then colours). */
  readonly bytesPerElement: readonly number[];
  /** Labels of those buffers (debugging tools show them). */
  readonly bufferLabels: readonly string[];
  /** Elements a lone chunk holds at first; it then grows by doubling. */
  readonly minCapacity: number;
  /** Elements consecutive chunks share: 1 for polylines (so that their segments join), else 0. */
  readonly overlap: 0 | 1;
  /** Bytes of the params uniform. */
  readonly paramsBytes: number;
  /**
   * Optional: drawn with depth testing (3D kinds). The renderer draws such layers in a second
   * render pass with a depth attachment (three-kind.ts DEPTH_FORMAT), after the flat layers.
   */
  readonly depth?: boolean;
  /** Elements per chunk under these limits (at most one storage binding's worth). */
  elementsPerChunk(limits: RendererLimits): number;
  bindGroupLayout(context: PipelineContext): GPUBindGroupLayout;
  /** Builds (or finds in the cache) the pipeline; only called once per renderer and pipeline kind. */
  createPipeline(context: PipelineContext, layout: GPUBindGroupLayout): CheckedPipeline;
  /** Elements the layer draws. */
  count(layer: L): number;
  /** The layer's data for storage buffer `buffer`: element i starts at i × bytesPerElement[buffer]. */
  source(layer: L, buffer: number): ArrayBufferView;
  writeParams(params: ParamsWriter, layer: L, frame: LayerFrame): void;
  /** Vertices one draw of a chunk of `elements` elements takes (≤ 0: nothing to draw). */
  vertexCount(elements: number): number;
  /** Instances of that draw (1 without instancing). */
  instanceCount(elements: number): number;
  /**
   * Optional: per-slot resources bound besides params and storage buffers (textures). Kinds
   * without them (every kind but `grid`) leave this out and take the generic path unchanged.
   */
  createResources?(context: ResourceContext): KindResources<L>;
  /**
   * Optional: what identifies the layer's storage data (markers: its `dataKey`). While a layer
   * slot's key and element count stay the same, layer-buffers.ts skips the storage writes and
   * only writes the params (a pan or zoom of a million markers uploads 64 bytes). Kinds without
   * it upload every frame. undefined: upload.
   */
  uploadKey?(layer: L): unknown;
  /**
   * Optional: the kind runs a compute pass before the render pass (markers: one invocation per
   * marker, splatting into a per-pane pixel buffer that one triangle then composites). Such a
   * kind's bind groups hold, after its storage buffers, a buffer of `pixelBytes` per pixel of the
   * layer's scissor rectangle, cleared every frame; each chunk's storage binding is exactly its
   * elements (arrayLength in the shader); only the first chunk draws (`vertexCount`), every chunk
   * is dispatched (`workgroupSize` invocations per workgroup).
   */
  readonly compute?: { readonly pixelBytes: number; readonly workgroupSize: number };

  // --- Optional: kinds with GPU-resident data and compute passes (density maps, clusters) ---
  // A kind that has `prepare` skips the chunk upload above: its data stays on the GPU between
  // frames (ResidentPoints, uploaded once per data version) and `prepare` only writes what the
  // frame changes (params, cell buffers when the pane grows). Every buffer it creates goes through
  // `gpu.allocate` (the memory budget and the frame's error scopes) and the allocation ledger.

  /** Replaces the chunk upload: readies the slot's resident state for this frame. */
  prepare?(gpu: ResidentGpu, slot: ResidentSlot, layer: L, frame: LayerFrame): void;
  /** Encodes the layer's compute passes; called for every such layer before the render pass. */
  encodeCompute?(encoder: GPUCommandEncoder, slot: ResidentSlot, layer: L, frame: LayerFrame): void;
  /** Draws the layer in the render pass (pipeline already set); returns the draw calls made. */
  encodeDraw?(pass: GPURenderPassEncoder, slot: ResidentSlot, layer: L): number;
  /** A buffer tests and overlays may read back (the cell counts), or null. */
  readbackBuffer?(slot: ResidentSlot): { buffer: GPUBuffer; bytes: number } | null;
  /** Releases what `prepare` created (the slot is dropped after). */
  releaseResident?(slot: ResidentSlot, gpu: ResidentGpu): void;
  /** Optional (3D kinds): GPU picking, an id pass of the last frame's layers (render/webgpu/pick-3d.ts). */
  readonly pick?: PickKind<L>;
}

/**
 * How a kind draws its elements' ids for GPU picking: the same vertices as its picture, depth
 * tested, into an rg32uint target where each fragment writes (first instance, element index in
 * its draw). The first instance carries `(tag << 8) | chunk` (tag: the layer's place in the
 * scene + 1), so one read pixel names the layer, the chunk and the element.
 */
export interface PickKind<L extends SceneLayer = SceneLayer> {
  /** The id pipeline (same bind group layout as the kind's picture pipeline). */
  pipeline(context: PipelineContext, layout: GPUBindGroupLayout): GPURenderPipeline;
  /** Encodes the id draws of the layer as the last frame drew it (its bind groups and params). */
  encode(pass: GPURenderPassEncoder, slot: ResidentSlot, layer: L, tag: number): void;
  /** The layer's element (its data index) of a read pixel: the chunk and the index in its draw. */
  element(slot: ResidentSlot, layer: L, chunk: number, local: number): number;
}

/** What `prepare` works with: the renderer's device, budgeted allocation and resident points. */
export interface ResidentGpu {
  device: GPUDevice;
  allocations: import('../gpu-allocations.js').OwnerAllocations;
  /** Runs an allocation inside the frame's error scopes and the memory budget. */
  allocate: <T>(bytes: number, create: () => T) => T;
  points: import('../resident-points.js').ResidentPoints;
  /** Value columns kept on the GPU (GPU level of detail). */
  columns: import('../resident-columns.js').ResidentColumns;
  context: PipelineContext;
  limits: RendererLimits;
}

/** A layer slot of a resident kind: its params uniform and whatever the kind keeps. */
export interface ResidentSlot {
  params: GPUBuffer;
  /** The kind's own state (buffers, bind groups), created by `prepare`. */
  resident: unknown;
}

/** The depth attachment's format (the renderer's depth pass and every 3D pipeline). */
export const DEPTH_FORMAT: GPUTextureFormat = 'depth24plus';

/** The 3D pick target: (layer, element) ids per pixel (pick-3d.ts; here so the renderer needs no 3D kind). */
export const PICK_FORMAT: GPUTextureFormat = 'rg32uint';

/** The premultiplied blend every kind shares. */
export const PREMULTIPLIED_BLEND: GPUBlendState = {
  color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
  alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
};

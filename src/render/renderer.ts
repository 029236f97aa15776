import type { FrameScene } from '../core/scene/frame-scene.js';

export type RendererKind = 'webgpu' | 'canvas2d';

/** Pixels read back from a rendered frame, RGBA8, rows top to bottom. */
export interface FramePixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** What one frame cost, measured. */
export interface RenderStats {
  /** CPU time spent encoding and submitting, ms. */
  cpuMs: number;
  /** Vertices (points) sent to the rasterizer. */
  pointsDrawn: number;
  /**
   * GPU time of the frame in ms, from timestamp queries, resolved once read back; null when the
   * device has no timestamp queries (or a measurement is already in flight). Absent: not measured.
   */
  gpuMs?: Promise<number | null>;
}

/**
 * One interface, two implementations (WebGPU, Canvas2D) fed the same FrameScene, so that the
 * chart core never knows which one draws.
 */
export interface Renderer {
  readonly kind: RendererKind;
  /** Draws a frame. Synchronous: a WebGPU frame is encoded and submitted in the same task. */
  render(scene: FrameScene): RenderStats;
  /** Draws the scene and reads its pixels back (tests, image export). */
  capture(scene: FrameScene): Promise<FramePixels>;
  /** MSAA samples per pixel of its frames (Canvas2D: 1, it antialiases analytically). */
  readonly sampleCount: 1 | 4;
  /**
   * Kinds of drawing found unusable (WebGPU: pipelines whose shader failed; their layers are
   * skipped). Empty when everything draws; Canvas2D: always empty.
   */
  readonly failedKinds: ReadonlySet<string>;
  /** Bytes of GPU (or canvas) memory this renderer holds. */
  readonly memoryBytes: number;
  /** Releases every resource. The renderer is unusable afterwards. */
  dispose(): void;
  /**
   * The cell buffer of the last frame's density or cluster layer `id` (density: counts then the
   * maximum; clusters: five u32 per cell, see CLUSTER_WORDS), or null. WebGPU reads it back
   * asynchronously; Canvas2D computes it on the CPU. Cluster count labels come from it.
   */
  readLayer?(id: string): Promise<Uint32Array | null>;
}

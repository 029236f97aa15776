/** One backend's frame costs over the latest measured window (ms). */
export interface RendererMeasurementDetail {
  p50: number;
  p95: number;
  samples: number;
}

/**
 * `renderer="auto"` chose the backend that draws this chart, or changed it; says why and on what
 * evidence. Not fired when the renderer is pinned (`renderer="webgpu"` / `"canvas2d"`), nor for
 * failures (those are `gpu-fallback` / `gpu-recovery`).
 */
export interface GpuRendererChangeDetail {
  /** The backend drawing from now on. */
  renderer: 'webgpu' | 'canvas2d';
  /** The backend before (null for the first choice). */
  previous: 'webgpu' | 'canvas2d' | null;
  /**
   * `adapter`: the first choice, from the adapter (software → Canvas2D); `trial`: the current
   * backend measured slow, the other is being tried; `measured`: the measured faster backend
   * (kept after a trial, or returned to); `reverted`: a trial was not faster, back to the one before.
   */
  cause: 'adapter' | 'trial' | 'measured' | 'reverted';
  reason: string;
  /** The adapter rasterizes on the CPU (SwiftShader, llvmpipe, WARP, or `isFallbackAdapter`). */
  softwareAdapter: boolean;
  /** The adapter WebGPU offers (null: none). */
  adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean } | null;
  /** The latest window of frame costs per backend since conditions (data size, device) last changed. */
  measurements: { webgpu?: RendererMeasurementDetail; canvas2d?: RendererMeasurementDetail };
}

/** `gpu-renderer-change` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuRendererChangeEvent extends Event {
  static readonly type = 'gpu-renderer-change';
  readonly detail: Readonly<GpuRendererChangeDetail>;

  constructor(detail: GpuRendererChangeDetail) {
    super('gpu-renderer-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-renderer-change': GpuRendererChangeEvent;
  }
}

/** WebGPU is unavailable for this chart; says why and what happens instead. */
export interface GpuFallbackDetail {
  /** Why WebGPU is not drawing this chart. */
  reason: 'no-webgpu' | 'no-adapter' | 'device-failed' | 'device-lost' | 'pipeline-failed' | 'circuit-open' | 'out-of-memory' | 'requested';
  message: string;
  /**
   * What draws instead: 'canvas2d' (the fallback renderer), 'none' (a message in the chart's box,
   * when `renderer="webgpu"` forbids the fallback), or 'webgpu' when only some pipelines failed:
   * WebGPU keeps drawing the chart without the layers named in `layers`.
   */
  renderer: 'canvas2d' | 'none' | 'webgpu';
  /** The pipelines that failed (`line`, `area`, `rects`), for reason `pipeline-failed` (and `circuit-open` when pipelines opened it). */
  layers?: ('line' | 'area' | 'rects' | 'grid' | 'markers' | 'band' | 'density' | 'cluster' | 'resident-line' | 'surface3d' | 'points3d' | 'bars3d' | 'lines3d')[];
  /** Shader compiler messages behind a pipeline failure: shader, line and column (1-based), message. */
  diagnostics?: { shader: string; type: 'error' | 'warning' | 'info'; message: string; line: number; column: number }[];
}

/** `gpu-fallback` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuFallbackEvent extends Event {
  static readonly type = 'gpu-fallback';
  readonly detail: Readonly<GpuFallbackDetail>;

  constructor(detail: GpuFallbackDetail) {
    super('gpu-fallback', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-fallback': GpuFallbackEvent;
  }
}

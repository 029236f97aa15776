/** WebGPU is unavailable for this chart; says why and what happens instead. */
export interface GpuFallbackDetail {
  /** Why WebGPU is not drawing this chart. */
  reason: 'no-webgpu' | 'no-adapter' | 'device-failed' | 'device-lost' | 'pipeline-failed' | 'circuit-open' | 'requested';
  message: string;
  /** What draws instead: 'canvas2d' (the fallback renderer), or 'none' (a message in the chart's box, when `renderer="webgpu"` forbids the fallback). */
  renderer: 'canvas2d' | 'none';
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

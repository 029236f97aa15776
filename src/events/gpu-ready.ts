/** The chart has a renderer and has drawn (or is about to draw) its first frame. */
export interface GpuReadyDetail {
  /** Which renderer draws the chart. */
  renderer: 'webgpu' | 'canvas2d';
  /** The GPU adapter, when the browser tells. */
  adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean } | null;
}

/** `gpu-ready` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuReadyEvent extends Event {
  static readonly type = 'gpu-ready';
  readonly detail: Readonly<GpuReadyDetail>;

  constructor(detail: GpuReadyDetail) {
    super('gpu-ready', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-ready': GpuReadyEvent;
  }
}

/** The visible window changed (zoom, pan, reset, API call, or a live stream moving it). */
export interface GpuViewportChangeDetail {
  /** Visible time window, epoch ms. */
  start: number;
  end: number;
  /** Visible value range. */
  yMin: number;
  yMax: number;
  /** Whether y follows the visible data. */
  autoY: boolean;
  /** What moved it; `sync`: another chart of the same `sync-group`. */
  source: 'zoom' | 'pan' | 'reset' | 'api' | 'data' | 'box' | 'sync';
}

/** `gpu-viewport-change` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuViewportChangeEvent extends Event {
  static readonly type = 'gpu-viewport-change';
  readonly detail: Readonly<GpuViewportChangeDetail>;

  constructor(detail: GpuViewportChangeDetail) {
    super('gpu-viewport-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-viewport-change': GpuViewportChangeEvent;
  }
}

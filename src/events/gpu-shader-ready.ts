import type { HookName } from '../custom-shaders/index.js';

export interface GpuShaderReadyDetail {
  id: string;
  for: string;
  hook: HookName;
  /** The layer kinds it now colours with a compiled pipeline (e.g. ['line'], ['area', 'line'], ['markers']; ['rects'] for candles, OHLC, volume and bar series; ['band'] for bands). */
  kinds: string[];
}

/**
 * `gpu-shader-ready` — a custom WGSL hook compiled and is drawn from the next frame on (once per
 * compiled source and layer kind). Fired like gpu-shader-error; bubbles and is composed.
 */
export class GpuShaderReadyEvent extends Event {
  static readonly type = 'gpu-shader-ready';
  readonly detail: Readonly<GpuShaderReadyDetail>;

  constructor(detail: GpuShaderReadyDetail) {
    super('gpu-shader-ready', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-shader-ready': GpuShaderReadyEvent;
  }
}

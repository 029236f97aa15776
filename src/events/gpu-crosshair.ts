/** The pointer moved over the plot: the data under it, snapped to the nearest point in time. */
export interface GpuCrosshairDetail {
  /** Time of the data point under the pointer (epoch ms), or null when the pointer left the plot. */
  time: number | null;
  /** Each visible series' value at that time (NaN inside a gap). */
  values: { id: string; name: string; value: number; index: number }[];
}

/** `gpu-crosshair` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuCrosshairEvent extends Event {
  static readonly type = 'gpu-crosshair';
  readonly detail: Readonly<GpuCrosshairDetail>;

  constructor(detail: GpuCrosshairDetail) {
    super('gpu-crosshair', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-crosshair': GpuCrosshairEvent;
  }
}

/** Drawing mode started (`kind`: what the next press draws) or ended (`kind` null). */
export interface GpuDrawingModeDetail {
  kind: string | null;
}

/**
 * `gpu-drawing-mode` — `chart.startDrawing(kind)` entered drawing mode, or it ended (a drawing was
 * placed, `stopDrawing()`, Escape). Toolbars follow it. Bubbles and is composed.
 */
export class GpuDrawingModeEvent extends Event {
  static readonly type = 'gpu-drawing-mode';
  readonly detail: Readonly<GpuDrawingModeDetail>;

  constructor(detail: GpuDrawingModeDetail) {
    super('gpu-drawing-mode', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-drawing-mode': GpuDrawingModeEvent;
  }
}

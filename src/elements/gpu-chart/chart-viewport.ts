import type { ChartModel, CrosshairInfo } from '../../core/chart-model.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import { GpuCrosshairEvent } from '../../events/gpu-crosshair.js';
import { GpuViewportChangeEvent } from '../../events/gpu-viewport-change.js';
import type { ChartOverlay } from './chart-overlay.js';
import { ChartSync, type SyncMember } from './chart-sync.js';

/** What the viewport needs from its chart. */
export interface ViewportHost extends EventTarget, SyncMember {
  /** Draws again. */
  invalidate(): void;
}

export interface ChartViewportState {
  start: number;
  end: number;
  yMin: number;
  yMax: number;
  autoY: boolean;
}

/**
 * The visible window and the crosshair as the page and the sync group see them: the viewport
 * API (reset, set, get), `gpu-viewport-change` and `gpu-crosshair` for every change, and the same
 * changes sent to (and received from) the other charts of the `sync-group`. The element delegates
 * here so that one place decides what a change reports and where it goes.
 */
export class ChartViewport {
  /** This chart's membership of its `sync-group`. */
  private readonly sync: ChartSync;

  constructor(
    private readonly host: ViewportHost,
    private readonly model: ChartModel,
    /** Does pending configuration work, so that what the viewport says is in effect. */
    private readonly flush: () => void,
    /** Shows a crosshair another chart of the group placed. */
    private readonly overlay: ChartOverlay,
  ) {
    this.sync = new ChartSync(host);
  }

  join(group: string | null): void {
    this.sync.join(group);
  }

  leave(): void {
    this.sync.leave();
  }

  /** Shows all data again, with y following it. */
  reset(): void {
    this.model.viewport.reset();
    this.changed('reset');
  }

  /** Shows the window [start, end]; optionally a fixed y range. */
  set(start: number, end: number, yMin?: number, yMax?: number): void {
    this.model.viewport.setX(start, end);
    if (yMin !== undefined && yMax !== undefined) this.model.viewport.setY(yMin, yMax);
    this.changed('api');
  }

  get(): ChartViewportState {
    this.flush();
    const { start, end, autoY } = this.model.viewport;
    const [yMin, yMax] = this.model.yRange();
    return { start, end, yMin, yMax, autoY };
  }

  /** The window moved: redraw (unless `render` is false), tell the page, and move the group with it. */
  changed(source: ViewportChangeSource, render = true): void {
    if (render) this.host.invalidate();
    const { start, end, yMin, yMax, autoY } = this.get();
    this.host.dispatchEvent(new GpuViewportChangeEvent({ start, end, yMin, yMax, autoY, source }));
    // Streaming moves each chart's own window; everything else moves the whole group.
    if (source !== 'data') this.sync.viewportChanged(start, end);
  }

  /** The point under the pointer changed (null: it left): tell the page and the group. */
  crosshairMoved(info: CrosshairInfo | null): void {
    this.sync.crosshairMoved(info?.time ?? null);
    this.host.dispatchEvent(new GpuCrosshairEvent(info ? { time: info.time, values: info.values.map(({ id, name, value, index }) => ({ id, name, value, index })) } : { time: null, values: [] }));
  }

  /** Another chart of the group moved its window. */
  receiveWindow(start: number, end: number): void {
    this.sync.receive(() => {
      this.model.viewport.setX(start, end);
      this.changed('sync');
    });
  }

  /** Another chart of the group moved its crosshair (null: its pointer left). */
  receiveCrosshair(time: number | null): void {
    this.sync.receive(() => {
      const plot = this.model.plotCss();
      const x = time === null ? NaN : this.model.xOf(time);
      if (!(x >= plot.x && x <= plot.x + plot.width)) this.overlay.pointerLeft();
      else this.overlay.pointerAt(x, plot.y + 1, true);
    });
  }
}

import type { ReactiveControllerHost } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import { MAIN_PANE } from '../../core/panes.js';
import { ListenerSet, on } from './listener-set.js';

/** What the interaction controller needs from its chart element. */
export interface InteractionHost extends ReactiveControllerHost {
  readonly model: ChartModel;
  readonly interactionTarget: HTMLElement | null;
  /** Feature flags: zoom and pan can be switched off by configuration. */
  readonly interactionFeatures: { zoom: boolean; pan: boolean };
  viewportChanged(source: ViewportChangeSource): void;
  pointerAt(cssX: number, cssY: number): void;
  pointerLeft(): void;
  showZoomBox(box: { x: number; y: number; width: number; height: number } | null): void;
}

const WHEEL_ZOOM_PER_PIXEL = 0.0015;
const KEY_ZOOM = 0.8;
const KEY_PAN = 0.1;

/**
 * Turns wheel, pointer (mouse, pen, touch, pinch), keyboard and double-click input into viewport
 * changes. Listeners live exactly as long as the element is connected (a ListenerSet).
 */
export class ChartInteraction {
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private drag: { kind: 'pan' | 'box'; x: number; y: number; start: number; end: number; yMin: number; yMax: number } | null = null;
  private pinch: { distance: number; start: number; end: number; anchor: number } | null = null;
  private readonly listeners: ListenerSet;

  constructor(private readonly host: InteractionHost) {
    // Attached once the target exists (after the first render), removed on disconnect.
    this.listeners = new ListenerSet(
      host,
      () => host.interactionTarget,
      [
        on('wheel', this.onWheel, { passive: false }),
        on('pointerdown', this.onPointerDown),
        on('pointermove', this.onPointerMove),
        on('pointerup', this.onPointerUp),
        on('pointercancel', this.onPointerUp),
        on('pointerleave', this.onPointerLeave),
        on('dblclick', this.onDoubleClick),
        on('keydown', this.onKeyDown),
      ],
      () => {
        this.pointers.clear();
        this.drag = null;
        this.pinch = null;
      },
    );
  }

  private get target(): HTMLElement | null {
    return this.listeners.current;
  }

  private local(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const rect = this.target!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private readonly onWheel = (event: WheelEvent): void => {
    const features = this.host.interactionFeatures;
    if (!this.host.model.data || (!features.zoom && !features.pan)) return;
    event.preventDefault();
    const { x } = this.local(event);
    const viewport = this.host.model.viewport;
    const lineScale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const dx = event.deltaX * lineScale;
    const dy = event.deltaY * lineScale;
    if (Math.abs(dx) > Math.abs(dy) && !event.ctrlKey) {
      if (!features.pan) return;
      viewport.panX(dx / Math.max(1, this.host.model.chartSize.width));
      this.host.viewportChanged('pan');
      return;
    }
    if (!features.zoom) return;
    // Trackpad pinches arrive as ctrl+wheel with small deltas: same zoom, a little stronger.
    const factor = Math.exp(dy * WHEEL_ZOOM_PER_PIXEL * (event.ctrlKey ? 4 : 1));
    viewport.zoomX(factor, this.host.model.timeAt(x).fraction);
    this.host.viewportChanged('zoom');
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || !this.host.model.data) return;
    this.target!.focus({ preventScroll: true });
    try {
      this.target!.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events (tests, automation) have no active pointer to capture; dragging still works.
    }
    const point = this.local(event);
    this.pointers.set(event.pointerId, point);
    const viewport = this.host.model.viewport;
    if (this.pointers.size === 2 && this.host.interactionFeatures.zoom) {
      const [a, b] = [...this.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      this.drag = null;
      this.host.showZoomBox(null);
      this.pinch = { distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), start: viewport.start, end: viewport.end, anchor: this.host.model.timeAt((a.x + b.x) / 2).fraction };
      return;
    }
    const [yMin, yMax] = this.host.model.yRange();
    const features = this.host.interactionFeatures;
    if (event.shiftKey ? !features.zoom : !features.pan) return;
    this.drag = { kind: event.shiftKey ? 'box' : 'pan', x: point.x, y: point.y, start: viewport.start, end: viewport.end, yMin, yMax };
    if (this.drag.kind === 'pan') this.target!.classList.add('panning');
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const point = this.local(event);
    if (this.pointers.has(event.pointerId)) this.pointers.set(event.pointerId, point);
    const model = this.host.model;
    const viewport = model.viewport;
    if (this.pinch && this.pointers.size >= 2) {
      const [a, b] = [...this.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const distance = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
      viewport.setX(this.pinch.start, this.pinch.end);
      viewport.zoomX(this.pinch.distance / distance, this.pinch.anchor);
      this.host.viewportChanged('zoom');
      return;
    }
    const drag = this.drag;
    if (drag?.kind === 'pan') {
      const plotWidth = Math.max(1, model.plotCss().width);
      // From the window at the drag's start, by the fraction dragged (multiplicative on a log x).
      viewport.setX(drag.start, drag.end);
      viewport.panX(-(point.x - drag.x) / plotWidth);
      if (!viewport.autoY) {
        const dv = model.valueAt(drag.y) - model.valueAt(point.y);
        viewport.setY(viewport.yMin + dv, viewport.yMax + dv);
        drag.y = point.y;
      }
      this.host.viewportChanged('pan');
      return;
    }
    if (drag?.kind === 'box') {
      this.host.showZoomBox({ x: Math.min(drag.x, point.x), y: Math.min(drag.y, point.y), width: Math.abs(point.x - drag.x), height: Math.abs(point.y - drag.y) });
      return;
    }
    this.host.pointerAt(point.x, point.y);
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const point = this.local(event);
    this.pointers.delete(event.pointerId);
    this.target?.classList.remove('panning');
    if (this.pointers.size < 2) this.pinch = null;
    const drag = this.drag;
    this.drag = null;
    if (drag?.kind !== 'box') return;
    this.host.showZoomBox(null);
    // A box narrower than a few pixels is a click, not a zoom.
    if (Math.abs(point.x - drag.x) < 4) return;
    const model = this.host.model;
    const a = model.timeAt(Math.min(drag.x, point.x)).time;
    const b = model.timeAt(Math.max(drag.x, point.x)).time;
    // The box sets the main pane's value ranges, every axis of it, only when drawn in it (indicator
    // panes autoscale). Read off the scales as drawn, before the new x window rescales them.
    const ranges: [string | null, number, number][] = [];
    if (Math.abs(point.y - drag.y) >= 4 && model.paneAt(drag.y)?.id === MAIN_PANE && model.paneAt(point.y)?.id === MAIN_PANE) {
      const [low, high] = [Math.max(drag.y, point.y), Math.min(drag.y, point.y)];
      ranges.push([null, model.valueAt(low), model.valueAt(high)]);
      for (const axis of model.yAxes) ranges.push([axis.id, model.valueAt(low, axis.id), model.valueAt(high, axis.id)]);
    }
    model.viewport.setX(a, b);
    for (const [id, v1, v2] of ranges) {
      if (id === null) model.viewport.setY(Math.min(v1, v2), Math.max(v1, v2));
      else model.viewport.setAxisY(id, Math.min(v1, v2), Math.max(v1, v2));
    }
    this.host.viewportChanged('box');
  };

  private readonly onPointerLeave = (): void => {
    if (!this.drag) this.host.pointerLeft();
  };

  private readonly onDoubleClick = (): void => {
    this.host.model.viewport.reset();
    this.host.viewportChanged('reset');
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const viewport = this.host.model.viewport;
    const features = this.host.interactionFeatures;
    let source: ViewportChangeSource | null = null;
    switch (event.key) {
      case '+':
      case '=':
        viewport.zoomX(KEY_ZOOM);
        source = 'zoom';
        break;
      case '-':
      case '_':
        viewport.zoomX(1 / KEY_ZOOM);
        source = 'zoom';
        break;
      case 'ArrowLeft':
        viewport.panX(-KEY_PAN);
        source = 'pan';
        break;
      case 'ArrowRight':
        viewport.panX(KEY_PAN);
        source = 'pan';
        break;
      case 'ArrowUp':
        viewport.zoomX(KEY_ZOOM);
        source = 'zoom';
        break;
      case 'ArrowDown':
        viewport.zoomX(1 / KEY_ZOOM);
        source = 'zoom';
        break;
      case 'Home':
      case '0':
      case 'Escape':
        viewport.reset();
        source = 'reset';
        break;
    }
    if (source === 'zoom' && !features.zoom) return;
    if (source === 'pan' && !features.pan) return;
    if (source) {
      event.preventDefault();
      this.host.viewportChanged(source);
    }
  };
}

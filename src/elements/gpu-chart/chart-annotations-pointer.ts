// Pointer helpers of the annotation editor (lazy chunk): where a pointer is in device px and in
// data, snapping to bars, and taking an event away from panning.
import { pointAt } from '../../annotations/edit.js';
import type { PaneView } from '../../annotations/pane-view.js';
import { snapToBar, type SnapData } from '../../annotations/snapping.js';
import type { AnnotationCore } from './chart-annotations-context.js';

/** Canvas device px of a pointer event. */
export function devicePoint(core: AnnotationCore, event: { clientX: number; clientY: number }): { x: number; y: number } {
  const rect = core.target!.getBoundingClientRect();
  const ratio = core.model.chartSize.pixelRatio;
  return { x: (event.clientX - rect.left) * ratio, y: (event.clientY - rect.top) * ratio };
}

/** Alt or Ctrl/⌘ held: snap to the bars. */
export function wantsSnap(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.altKey || event.ctrlKey || event.metaKey;
}

/** Pointer → data point in a pane; snapped to the nearest bar's open/high/low/close when `snap` (main pane). */
export function dataPoint(core: AnnotationCore, view: PaneView, x: number, y: number, snap: boolean): { time: number; price: number } {
  const px = x - view.rect.x;
  const py = y - view.rect.y;
  const point = pointAt(view, px, py);
  if (!snap) return point;
  const data = snapData(core, view);
  if (!data) return point;
  const snapped = snapToBar(data, point.time, py, (v) => view.y.toPixel(v));
  return snapped ? { time: snapped.time, price: snapped.price } : point;
}

function snapData(core: AnnotationCore, view: PaneView): SnapData | null {
  const store = core.model.data;
  if (!store || store.length === 0) return null;
  // Indicator panes: no snapping, the value stays where the pointer is.
  if (view.id !== core.views[0]?.id) return null;
  const ohlc = ['open', 'high', 'low', 'close'].filter((name) => store.hasColumn(name));
  const names = ohlc.length > 0 ? ohlc : store.columnNames.filter((name) => name !== 'volume');
  return { time: store.time, length: store.length, columns: names.map((name) => store.column(name)) };
}

/** The event is the editor's: no pan, zoom or key handling by the chart; a press captures the pointer. */
export function consume(core: AnnotationCore, event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
  if (event instanceof PointerEvent && event.type === 'pointerdown') {
    core.target?.focus({ preventScroll: true });
    try {
      core.target?.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture.
    }
  }
}

/** The `pane` value that names a view back (main, or the indicator pane's name). */
export function paneNameOf(view: PaneView, views: readonly PaneView[]): string {
  if (view === views[0]) return 'main';
  if (view.id.startsWith('pane:')) return view.id.slice(5);
  return view.id;
}

import { movePoint } from '../../annotations/edit.js';
import { paneAtPoint, type PaneView } from '../../annotations/pane-view.js';
import { validateAnnotation } from '../../annotations/validate.js';
import { pointCount, type Annotation } from '../../annotations/types.js';
import type { AnnotationCore } from './chart-annotations-context.js';
import { consume, dataPoint, devicePoint, paneNameOf, wantsSnap } from './chart-annotations-pointer.js';

/** A press (and drag, or second click) further than this (CSS px) from the first one drags. */
const CLICK_SLOP = 4;

/** A drawing being placed with the pointer. */
interface Placing {
  view: PaneView;
  startX: number;
  startY: number;
  annotation: Annotation;
  /** The second point was already dragged out (the press ends the drawing on release). */
  dragged: boolean;
}

/**
 * Drawing mode with the pointer (lazy chunk): while `core.drawing` is set, a press on a pane
 * starts a drawing of that kind; one-point kinds are done, two-point kinds follow the pointer and
 * end on release after a drag, or at a second click. Alt or Ctrl/⌘ snaps to the bars' OHLC. The
 * drawing in progress is a preview (not in the undo history); finishing it is one undoable step.
 */
export class AnnotationDrawing {
  private placing: Placing | null = null;

  constructor(private readonly core: AnnotationCore) {}

  /** True when drawing mode took the event. */
  handle(event: Event): boolean {
    const core = this.core;
    if (!core.drawing || !(event instanceof PointerEvent)) return false;
    if (event.type === 'pointerdown') {
      if (event.button !== 0) return false;
      core.sync();
      const { x, y } = devicePoint(core, event);
      const view = paneAtPoint(core.views, x, y);
      consume(core, event);
      if (!view) return true;
      if (this.placing) {
        // A second click ends a two-point drawing.
        this.update(x, y, wantsSnap(event));
        this.finish();
      } else {
        this.begin(view, x, y, wantsSnap(event));
      }
      return true;
    }
    const placing = this.placing;
    if (!placing) return event.type === 'pointermove';
    if (event.type === 'pointermove') {
      consume(core, event);
      const { x, y } = devicePoint(core, event);
      if (Math.hypot(x - placing.startX, y - placing.startY) > CLICK_SLOP * core.model.chartSize.pixelRatio && event.buttons & 1) placing.dragged = true;
      this.update(x, y, wantsSnap(event));
      return true;
    }
    if (event.type === 'pointerup') {
      consume(core, event);
      // Pressed, dragged, released: done. A click without a drag waits for the second click.
      if (placing.dragged) this.finish();
      return true;
    }
    if (event.type === 'pointercancel') {
      this.cancel();
      return true;
    }
    return false;
  }

  /** Drops a drawing half placed. */
  cancel(): void {
    const placing = this.placing;
    if (!placing) return;
    this.placing = null;
    this.core.store.preview(placing.annotation.id, null);
    this.core.host.invalidate();
  }

  private begin(view: PaneView, x: number, y: number, snap: boolean): void {
    const core = this.core;
    const drawing = core.drawing!;
    const point = dataPoint(core, view, x, y, snap);
    const kind = drawing.kind;
    const raw: Record<string, unknown> = { ...drawing.style, id: core.store.freshId(kind), kind, pane: paneNameOf(view, core.views), points: Array.from({ length: pointCount(kind) }, () => ({ ...point })) };
    if (kind === 'text' && raw.text === undefined) raw.text = 'Text';
    const { annotation, issues } = validateAnnotation(raw, `startDrawing.${kind}`);
    if (!annotation) {
      core.host.reportConfigIssues(issues.map((i) => ({ ...i, source: 'api' })));
      core.stopDrawing();
      return;
    }
    if (pointCount(kind) === 1) {
      core.emit(core.store.edit([{ id: annotation.id, after: annotation }]), 'pointer');
      core.selectedId = annotation.id;
      core.stopDrawing();
      return;
    }
    this.placing = { view, startX: x, startY: y, annotation, dragged: false };
    core.store.preview(annotation.id, annotation);
    core.host.invalidate();
  }

  private update(x: number, y: number, snap: boolean): void {
    const placing = this.placing;
    if (!placing) return;
    placing.annotation = movePoint(placing.annotation, 1, dataPoint(this.core, placing.view, x, y, snap));
    this.core.store.preview(placing.annotation.id, placing.annotation);
    this.core.host.invalidate();
  }

  private finish(): void {
    const placing = this.placing;
    if (!placing) return;
    const core = this.core;
    this.placing = null;
    // The preview was not recorded: adding it is one undoable step.
    core.store.preview(placing.annotation.id, null);
    core.emit(core.store.edit([{ id: placing.annotation.id, after: placing.annotation }]), 'pointer');
    core.selectedId = placing.annotation.id;
    core.stopDrawing();
  }
}

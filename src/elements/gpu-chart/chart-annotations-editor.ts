// The annotation editor: a lazy chunk, loaded only when a chart has editable annotations or
// drawing starts (chart-annotations-lazy.ts). Display of annotations does not need it.
import { movePoint, translate } from '../../annotations/edit.js';
import { shapeOf } from '../../annotations/geometry.js';
import { HitIndex } from '../../annotations/hit-index.js';
import { hitTest, HANDLE_RADIUS, type AnnotationHit } from '../../annotations/hit-test.js';
import { resolvePane, type PaneView } from '../../annotations/pane-view.js';
import type { Annotation } from '../../annotations/types.js';
import type { AnnotationCore, AnnotationEditor } from './chart-annotations-context.js';
import { AnnotationDrawing } from './chart-annotations-drawing.js';
import { consume, dataPoint, devicePoint, wantsSnap } from './chart-annotations-pointer.js';

/** Pointer distance that counts as touching a line, CSS px. */
const HIT_TOLERANCE = 5;
/** A press that moves less than this (CSS px) is a click. */
const CLICK_SLOP = 4;

/** Pointer drag of an annotation (a handle, or the whole drawing). */
interface Drag {
  id: string;
  handle: number | null;
  view: PaneView;
  startX: number;
  startY: number;
  before: Annotation;
  moved: boolean;
}

export function createAnnotationEditor(core: AnnotationCore): AnnotationEditor {
  return new PointerEditor(core);
}

/**
 * Editing with the pointer and keyboard: hover shows handles, a press on an editable annotation
 * selects it and drags a handle (one point) or the body (all points), arrow keys nudge the
 * selected one (Shift: 10 px), Delete removes it, Escape leaves drawing mode or the selection.
 * Drags preview without history and record one undoable step on release. Drawing mode is
 * AnnotationDrawing's.
 */
class PointerEditor implements AnnotationEditor {
  private readonly drawing: AnnotationDrawing;
  private hovered: string | null = null;
  private drag: Drag | null = null;
  private index: HitIndex | null = null;

  constructor(private readonly core: AnnotationCore) {
    this.drawing = new AnnotationDrawing(core);
  }

  get handlesKey(): string {
    const { selectedId } = this.core;
    if (selectedId === null && this.hovered === null) return '';
    return `${selectedId}|${this.hovered}|${this.core.store.version}`;
  }

  handle(event: Event): void {
    if (this.drawing.handle(event)) return;
    switch (event.type) {
      case 'pointerdown':
        return this.onPointerDown(event as PointerEvent);
      case 'pointermove':
        return this.onPointerMove(event as PointerEvent);
      case 'pointerup':
        return this.onPointerUp(event as PointerEvent);
      case 'pointercancel':
        return this.reset();
      case 'keydown':
        return this.onKeyDown(event as KeyboardEvent);
    }
  }

  cancelPlacing(): void {
    this.drawing.cancel();
  }

  reset(): void {
    const drag = this.drag;
    this.drag = null;
    if (drag?.moved) {
      this.core.store.preview(drag.id, drag.before);
      this.core.host.invalidate();
    }
    this.drawing.cancel();
  }

  drawHandles(ctx: CanvasRenderingContext2D, ratio: number): void {
    const selected = this.core.selectedId;
    for (const id of new Set([selected, this.hovered])) if (id) this.drawHandlesOf(ctx, id, ratio, id === selected);
  }

  private drawHandlesOf(ctx: CanvasRenderingContext2D, id: string, ratio: number, selected: boolean): void {
    const a = this.core.store.get(id);
    const view = a ? resolvePane(a.pane, this.core.views) : null;
    if (!a || !view || !a.visible || !a.editable) return;
    const shape = shapeOf(a, view, this.core.shapeContext(ratio));
    const r = HANDLE_RADIUS * ratio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(view.rect.x, view.rect.y, view.rect.width, view.rect.height);
    ctx.clip();
    ctx.lineWidth = Math.max(1, ratio);
    ctx.strokeStyle = '#2962ff';
    ctx.fillStyle = selected ? '#ffffff' : 'rgba(255, 255, 255, 0.6)';
    for (const [x, y] of shape.handles) {
      ctx.beginPath();
      ctx.rect(view.rect.x + x - r, view.rect.y + y - r, 2 * r, 2 * r);
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  private hit(x: number, y: number): AnnotationHit | null {
    const core = this.core;
    const ratio = core.model.chartSize.pixelRatio;
    const list = core.store.list();
    // Built again only when the annotations changed (the list is a new array then).
    if (this.index?.annotations !== list) this.index = new HitIndex(list);
    return hitTest(list, core.views, x, y, HIT_TOLERANCE * ratio, core.shapeContext(ratio), core.selectedId, measureText(core.font, ratio), this.index);
  }

  private onPointerDown(event: PointerEvent): void {
    const core = this.core;
    if (event.button !== 0 || !core.target) return;
    core.sync();
    const { x, y } = devicePoint(core, event);
    const hit = this.hit(x, y);
    if (!hit) {
      if (core.selectedId) core.selectedId = null;
      return;
    }
    consume(core, event);
    const a = core.store.get(hit.id)!;
    const view = core.views.find((v) => v.id === hit.pane)!;
    core.selectedId = hit.id;
    this.drag = { id: hit.id, handle: hit.handle, view, startX: x, startY: y, before: a, moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    const core = this.core;
    const target = core.target;
    if (!target) return;
    const { x, y } = devicePoint(core, event);
    const drag = this.drag;
    if (drag) {
      consume(core, event);
      const ratio = core.model.chartSize.pixelRatio;
      if (!drag.moved && Math.hypot(x - drag.startX, y - drag.startY) < CLICK_SLOP * ratio) return;
      drag.moved = true;
      const next = drag.handle !== null ? movePoint(drag.before, drag.handle, dataPoint(core, drag.view, x, y, wantsSnap(event))) : translate(drag.before, drag.view, x - drag.startX, y - drag.startY);
      core.store.preview(drag.id, next);
      core.host.invalidate();
      return;
    }
    // Hover: handles of the annotation under the pointer, and a cursor that says it can be moved.
    const hit = core.store.list().length > 0 ? this.hit(x, y) : null;
    const cursor = hit ? (hit.handle !== null ? 'pointer' : 'move') : '';
    if (target.style.cursor !== cursor) target.style.cursor = cursor;
    const hovered = hit?.id ?? null;
    if (hovered !== this.hovered) {
      this.hovered = hovered;
      core.redrawOverlay();
    }
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    const core = this.core;
    consume(core, event);
    this.drag = null;
    if (!drag.moved) return;
    const after = core.store.get(drag.id);
    // The drag's previews were not recorded: one undoable step from where it started.
    core.store.preview(drag.id, drag.before);
    core.emit(core.store.edit([{ id: drag.id, after }]), 'pointer');
  }

  private onKeyDown(event: KeyboardEvent): void {
    const core = this.core;
    const key = event.key;
    if (key === 'Escape' && (core.drawing || core.selectedId)) {
      consume(core, event);
      if (core.drawing) core.stopDrawing();
      else core.selectedId = null;
      return;
    }
    const id = core.selectedId;
    const a = id ? core.store.get(id) : null;
    if (!a || !a.editable) return;
    if (key === 'Delete' || key === 'Backspace') {
      consume(core, event);
      core.remove(a.id, 'keyboard');
      return;
    }
    const step = (event.shiftKey ? 10 : 1) * core.model.chartSize.pixelRatio;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[key];
    const view = resolvePane(a.pane, core.views);
    if (!move || !view) return;
    consume(core, event);
    core.emit(core.store.edit([{ id: a.id, after: translate(a, view, move[0], move[1]) }]), 'keyboard');
  }
}

let measureContext: CanvasRenderingContext2D | null = null;

/** Width (device px) of a label's text in `font` at `ratio`. */
function measureText(font: string, ratio: number): (text: string) => number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  return (text) => {
    if (!measureContext) return text.length * 7 * ratio;
    measureContext.font = font;
    return measureContext.measureText(text).width * ratio + 8 * ratio;
  };
}

import { distanceToSegment, shapeOf, type ShapeContext } from './geometry.js';
import type { HitIndex } from './hit-index.js';
import { resolvePane, type PaneView } from './pane-view.js';
import type { Annotation } from './types.js';

/** What lies under the pointer: an annotation, and which of its handles (null: its body). */
export interface AnnotationHit {
  id: string;
  handle: number | null;
  pane: string;
}

/** Handle squares' half size, CSS px. */
export const HANDLE_RADIUS = 5;

/**
 * The editable annotation under canvas point (x, y) (device px), within `tolerance` device px.
 * Handles of the `selected` annotation win over everything; then the topmost (last drawn)
 * annotation whose handles (two-point kinds: pressing an end grabs it), strokes, fill, marker or
 * label box the point touches. With an `index` (a HitIndex of `annotations`) only the annotations
 * that reach the pointer's time window are tested, not all of them.
 */
export function hitTest(annotations: readonly Annotation[], views: readonly PaneView[], x: number, y: number, tolerance: number, context: ShapeContext, selected: string | null, labelWidth: (text: string) => number, index?: HitIndex): AnnotationHit | null {
  const handleReach = Math.max(tolerance, HANDLE_RADIUS * context.ratio + 1);
  if (selected) {
    const a = annotations.find((item) => item.id === selected);
    const view = a ? resolvePane(a.pane, views) : null;
    if (a && view && a.visible && a.editable) {
      const shape = shapeOf(a, view, context);
      for (let i = 0; i < shape.handles.length; i++) {
        const [hx, hy] = shape.handles[i]!;
        if (Math.abs(view.rect.x + hx - x) <= handleReach && Math.abs(view.rect.y + hy - y) <= handleReach) return { id: a.id, handle: i, pane: view.id };
      }
    }
  }
  const order = index && index.annotations === annotations ? indexCandidates(index, views, x, tolerance + handleReach + index.maxExtent * context.ratio) : null;
  for (let n = order ? 0 : annotations.length - 1; order ? n < order.length : n >= 0; order ? n++ : n--) {
    const a = annotations[order ? order[n]! : n]!;
    if (!a.visible || !a.editable) continue;
    const view = resolvePane(a.pane, views);
    if (!view) continue;
    const px = x - view.rect.x;
    const py = y - view.rect.y;
    if (px < -tolerance || py < -tolerance || px > view.rect.width + tolerance || py > view.rect.height + tolerance) continue;
    if (outsideSpan(a, view, px, tolerance + handleReach + a.size * context.ratio)) continue;
    const shape = shapeOf(a, view, context);
    // Pressing an end of a drawing grabs that handle, selected or not.
    const handle = shape.handles.findIndex(([hx, hy]) => Math.abs(hx - px) <= handleReach && Math.abs(hy - py) <= handleReach);
    if (handle >= 0 && shape.handles.length > 1) return { id: a.id, handle, pane: view.id };
    if (shape.marker) {
      const m = shape.marker;
      if (Math.abs(px - m.x) <= m.radius + tolerance && Math.abs(py - m.y) <= m.radius + tolerance) return { id: a.id, handle: null, pane: view.id };
      continue;
    }
    if (a.kind === 'text') {
      const label = shape.labels[0];
      if (label) {
        const width = labelWidth(label.text);
        const height = 16 * context.ratio;
        if (px >= label.x - tolerance && px <= label.x + width + tolerance && py >= label.y - height - tolerance && py <= label.y + tolerance) return { id: a.id, handle: null, pane: view.id };
      }
      continue;
    }
    for (const s of shape.strokes) {
      const seg = s.segments;
      for (let i = 0; i + 3 < seg.length; i += 4) {
        if (distanceToSegment(px, py, seg[i]!, seg[i + 1]!, seg[i + 2]!, seg[i + 3]!) <= tolerance + (a.width * context.ratio) / 2) return { id: a.id, handle: null, pane: view.id };
      }
    }
    for (const f of shape.fills) {
      if (px >= Math.min(f.x0, f.x1) && px <= Math.max(f.x0, f.x1) && py >= Math.min(f.y0, f.y1) && py <= Math.max(f.y0, f.y1)) return { id: a.id, handle: null, pane: view.id };
    }
  }
  return null;
}

/** The index's candidates for a pointer at canvas x (device px), `reach` px either side. */
function indexCandidates(index: HitIndex, views: readonly PaneView[], x: number, reach: number): number[] | null {
  // Every pane shares the time axis (and its horizontal extent): the first converts px to time.
  const view = views[0];
  if (!view) return null;
  const px = x - view.rect.x;
  return index.candidates(view.x.fromPixel(px - reach), view.x.fromPixel(px + reach));
}

/**
 * A cheap test before building a shape (hovering over 10,000 markers builds none of theirs): true
 * when the pointer is left or right of everything the annotation draws, by more than `reach`.
 * Kinds that reach the pane's edges (hline, ray) and text (its width is the label's) are never skipped.
 */
function outsideSpan(a: Annotation, view: PaneView, px: number, reach: number): boolean {
  if (a.kind === 'hline' || a.kind === 'ray' || a.kind === 'text') return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of a.points) {
    const x = view.x.toPixel(p.time);
    if (!Number.isFinite(x)) return false;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return px < lo - reach || px > hi + reach;
}

import type { PaneView } from './pane-view.js';
import { cloneAnnotation, usesPrice, usesTime, type Annotation, type AnnotationPoint } from './types.js';

/** The data point under pane-relative device px (px, py). */
export function pointAt(view: PaneView, px: number, py: number): AnnotationPoint {
  return { time: view.x.fromPixel(px), price: view.y.fromPixel(py) };
}

/** The annotation with point `index` moved to `point` (coordinates its kind ignores stay as they were). */
export function movePoint(a: Annotation, index: number, point: AnnotationPoint): Annotation {
  const out = cloneAnnotation(a);
  const p = out.points[index];
  if (!p) return out;
  if (usesTime(a.kind) && Number.isFinite(point.time)) p.time = point.time;
  else if (a.kind === 'hline') p.time = point.time;
  if (usesPrice(a.kind) && Number.isFinite(point.price)) p.price = point.price;
  else if (a.kind === 'vline') p.price = point.price;
  return out;
}

/**
 * The annotation moved by (dx, dy) device px on screen: each point goes to where its pixel moved,
 * so on a log scale a drag keeps the drawing's shape on screen (prices change by a ratio).
 * Markers without a price of their own move in time only (they stay on their bars).
 */
export function translate(a: Annotation, view: PaneView, dx: number, dy: number): Annotation {
  const out = cloneAnnotation(a);
  for (const p of out.points) {
    if (usesTime(a.kind) && dx !== 0) {
      const t = view.x.fromPixel(view.x.toPixel(p.time) + dx);
      if (Number.isFinite(t)) p.time = t;
    }
    if (usesPrice(a.kind) && dy !== 0 && Number.isFinite(p.price)) {
      const v = view.y.fromPixel(view.y.toPixel(p.price) + dy);
      if (Number.isFinite(v)) p.price = v;
    }
  }
  return out;
}

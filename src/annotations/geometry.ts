import { fibLabel, fibLevelPrices } from './fib.js';
import type { PaneView } from './pane-view.js';
import { rangeLabel, rangeStats } from './range-stats.js';
import type { Annotation } from './types.js';

/** How a label is placed relative to its point. */
export interface ShapeLabel {
  /** Pane-relative device px. */
  x: number;
  y: number;
  text: string;
  align: 'left' | 'center' | 'right';
  baseline: 'top' | 'middle' | 'bottom';
  /** Fib level index (its colour), or -1: the annotation's colour. */
  level: number;
  /** Drawn on a translucent box (text annotations, ranges). */
  boxed: boolean;
}

/** A filled axis-aligned rectangle of a shape; `level`: the fib band index, or -1. */
export interface ShapeFill {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  level: number;
}

/** Stroked segments of one colour role: the annotation's, or a fib level's. */
export interface ShapeStroke {
  /** x0, y0, x1, y1 per segment, pane-relative device px, not yet clipped. */
  segments: number[];
  level: number;
  /** Dashed even when the annotation is solid (a fib's diagonal). */
  dashed?: boolean;
}

/** An annotation on screen: strokes, fills, labels and handles, in pane-relative device px. */
export interface Shape {
  strokes: ShapeStroke[];
  fills: ShapeFill[];
  labels: ShapeLabel[];
  /** Where the handles of the points are (one per point, same order). */
  handles: [number, number][];
  /** Where a marker is drawn (its centre), for hit testing. */
  marker?: { x: number; y: number; radius: number };
}

/** What the shape of some kinds needs from the chart. */
export interface ShapeContext {
  ratio: number;
  /** Marker prices left out: the bar's low (buy) or high (sell) near `time`. */
  barAt?(time: number): { low: number; high: number } | null;
  barsBetween?(t0: number, t1: number): number | null;
  /** The x axis measures time (ranges then show durations). */
  timeAxis: boolean;
}

/** A marker's anchor price: its own, else the bar's low (buy) or high (sell). */
export function markerPrice(a: Annotation, context: Pick<ShapeContext, 'barAt'>): number {
  const p = a.points[0]!;
  if (Number.isFinite(p.price)) return p.price;
  const bar = context.barAt?.(p.time);
  if (!bar) return NaN;
  return a.side === 'sell' ? bar.high : bar.low;
}

/** Gap between a marker's anchor and its arrow, CSS px. */
export const MARKER_GAP = 3;

/**
 * The screen geometry of an annotation in its pane. Coordinates may lie outside the pane (the
 * layer builder clips); non-finite ones (a value ≤ 0 on a log scale) give an empty shape.
 */
export function shapeOf(a: Annotation, view: PaneView, context: ShapeContext): Shape {
  const { width: w, height: h } = view.rect;
  const shape: Shape = { strokes: [], fills: [], labels: [], handles: [] };
  const px = (t: number) => view.x.toPixel(t);
  const py = (v: number) => view.y.toPixel(v);
  const r = context.ratio;
  const pts = a.points.map((p) => [px(p.time), py(p.price)] as [number, number]);
  const finite = (...v: number[]) => v.every(Number.isFinite);
  const main: number[] = [];
  shape.strokes.push({ segments: main, level: -1 });
  switch (a.kind) {
    case 'hline': {
      const y = pts[0]![1];
      if (!finite(y)) return empty();
      main.push(0, y, w, y);
      const hx = Number.isFinite(pts[0]![0]) && pts[0]![0] >= 0 && pts[0]![0] <= w ? pts[0]![0] : w / 2;
      shape.handles.push([hx, y]);
      if (a.label) shape.labels.push({ x: w - 4 * r, y: y - 2 * r, text: a.label, align: 'right', baseline: 'bottom', level: -1, boxed: false });
      break;
    }
    case 'vline': {
      const x = pts[0]![0];
      if (!finite(x)) return empty();
      main.push(x, 0, x, h);
      const hy = Number.isFinite(pts[0]![1]) && pts[0]![1] >= 0 && pts[0]![1] <= h ? pts[0]![1] : h / 2;
      shape.handles.push([x, hy]);
      if (a.label) shape.labels.push({ x: x + 4 * r, y: 4 * r, text: a.label, align: 'left', baseline: 'top', level: -1, boxed: false });
      break;
    }
    case 'trend':
    case 'ray':
    case 'arrow': {
      const [[x0, y0], [x1, y1]] = pts as [[number, number], [number, number]];
      if (!finite(x0, y0, x1, y1)) return empty();
      let ex = x1;
      let ey = y1;
      if (a.kind === 'ray') {
        // Far enough along the direction to leave the pane whatever the zoom; the builder clips it.
        const length = Math.hypot(x1 - x0, y1 - y0);
        if (length > 0) {
          const reach = (Math.abs(w) + Math.abs(h) + Math.abs(x0) + Math.abs(y0)) * 2;
          ex = x0 + ((x1 - x0) / length) * reach;
          ey = y0 + ((y1 - y0) / length) * reach;
        }
      }
      main.push(x0, y0, ex, ey);
      if (a.kind === 'arrow') arrowHead(main, x0, y0, x1, y1, Math.max(8, a.width * 4) * r);
      shape.handles.push([x0, y0], [x1, y1]);
      if (a.label) shape.labels.push({ x: x1 + 4 * r, y: y1, text: a.label, align: 'left', baseline: 'middle', level: -1, boxed: false });
      break;
    }
    case 'rect':
    case 'range': {
      const [[x0, y0], [x1, y1]] = pts as [[number, number], [number, number]];
      if (!finite(x0, y0, x1, y1)) return empty();
      shape.fills.push({ x0, y0, x1, y1, level: -1 });
      main.push(x0, y0, x1, y0, x1, y0, x1, y1, x1, y1, x0, y1, x0, y1, x0, y0);
      shape.handles.push([x0, y0], [x1, y1]);
      if (a.kind === 'range') {
        // The move itself: a vertical arrow at the middle from the first price to the second.
        const xm = (x0 + x1) / 2;
        main.push(xm, y0, xm, y1);
        arrowHead(main, xm, y0, xm, y1, Math.max(6, a.width * 3) * r);
        const stats = rangeStats(a.points[0]!, a.points[1]!, context.barsBetween);
        const text = a.label ? `${a.label}: ${rangeLabel(stats, context.timeAxis)}` : rangeLabel(stats, context.timeAxis);
        const above = y1 <= y0;
        shape.labels.push({ x: xm, y: above ? Math.min(y0, y1) - 4 * r : Math.max(y0, y1) + 4 * r, text, align: 'center', baseline: above ? 'bottom' : 'top', level: -1, boxed: true });
      } else if (a.label) {
        shape.labels.push({ x: Math.min(x0, x1) + 4 * r, y: Math.min(y0, y1) + 4 * r, text: a.label, align: 'left', baseline: 'top', level: -1, boxed: false });
      }
      break;
    }
    case 'fib': {
      const [[x0, y0], [x1, y1]] = pts as [[number, number], [number, number]];
      if (!finite(x0, y0, x1, y1)) return empty();
      const left = Math.min(x0, x1);
      const right = Math.max(x0, x1);
      const prices = fibLevelPrices(a.points[0]!, a.points[1]!, a.levels);
      const ys = prices.map(py);
      shape.strokes.pop();
      shape.strokes.push({ segments: [x0, y0, x1, y1], level: -1, dashed: true });
      ys.forEach((y, i) => {
        if (!Number.isFinite(y)) return;
        shape.strokes.push({ segments: [left, y, right, y], level: i });
        shape.labels.push({ x: left - 4 * r, y, text: fibLabel(a.levels[i]!, prices[i]!), align: 'right', baseline: 'middle', level: i, boxed: false });
        const next = ys[i + 1];
        if (next !== undefined && Number.isFinite(next)) shape.fills.push({ x0: left, y0: y, x1: right, y1: next, level: i });
      });
      shape.handles.push([x0, y0], [x1, y1]);
      if (a.label) shape.labels.push({ x: right, y: Math.min(y0, y1) - 4 * r, text: a.label, align: 'right', baseline: 'bottom', level: -1, boxed: false });
      break;
    }
    case 'text': {
      const [x, y] = pts[0]!;
      if (!finite(x, y)) return empty();
      shape.handles.push([x, y]);
      shape.labels.push({ x, y, text: a.text ?? a.label ?? '', align: 'left', baseline: 'bottom', level: -1, boxed: true });
      break;
    }
    case 'marker': {
      const x = pts[0]![0];
      const price = markerPrice(a, context);
      const anchor = py(price);
      if (!finite(x, anchor)) return empty();
      const radius = (a.size / 2) * r;
      const offset = radius + MARKER_GAP * r;
      const y = a.side === 'sell' ? anchor - offset : anchor + offset;
      shape.marker = { x, y, radius };
      shape.handles.push([x, anchor]);
      if (a.label) {
        const below = a.side !== 'sell';
        shape.labels.push({ x, y: below ? y + radius + 2 * r : y - radius - 2 * r, text: a.label, align: 'center', baseline: below ? 'top' : 'bottom', level: -1, boxed: false });
      }
      break;
    }
  }
  return shape;

  function empty(): Shape {
    return { strokes: [], fills: [], labels: [], handles: [] };
  }
}

/** Two segments of an arrowhead at (x1, y1), pointing away from (x0, y0). */
function arrowHead(out: number[], x0: number, y0: number, x1: number, y1: number, length: number): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const d = Math.hypot(dx, dy);
  if (d === 0) return;
  const ux = dx / d;
  const uy = dy / d;
  const spread = 0.45; // radians either side of the shaft
  for (const s of [spread, -spread]) {
    const cos = Math.cos(s);
    const sin = Math.sin(s);
    const bx = ux * cos - uy * sin;
    const by = ux * sin + uy * cos;
    out.push(x1, y1, x1 - bx * length, y1 - by * length);
  }
}

/**
 * Clips segment (x0, y0)–(x1, y1) to [xmin, xmax] × [ymin, ymax] (Liang–Barsky). Returns false when
 * nothing is left; else writes the clipped ends into `out` (4 numbers).
 */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, xmin: number, ymin: number, xmax: number, ymax: number, out: number[] | Float64Array): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  // The four edges as (p, q) pairs, without allocating (this runs for every line of every frame).
  const range = clipRange;
  range[0] = 0;
  range[1] = 1;
  if (!clipEdge(-dx, x0 - xmin, range) || !clipEdge(dx, xmax - x0, range) || !clipEdge(-dy, y0 - ymin, range) || !clipEdge(dy, ymax - y0, range)) return false;
  const t0 = range[0]!;
  const t1 = range[1]!;
  out[0] = x0 + t0 * dx;
  out[1] = y0 + t0 * dy;
  out[2] = x0 + t1 * dx;
  out[3] = y0 + t1 * dy;
  return true;
}

const clipRange = new Float64Array(2);

/** One Liang–Barsky edge: narrows [t0, t1] in `range`; false when nothing is left. */
function clipEdge(p: number, q: number, range: Float64Array): boolean {
  if (p === 0) return q >= 0;
  const t = q / p;
  if (p < 0) {
    if (t > range[1]!) return false;
    if (t > range[0]!) range[0] = t;
  } else {
    if (t < range[0]!) return false;
    if (t < range[1]!) range[1] = t;
  }
  return true;
}

/** Distance from (px, py) to segment (x0, y0)–(x1, y1). */
export function distanceToSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2)) : 0;
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

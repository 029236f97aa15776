import type { Rgba } from '../core/scene/frame-scene.js';
import { markerPrice, type ShapeContext } from './geometry.js';
import type { LayerStyle } from './layer-style.js';
import { packRgba } from './pack-rgba.js';
import type { Annotation, DashStyle } from './types.js';

/** Dash [on, off] per CSS px of stroke width. */
export const DASH_PER_WIDTH: Record<DashStyle, readonly [number, number]> = { solid: [1, 0], dashed: [4, 3], dotted: [1, 2] };

/**
 * Markers of one fill colour in data space, sorted by time, so that a frame finds the ones in
 * view by binary search and projects only those.
 */
export interface PreparedMarkers {
  /** Packed RGBA8 of `fill` (the group's key). */
  key: number;
  fill: Rgba;
  count: number;
  times: Float64Array;
  /** The anchor price (the marker's own, else the bar's low or high): NaN when there is none. */
  prices: Float64Array;
  /** Half size, device px. */
  radius: Float64Array;
  /** 1: a sell (above its anchor, pointing down). */
  sell: Uint8Array;
  /** The largest radius of the group (how far past the pane edge a marker still shows). */
  maxRadius: number;
  /** The radius of the first marker: markers of this size share spots (the others are all drawn). */
  commonRadius: number;
}

/** Plain trend lines (no label) of one stroke colour and width: two data points and a dash each. */
export interface PreparedTrends {
  /** strokeGroup's key: colour and width. */
  key: string;
  color: Rgba;
  width: number;
  count: number;
  /** t0, p0, t1, p1 per line. */
  points: Float64Array;
  /** Dash on and off lengths per line, device px (off 0: solid). */
  dash: Float64Array;
  /** Every line is solid: two points each, written straight into a typed array. */
  solid: boolean;
}

/**
 * What a pane's annotations are in data space, built once per annotation set, data and style (not
 * per view): markers, the bulk of a big set, and plain trend lines go into typed arrays; every
 * other kind (few: fibs, ranges, labels…) keeps the general shape path in `others`.
 */
export interface PreparedPane {
  markers: PreparedMarkers[];
  trends: PreparedTrends[];
  others: Annotation[];
}

/** A trend line that only needs its two points projected: no label (labels go through shapes). */
function isPlainTrend(a: Annotation): boolean {
  return a.kind === 'trend' && !a.label;
}

export function strokeKey(color: Rgba, width: number): string {
  return `${color.join(',')}|${width}`;
}

/** Data-space preparation of one pane's annotations (see PreparedPane). */
export function prepareAnnotations(annotations: readonly Annotation[], context: ShapeContext, style: LayerStyle): PreparedPane {
  const ratio = context.ratio;
  const others: Annotation[] = [];
  const markerLists = new Map<number, { fill: Rgba; items: Annotation[] }>();
  const trendLists = new Map<string, { color: Rgba; width: number; items: Annotation[] }>();
  for (const a of annotations) {
    if (!a.visible) continue;
    if (a.kind === 'marker') {
      const base = a.side === 'sell' ? style.downColor : style.upColor;
      const fill = a.color ? style.resolveColor(a.color) ?? base : base;
      const key = packRgba(fill);
      let list = markerLists.get(key);
      if (!list) markerLists.set(key, (list = { fill, items: [] }));
      list.items.push(a);
      // A labelled marker's label is drawn through its shape, like any other label.
      if (a.label) others.push(a);
      continue;
    }
    if (isPlainTrend(a)) {
      const color = a.color ? style.resolveColor(a.color) ?? style.defaultColor : style.defaultColor;
      const width = Math.max(1, a.width * ratio);
      const key = strokeKey(color, width);
      let list = trendLists.get(key);
      if (!list) trendLists.set(key, (list = { color, width, items: [] }));
      list.items.push(a);
      continue;
    }
    others.push(a);
  }

  const markers: PreparedMarkers[] = [];
  for (const [key, { fill, items }] of markerLists) {
    const n = items.length;
    const rawTimes = new Float64Array(n);
    for (let i = 0; i < n; i++) rawTimes[i] = items[i]!.points[0]!.time;
    // Stable: markers at one time keep their declared order (the first drawn wins a shared spot).
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => rawTimes[i]! - rawTimes[j]! || i - j);
    const group: PreparedMarkers = { key, fill, count: n, times: new Float64Array(n), prices: new Float64Array(n), radius: new Float64Array(n), sell: new Uint8Array(n), maxRadius: 0, commonRadius: n > 0 ? (items[order[0]!]!.size / 2) * ratio : 0 };
    order.forEach((from, to) => {
      const a = items[from]!;
      group.times[to] = rawTimes[from]!;
      group.prices[to] = markerPrice(a, context);
      const r = (a.size / 2) * ratio;
      group.radius[to] = r;
      group.sell[to] = a.side === 'sell' ? 1 : 0;
      if (r > group.maxRadius) group.maxRadius = r;
    });
    markers.push(group);
  }

  const trends: PreparedTrends[] = [];
  for (const [key, { color, width, items }] of trendLists) {
    const n = items.length;
    const group: PreparedTrends = { key, color, width, count: n, points: new Float64Array(4 * n), dash: new Float64Array(2 * n), solid: items.every((a) => a.dash === 'solid') };
    items.forEach((a, i) => {
      const [p0, p1] = a.points as [Annotation['points'][0], Annotation['points'][0]];
      group.points.set([p0.time, p0.price, p1.time, p1.price], 4 * i);
      const [onPer, offPer] = DASH_PER_WIDTH[a.dash];
      group.dash[2 * i] = Math.max(1, onPer * a.width * ratio);
      group.dash[2 * i + 1] = offPer * a.width * ratio;
    });
    trends.push(group);
  }
  return { markers, trends, others };
}

/** First index of sorted `values` whose value is ≥ `x` (binary search). */
export function lowerBound(values: Float64Array, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

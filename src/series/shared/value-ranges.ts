import { MinMaxPyramid, NO_INDEX } from '../../data/lod/minmax-pyramid.js';
import { lowerBound, upperBound } from '../../data/lod/search.js';
import type { SeriesStore } from '../../data/series-store.js';
import type { ExtentQuery, SeriesContext } from '../series-type.js';
import type { SeriesSpec } from './series-spec.js';

/**
 * Value ranges per row (error bars, bands): a low and a high per row, from two columns (`yLow`,
 * `yHigh`) or from the series' value ± a symmetric error column (`yError`), with min/max pyramids
 * so that a frame and an extent cost O(columns × log N), never O(N).
 *
 * Level of detail: when the window holds more rows than the pane has LOD columns, the rows of each
 * column are merged into one range, the minimum of the lows to the maximum of the highs (an
 * envelope: nothing the full drawing would cover is left out), drawn at the column's centre like
 * M4's points. A column whose lows or highs are all NaN is a gap.
 */
export interface RangeSource {
  low: Float64Array;
  high: Float64Array;
  lowPyramid: MinMaxPyramid;
  highPyramid: MinMaxPyramid;
}

/** Derived low/high columns of a `yError` series, rebuilt when the data or the columns change. */
export class RangeCache {
  private key = '';
  private store: SeriesStore | null = null;
  private version = -1;
  private source: RangeSource | null = null;

  /** The series' ranges, or null when it has none (or its columns are missing). */
  get(store: SeriesStore, spec: SeriesSpec): RangeSource | null {
    if (spec.yLow && spec.yHigh) {
      if (!store.hasColumn(spec.yLow) || !store.hasColumn(spec.yHigh)) return null;
      return { low: store.column(spec.yLow), high: store.column(spec.yHigh), lowPyramid: store.pyramid(spec.yLow), highPyramid: store.pyramid(spec.yHigh) };
    }
    if (!spec.yError || !store.hasColumn(spec.yError) || !store.hasColumn(spec.column)) return null;
    const key = `${spec.column}\u0000${spec.yError}`;
    if (this.source && this.store === store && this.version === store.version && this.key === key && this.source.low.length === store.length) return this.source;
    const values = store.column(spec.column);
    const errors = store.column(spec.yError);
    const n = store.length;
    const low = new Float64Array(n);
    const high = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = Math.abs(errors[i]!);
      low[i] = values[i]! - e;
      high[i] = values[i]! + e;
    }
    this.source = { low, high, lowPyramid: new MinMaxPyramid(low, n), highPyramid: new MinMaxPyramid(high, n) };
    this.store = store;
    this.version = store.version;
    this.key = key;
    return this.source;
  }
}

/** Whether a series asks for ranges (error bars on a line or scatter; a band's edges). */
export function hasRanges(spec: SeriesSpec): boolean {
  return Boolean((spec.yLow && spec.yHigh) || spec.yError);
}

const pair = new Uint32Array(2);

/** Widens `query` by the visible lows and highs (log scales: positive values only). */
export function rangeExtent(source: RangeSource, query: ExtentQuery): void {
  const { first, end } = query;
  if (end <= first) return;
  if (query.positiveOnly && end - first < 100_000) {
    for (let i = first; i < end; i++) {
      const lo = source.low[i]!;
      const hi = source.high[i]!;
      if (lo > 0 && lo < query.min) query.min = lo;
      if (hi > 0 && hi < query.min) query.min = hi;
      if (hi > query.max) query.max = hi;
    }
    return;
  }
  source.lowPyramid.rangeMinMax(first, end, pair);
  if (pair[0] !== NO_INDEX) query.min = Math.min(query.min, source.low[pair[0]!]!);
  source.highPyramid.rangeMinMax(first, end, pair);
  if (pair[1] !== NO_INDEX) query.max = Math.max(query.max, source.high[pair[1]!]!);
}

/** The ranges of one frame in pane pixels: x, then the pixel y of the low and of the high. */
export class RangeRows {
  x = new Float64Array(1024);
  low = new Float64Array(1024);
  high = new Float64Array(1024);
  count = 0;
  /** Rows were merged per LOD column (envelopes), not drawn one by one. */
  aggregated = false;
  /** Data rows inside the window. */
  visibleRows = 0;

  private reserve(n: number): void {
    if (this.x.length >= n) return;
    const size = Math.max(n, this.x.length * 2);
    this.x = new Float64Array(size);
    this.low = new Float64Array(size);
    this.high = new Float64Array(size);
  }

  /**
   * The rows of the window [start, end] (plus one neighbour each side, cut at the pane's edge, so
   * that a band runs to the edge), or one envelope per LOD column when there are more rows than
   * columns. A low or high a scale cannot show (NaN, ≤ 0 on a log scale) is NaN.
   */
  build(time: Float64Array, source: RangeSource, length: number, start: number, end: number, series: { xScale: { toPixel(t: number): number; fromPixel(px: number): number }; yScale: { toPixel(v: number): number }; width: number; columns: number }): this {
    const { xScale, yScale, width } = series;
    const first = lowerBound(time, length, start);
    const stop = upperBound(time, length, end, first);
    this.visibleRows = stop - first;
    const columns = Math.max(1, Math.floor(Math.min(series.columns, width)));
    this.count = 0;
    if (stop - first > columns) {
      this.aggregated = true;
      this.reserve(columns);
      const columnWidth = width / columns;
      let from = first;
      for (let c = 0; c < columns; c++) {
        const to = c === columns - 1 ? stop : Math.max(from, lowerBound(time, stop, xScale.fromPixel((c + 1) * columnWidth), from));
        if (to <= from) continue;
        source.lowPyramid.rangeMinMax(from, to, pair);
        const lo = pair[0] === NO_INDEX ? NaN : source.low[pair[0]!]!;
        source.highPyramid.rangeMinMax(from, to, pair);
        const hi = pair[1] === NO_INDEX ? NaN : source.high[pair[1]!]!;
        this.push((c + 0.5) * columnWidth, yScale.toPixel(lo), yScale.toPixel(hi));
        from = to;
      }
      return this;
    }
    this.aggregated = false;
    const from = Math.max(0, first - 1);
    const to = Math.min(length, stop + 1);
    this.reserve(to - from);
    for (let i = from; i < to; i++) this.push(xScale.toPixel(time[i]!), yScale.toPixel(source.low[i]!), yScale.toPixel(source.high[i]!));
    this.clipEnds(width);
    return this;
  }

  private push(x: number, low: number, high: number): void {
    const n = this.count++;
    this.x[n] = x;
    this.low[n] = clampPx(low);
    this.high[n] = clampPx(high);
  }

  /** Moves the outside neighbours along their segment to just outside the pane (float64). */
  private clipEnds(width: number): void {
    const n = this.count;
    if (n >= 2 && this.x[0]! < -CLIP_MARGIN && this.x[1]! > -CLIP_MARGIN) cut(this, 0, 1, -CLIP_MARGIN);
    if (n >= 2 && this.x[n - 1]! > width + CLIP_MARGIN && this.x[n - 2]! < width + CLIP_MARGIN) cut(this, n - 1, n - 2, width + CLIP_MARGIN);
  }
}

const CLIP_MARGIN = 4;
/** Far beyond any pane, yet small enough for f32 to keep sub-pixel slopes inside it. */
const MAX_PX = 1e6;

function clampPx(y: number): number {
  return y !== y ? NaN : Math.max(-MAX_PX, Math.min(MAX_PX, y));
}

/** Replaces row `i` by the point at x = `at` on the segment from row `j` to row `i`. */
function cut(rows: RangeRows, i: number, j: number, at: number): void {
  const t = (at - rows.x[j]!) / (rows.x[i]! - rows.x[j]!);
  rows.low[i] = rows.low[j]! + (rows.low[i]! - rows.low[j]!) * t;
  rows.high[i] = rows.high[j]! + (rows.high[i]! - rows.high[j]!) * t;
  rows.x[i] = at;
}

/** Device px of an error bar's cap on each side of the bar, per CSS px of pixel ratio. */
export const CAP_HALF_WIDTH_CSS = 3;

/**
 * Error bars as independent segments (pairs of points) into `out`: a vertical bar per row from
 * its low to its high, and, when the bars are at least 3 caps apart and not merged per column, a
 * horizontal cap at both ends. Rows whose low or high is NaN have no bar. Returns points written.
 */
export function errorBarSegments(rows: RangeRows, capHalfWidth: number, out: { points: Float32Array }): number {
  const n = rows.count;
  let spacing = Infinity;
  for (let i = 1; i < n; i++) spacing = Math.min(spacing, Math.abs(rows.x[i]! - rows.x[i - 1]!));
  const caps = !rows.aggregated && spacing >= capHalfWidth * 3 && capHalfWidth > 0;
  const perRow = caps ? 6 : 2;
  if (out.points.length < n * perRow * 2) out.points = new Float32Array(Math.max(n * perRow * 2, out.points.length * 2));
  const p = out.points;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = rows.x[i]!;
    const lo = rows.low[i]!;
    const hi = rows.high[i]!;
    if (lo !== lo || hi !== hi) continue;
    p[k++] = x;
    p[k++] = lo;
    p[k++] = x;
    p[k++] = hi;
    if (caps) {
      p[k++] = x - capHalfWidth;
      p[k++] = lo;
      p[k++] = x + capHalfWidth;
      p[k++] = lo;
      p[k++] = x - capHalfWidth;
      p[k++] = hi;
      p[k++] = x + capHalfWidth;
      p[k++] = hi;
    }
  }
  return k >> 1;
}

/** A band's rows (xA, yA, xB, yB: A the high edge, B the low) into `out`; NaN edges become gaps. */
export function bandRows(rows: RangeRows, gapY: number, out: { points: Float32Array }): number {
  const n = rows.count;
  if (out.points.length < n * 4) out.points = new Float32Array(Math.max(n * 4, out.points.length * 2));
  const p = out.points;
  for (let i = 0; i < n; i++) {
    const lo = rows.low[i]!;
    const hi = rows.high[i]!;
    const gap = lo !== lo || hi !== hi;
    p[i * 4] = rows.x[i]!;
    p[i * 4 + 1] = gap ? gapY : hi;
    p[i * 4 + 2] = rows.x[i]!;
    p[i * 4 + 3] = gap ? gapY : lo;
  }
  return n;
}

/** Per-series state of the range drawing (reused frame after frame). */
export interface RangeState {
  ranges: RangeCache;
  rows: RangeRows;
  bars: { points: Float32Array };
}

export function createRangeState(): RangeState {
  return { ranges: new RangeCache(), rows: new RangeRows(), bars: { points: new Float32Array(0) } };
}

/** Widens `query` by a series' ranges, when it has any. */
export function seriesRangeExtent(series: SeriesContext<RangeState>, query: ExtentQuery): void {
  const source = series.state.ranges.get(series.store, series.spec);
  if (source) rangeExtent(source, query);
}

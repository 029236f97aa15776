import type { DrawTarget, ExtentQuery, SeriesContext } from '../series-type.js';
import { CAP_HALF_WIDTH_CSS, hasRanges, type RangeCache } from './value-ranges.js';

/**
 * Error bars of a scatter series (`yError`, or `yLow`/`yHigh`): x comes from the series' own x
 * column, in any order, so bars are found by scanning the rows (O(N) per frame, like the scatter's
 * own view extent) rather than through the time-ordered LOD of line series. Bars of points outside
 * the pane are skipped; past MAX_BARS bars in view the rest are left out (and caps are dropped
 * past CAP_LIMIT), so a million-point scatter with error bars stays drawable.
 */
const MAX_BARS = 200_000;
const CAP_LIMIT = 5_000;

interface ScatterRangeState {
  ranges: RangeCache;
  bars: Float32Array;
  extentKey: string;
  extent: [number, number];
}

const states = new WeakMap<object, ScatterRangeState>();

function stateOf(series: SeriesContext<object>, make: () => RangeCache): ScatterRangeState {
  let state = states.get(series.state);
  if (!state) states.set(series.state, (state = { ranges: make(), bars: new Float32Array(0), extentKey: '', extent: [Infinity, -Infinity] }));
  return state;
}

/** Pushes a scatter series' error bars (a segments layer) when it has any. */
export function pushScatterErrorBars(series: SeriesContext<object>, target: DrawTarget, xs: ArrayLike<number>, makeCache: () => RangeCache): void {
  const { spec, store } = series;
  if (!hasRanges(spec)) return;
  const state = stateOf(series, makeCache);
  const source = state.ranges.get(store, spec);
  if (!source) return;
  const { pane, xScale, yScale } = target;
  const n = store.length;
  const margin = 8 * series.pixelRatio;
  // First pass: how many bars are in view (to decide on caps and size the buffer).
  let inView = 0;
  for (let i = 0; i < n && inView <= MAX_BARS; i++) {
    const x = xScale.toPixel(xs[i]!);
    if (x >= -margin && x <= pane.width + margin) inView++;
  }
  const caps = inView <= CAP_LIMIT;
  const perBar = caps ? 12 : 4;
  const bars = Math.min(inView, MAX_BARS);
  if (state.bars.length < bars * perBar) state.bars = new Float32Array(Math.max(bars * perBar, 1024));
  const p = state.bars;
  const cap = CAP_HALF_WIDTH_CSS * series.pixelRatio;
  const clamp = (y: number): number => Math.max(-1e6, Math.min(1e6, y));
  let k = 0;
  let written = 0;
  for (let i = 0; i < n && written < bars; i++) {
    const x = xScale.toPixel(xs[i]!);
    if (!(x >= -margin && x <= pane.width + margin)) continue;
    const lo = yScale.toPixel(source.low[i]!);
    const hi = yScale.toPixel(source.high[i]!);
    if (lo !== lo || hi !== hi) continue;
    written++;
    const a = clamp(lo);
    const b = clamp(hi);
    p[k++] = x;
    p[k++] = a;
    p[k++] = x;
    p[k++] = b;
    if (caps) {
      p[k++] = x - cap;
      p[k++] = a;
      p[k++] = x + cap;
      p[k++] = a;
      p[k++] = x - cap;
      p[k++] = b;
      p[k++] = x + cap;
      p[k++] = b;
    }
  }
  if (k === 0) return;
  target.layers.push({ kind: 'segments', id: `${spec.id}:error-bars`, points: p, count: k >> 1, color: series.color, width: Math.max(1, Math.round(series.pixelRatio)), pane });
}

/** Widens a scatter's y extent by the error bars of its points whose x is in [start, end]. */
export function scatterRangeExtent(series: SeriesContext<object>, query: ExtentQuery, xs: ArrayLike<number>, makeCache: () => RangeCache): void {
  const { spec, store, start, end } = series;
  if (!hasRanges(spec)) return;
  const state = stateOf(series, makeCache);
  const source = state.ranges.get(store, spec);
  if (!source) return;
  const key = `${store.version}|${store.length}|${spec.column}|${spec.yError}|${spec.yLow}|${spec.yHigh}|${start}|${end}|${query.positiveOnly}`;
  if (key !== state.extentKey) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < store.length; i++) {
      const x = xs[i]!;
      if (!(x >= start && x <= end)) continue;
      const lo = source.low[i]!;
      const hi = source.high[i]!;
      if (lo < min && (!query.positiveOnly || lo > 0)) min = lo;
      if (hi > max) max = hi;
    }
    state.extent = [min, max];
    state.extentKey = key;
  }
  if (state.extent[0] < query.min) query.min = state.extent[0];
  if (state.extent[1] > query.max) query.max = state.extent[1];
}

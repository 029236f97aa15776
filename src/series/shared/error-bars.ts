import type { DrawTarget, ExtentQuery, SeriesContext } from '../series-type.js';
import { columnExtent, extentPyramid } from './value-column.js';
import { CAP_HALF_WIDTH_CSS, errorBarSegments, hasRanges, rangeExtent, type RangeState } from './value-ranges.js';

/**
 * Error bars of a series with `yError` or `yLow`/`yHigh` (line and scatter series): a segments
 * layer (the existing primitive) of vertical bars with small caps, one per row; merged per LOD
 * column into one envelope bar (min of lows to max of highs, no caps) when the window holds more
 * rows than the pane has columns. Pushes nothing when the series has no ranges.
 */
export function pushErrorBars(series: SeriesContext<RangeState>, target: DrawTarget): void {
  const { spec, store, state } = series;
  if (!hasRanges(spec)) return;
  const source = state.ranges.get(store, spec);
  if (!source) return;
  const { pane, xScale, yScale, lodColumns } = target;
  state.rows.build(store.time, source, store.length, series.start, series.end, { xScale, yScale, width: pane.width, columns: lodColumns });
  const count = errorBarSegments(state.rows, CAP_HALF_WIDTH_CSS * series.pixelRatio, state.bars);
  if (count === 0) return;
  const width = Math.max(1, Math.round(series.pixelRatio));
  target.layers.push({ kind: 'segments', id: `${spec.id}:error-bars`, points: state.bars.points, count, color: series.color, width, pane });
}

/** The extent of a series' own column widened by its error bars. */
export function columnAndRangeExtent(series: SeriesContext<RangeState>, query: ExtentQuery): void {
  columnExtent(series.store.column(series.spec.column), extentPyramid(series.store, series.spec.column, query), query);
  const source = hasRanges(series.spec) ? series.state.ranges.get(series.store, series.spec) : null;
  if (source) rangeExtent(source, query);
}

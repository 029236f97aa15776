import { GAP_Y } from '../../core/scene/frame-scene.js';
import type { SeriesModule } from '../series-type.js';
import { withAlpha } from '../shared/value-column.js';
import { bandRows, createRangeState, seriesRangeExtent, type RangeState } from '../shared/value-ranges.js';

/**
 * A filled band between two columns, `yLow` and `yHigh` (or the series' column ± `yError`): a
 * confidence interval, a min–max envelope. Drawn with the `band` primitive (the fill between two
 * polylines). Level of detail: one envelope per LOD column, from the minimum of the lows to the
 * maximum of the highs (see value-ranges.ts). A NaN low or high breaks the band. The fill is the
 * series colour at the theme's area opacity.
 */
export const bandSeries: SeriesModule<RangeState & { band: { points: Float32Array } }> = {
  type: 'band',
  columns: [],
  createState: () => ({ ...createRangeState(), band: { points: new Float32Array(0) } }),
  extent: seriesRangeExtent,
  draw(series, target) {
    const { spec, store, state } = series;
    const source = state.ranges.get(store, spec);
    if (!source) return;
    const { pane, xScale, yScale, lodColumns } = target;
    const rows = state.rows.build(store.time, source, store.length, series.start, series.end, { xScale, yScale, width: pane.width, columns: lodColumns });
    target.lod.visiblePoints += rows.visibleRows;
    target.lod.drawnPoints += rows.count;
    if (rows.aggregated) target.lod.mode = 'm4';
    const count = bandRows(rows, GAP_Y, state.band);
    target.layers.push({ kind: 'band', id: `${spec.id}:band`, points: state.band.points, count, fill: withAlpha(series.color, series.theme.areaOpacity), pane });
  },
  tooltip(series, index, out) {
    const { spec, store } = series;
    const source = series.state.ranges.get(store, spec);
    if (!source) return;
    out.push({ id: `${spec.id}:low`, name: `${spec.name} low`, color: series.color, value: source.low[index]!, index });
    out.push({ id: `${spec.id}:high`, name: `${spec.name} high`, color: series.color, value: source.high[index]!, index });
  },
  legendValue(series, index) {
    const source = series.state.ranges.get(series.store, series.spec);
    return source ? source.high[index]! : NaN;
  },
};

import type { SeriesModule } from '../series-type.js';
import { aggregateForFrame, createPriceBarState, type PriceBarState } from '../shared/price-bars.js';
import { OHLC_COLUMNS } from '../shared/ohlc-columns.js';
import { columnTooltip, columnValue } from '../shared/value-column.js';

/** Volume as a histogram of its own on the pane's scale, coloured by each bar's direction. */
export const volumeSeries: SeriesModule<PriceBarState> = {
  type: 'volume',
  // The direction needs open and close; without them, a plain bar series of the column.
  columns: [...OHLC_COLUMNS, 'volume'],
  fallback: 'bar',
  createState: createPriceBarState,
  extent(series, query) {
    // Summed per pixel column when zoomed out, as drawn: the tallest column sets the range.
    const agg = series.state.aggregation.of(series.store, series.start, series.end, query.plotWidth);
    for (let k = 0; k < agg.count; k++) if (agg.volume[k]! > query.max) query.max = agg.volume[k]!;
    if (!query.positiveOnly) query.min = Math.min(query.min, 0);
  },
  draw(series, target) {
    const agg = aggregateForFrame(series, target);
    const { store, theme } = series;
    const { pane } = target;
    target.layers.push({ ...series.state.candles.volumes(agg, store.time, target.xScale, pane.width, pane.height, theme.up, theme.down, target.yScale, series.hooked === true), pane });
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

import type { OhlcAggregate } from '../../data/lod/ohlc-aggregate.js';
import { NO_INDEX } from '../../data/lod/minmax-pyramid.js';
import type { DrawTarget, ExtentQuery, SeriesContext, SeriesModule, SeriesValue } from '../series-type.js';
import { CandleLayers, type BarStyle } from './candle-layers.js';
import { OhlcAggregation } from './ohlc-aggregation.js';
import { OHLC_COLUMNS } from './ohlc-columns.js';
import { columnValue } from './value-column.js';

/** Share of the plot height the volume histogram of a candlestick chart takes, at the bottom. */
const VOLUME_FRACTION = 0.2;

/** The state of the types drawn from OHLC(V) rows: aggregated per pixel column, then rectangles. */
export interface PriceBarState {
  aggregation: OhlcAggregation;
  candles: CandleLayers;
}

export function createPriceBarState(): PriceBarState {
  return { aggregation: new OhlcAggregation(), candles: new CandleLayers() };
}

/** The frame's bars (memoized per window and width) counted in its LOD summary. */
export function aggregateForFrame(series: SeriesContext<PriceBarState>, target: DrawTarget): OhlcAggregate {
  const agg = series.state.aggregation.of(series.store, series.start, series.end, target.pane.width);
  target.lod.visiblePoints += agg.visibleBars;
  target.lod.drawnPoints += agg.count;
  if (agg.mode !== 'raw') target.lod.mode = 'm4';
  return agg;
}

const pair = new Uint32Array(2);

/** Candles and OHLC bars: the volume histogram under them (when the data has volume), then the bars. */
export function priceBarsModule(style: BarStyle): SeriesModule<PriceBarState> {
  return {
    type: style,
    columns: OHLC_COLUMNS,
    fallback: 'line',
    priceBars: true,
    createState: createPriceBarState,
    extent(series: SeriesContext<PriceBarState>, query: ExtentQuery) {
      // Candles span from the lowest low to the highest high.
      const { store } = series;
      store.pyramid('low').rangeMinMax(query.first, query.end, pair);
      if (pair[0] !== NO_INDEX) query.min = Math.min(query.min, store.column('low')[pair[0]!]!);
      store.pyramid('high').rangeMinMax(query.first, query.end, pair);
      if (pair[1] !== NO_INDEX) query.max = Math.max(query.max, store.column('high')[pair[1]!]!);
    },
    draw(series: SeriesContext<PriceBarState>, target: DrawTarget) {
      const agg = aggregateForFrame(series, target);
      const { store, theme, state } = series;
      const { pane, xScale, yScale, layers } = target;
      if (store.hasColumn('volume')) layers.push({ ...state.candles.volumes(agg, store.time, xScale, pane.width, pane.height, theme.up, theme.down, VOLUME_FRACTION, series.hooked === true), pane });
      layers.push({ ...state.candles.bodies(agg, store.time, xScale, yScale, pane.width, style, theme.up, theme.down, series.pixelRatio, series.hooked === true), pane });
    },
    tooltip: ohlcTooltip,
    legendValue: columnValue,
  };
}

/** The whole row: open, high, low, close (and volume), coloured by the bar's direction. */
export function ohlcTooltip(series: SeriesContext, index: number, out: SeriesValue[]): void {
  const { store, spec, theme } = series;
  const rising = store.column('close')[index]! >= store.column('open')[index]!;
  const color = rising ? theme.up : theme.down;
  const names = store.hasColumn('volume') ? ['open', 'high', 'low', 'close', 'volume'] : OHLC_COLUMNS;
  for (const name of names) out.push({ id: `${spec.id}.${name}`, name, color, value: store.column(name)[index]!, index });
}

import { lowerBound, upperBound } from '../../data/lod/search.js';
import type { SeriesModule } from '../series-type.js';
import { HistogramLayer } from '../shared/histogram-layer.js';
import { columnTooltip, columnValue, includeValue, seriesColumnExtent } from '../shared/value-column.js';

/** A histogram of a value column, from 0 (see HistogramLayer). */
export const barSeries: SeriesModule<HistogramLayer> = {
  type: 'bar',
  columns: [],
  createState: () => new HistogramLayer(),
  extent(series, query) {
    // Bars grow from 0, which must be in view.
    if (!query.positiveOnly) includeValue(query, 0);
    seriesColumnExtent(series, query);
  },
  draw(series, target) {
    const { store, spec, color } = series;
    const { pane, lod } = target;
    const time = store.time;
    const bars = series.state.build(spec.id, time, store.column(spec.column), store.length, store.pyramid(spec.column), target.xScale, target.yScale, pane.width, 0, color, color, series.hooked === true);
    lod.visiblePoints += upperBound(time, store.length, series.end) - lowerBound(time, store.length, series.start);
    lod.drawnPoints += bars.count * 2;
    target.layers.push({ ...bars, pane });
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

import type { SeriesModule } from '../series-type.js';
import { buildSeriesPath, createLineState, pushSeriesLine, type LineState } from '../shared/line-draw.js';
import { columnTooltip, columnValue, seriesColumnExtent } from '../shared/value-column.js';

/** A polyline through a value column, decimated with M4. */
export const lineSeries: SeriesModule<LineState> = {
  type: 'line',
  columns: [],
  createState: createLineState,
  extent: seriesColumnExtent,
  draw(series, target) {
    buildSeriesPath(series, target);
    pushSeriesLine(series, target);
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

import type { SeriesModule } from '../series-type.js';
import { buildSeriesPath, createLineState, pushSeriesLine, type LineState } from '../shared/line-draw.js';
import { columnTooltip, columnValue, seriesColumnExtent, withAlpha } from '../shared/value-column.js';

/** A line with the area under it filled down to the pane's bottom. */
export const areaSeries: SeriesModule<LineState> = {
  type: 'area',
  columns: [],
  createState: createLineState,
  extent: seriesColumnExtent,
  draw(series, target) {
    const path = buildSeriesPath(series, target);
    const fill = withAlpha(series.color, series.theme.areaOpacity);
    target.layers.push({ kind: 'area', id: `${series.spec.id}:fill`, points: path.points, count: path.count, fill, baseline: target.pane.height, pane: target.pane });
    pushSeriesLine(series, target);
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

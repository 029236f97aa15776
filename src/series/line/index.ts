import type { SeriesModule } from '../series-type.js';
import { columnAndRangeExtent, pushErrorBars } from '../shared/error-bars.js';
import { pushGpuLine } from '../shared/gpu-line.js';
import { buildSeriesPath, createLineState, pushSeriesLine, type LineState } from '../shared/line-draw.js';
import { columnTooltip, columnValue } from '../shared/value-column.js';
import { createRangeState, type RangeState } from '../shared/value-ranges.js';

/** A polyline through a value column, decimated with M4; error bars under it with `yError` or `yLow`/`yHigh`. */
export const lineSeries: SeriesModule<LineState & RangeState> = {
  type: 'line',
  columns: [],
  createState: () => ({ ...createLineState(), ...createRangeState() }),
  extent: columnAndRangeExtent,
  draw(series, target) {
    pushErrorBars(series, target);
    if (pushGpuLine(series, target)) return;
    buildSeriesPath(series, target);
    pushSeriesLine(series, target);
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

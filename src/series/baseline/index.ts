import { NO_INDEX } from '../../data/lod/minmax-pyramid.js';
import { lowerBound } from '../../data/lod/search.js';
import { isGapY } from '../../core/scene/frame-scene.js';
import type { SeriesContext, SeriesModule } from '../series-type.js';
import { buildSeriesPath, createLineState, pushSeriesLine, type LineState } from '../shared/line-draw.js';
import { columnTooltip, columnValue, seriesColumnExtent, withAlpha } from '../shared/value-column.js';

interface BaselineState extends LineState {
  /** The points below the base, moved to the lower clip rectangle's origin. */
  shifted: Float32Array;
}

/**
 * A line with fills against a base value: above it in the up colour, below it in the down colour.
 * Each fill is the area between the line and the base, clipped to its side of the base by drawing
 * it in a pane rectangle cut at the base's pixel row.
 */
export const baselineSeries: SeriesModule<BaselineState> = {
  type: 'baseline',
  columns: [],
  createState: () => ({ ...createLineState(), shifted: new Float32Array(0) }),
  extent: seriesColumnExtent,
  draw(series, target) {
    const path = buildSeriesPath(series, target);
    const { pane, yScale, layers } = target;
    const { theme, spec, state } = series;
    const count = path.count;
    const cut = Math.max(0, Math.min(pane.height, Math.round(yScale.toPixel(baseValueOf(series)))));
    if (cut > 0) {
      layers.push({ kind: 'area', id: `${spec.id}:above`, points: path.points, count, fill: withAlpha(theme.up, theme.areaOpacity), baseline: cut, pane: { x: pane.x, y: pane.y, width: pane.width, height: cut } });
    }
    if (cut < pane.height) {
      if (state.shifted.length < count * 2) state.shifted = new Float32Array(path.points.length);
      const shifted = state.shifted;
      const points = path.points;
      for (let k = 0; k < count * 2; k += 2) {
        shifted[k] = points[k]!;
        const y = points[k + 1]!;
        shifted[k + 1] = isGapY(y) ? y : y - cut;
      }
      layers.push({ kind: 'area', id: `${spec.id}:below`, points: shifted, count, fill: withAlpha(theme.down, theme.areaOpacity), baseline: 0, pane: { x: pane.x, y: pane.y + cut, width: pane.width, height: pane.height - cut } });
    }
    pushSeriesLine(series, target);
  },
  tooltip: columnTooltip,
  legendValue: columnValue,
};

/** The base: the series' `baseValue`, else the first visible point's value. */
function baseValueOf(series: SeriesContext<BaselineState>): number {
  const { spec, store } = series;
  if (spec.baseValue !== undefined) return spec.baseValue;
  const values = store.column(spec.column);
  const first = lowerBound(store.time, store.length, series.start);
  if (first < store.length && Number.isFinite(values[first]!)) return values[first]!;
  const { indices, indexCount } = series.state.path;
  for (let k = 0; k < indexCount; k++) if (indices[k] !== NO_INDEX && Number.isFinite(values[indices[k]!]!)) return values[indices[k]!]!;
  return 0;
}


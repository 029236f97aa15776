import type { Rgba } from '../../core/scene/frame-scene.js';
import type { MinMaxPyramid } from '../../data/lod/minmax-pyramid.js';
import { NO_INDEX } from '../../data/lod/minmax-pyramid.js';
import type { ExtentQuery, SeriesContext, SeriesValue } from '../series-type.js';
import type { SeriesStore } from '../../data/series-store.js';

/** Scratch for pyramid queries (extents are computed one at a time). */
const pair = new Uint32Array(2);

/** Widens `query` by the visible values of one column (the log-scale rule included). */
export function columnExtent(values: ArrayLike<number>, pyramid: MinMaxPyramid, query: ExtentQuery): void {
  const { first, end } = query;
  if (query.positiveOnly && end - first < 100_000) {
    // The pyramid's minimum may be ≤ 0; log scales need the smallest positive value.
    for (let i = first; i < end; i++) {
      const v = values[i]!;
      if (v > 0 && v < query.min) query.min = v;
      if (v > query.max) query.max = v;
    }
    return;
  }
  pyramid.rangeMinMax(first, end, pair);
  if (pair[0] === NO_INDEX) return;
  query.min = Math.min(query.min, values[pair[0]!]!);
  query.max = Math.max(query.max, values[pair[1]!]!);
}

/** The pyramid a column's extent reads: a coarse one when the frame's LOD runs on the GPU. */
export function extentPyramid(store: SeriesStore, column: string, query: ExtentQuery): MinMaxPyramid {
  return query.gpuLod ? store.extentPyramid(column) : store.pyramid(column);
}

/** Widens `query` to include `value` (a base that must stay in view). */
export function includeValue(query: ExtentQuery, value: number): void {
  query.min = Math.min(query.min, value);
  query.max = Math.max(query.max, value);
}

/** The extent of a series drawn from its own column. */
export function seriesColumnExtent(series: SeriesContext, query: ExtentQuery): void {
  columnExtent(series.store.column(series.spec.column), extentPyramid(series.store, series.spec.column, query), query);
}

/** The tooltip row of a series drawn from its own column: its value at the row. */
export function columnTooltip(series: SeriesContext, index: number, out: SeriesValue[]): void {
  const { spec } = series;
  out.push({ id: spec.id, name: spec.name, color: series.color, value: series.store.column(spec.column)[index]!, index });
}

/** The legend value of a series: its column at the row. */
export function columnValue(series: SeriesContext, index: number): number {
  return series.store.column(series.spec.column)[index]!;
}

/** The same colour with its alpha scaled. */
export function withAlpha(color: Rgba, alpha: number): Rgba {
  return [color[0], color[1], color[2], color[3] * alpha];
}

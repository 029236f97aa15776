import { seriesType } from '../../series/registry.js';
import { typeOptions, type SeriesOptions, type SeriesSpec, type SeriesType } from '../../series/shared/series-spec.js';

/**
 * The series of a 3D chart: the user's items of a 3D type (or of no type: the chart's), else one
 * series of the chart's type. Unlike 2D series they draw no column of rows: the chart's grid or
 * point columns are their data, so nothing is filtered by column names.
 */
export function resolve3dSeries(options: readonly SeriesOptions[] | null, type: SeriesType, lineWidth: number): SeriesSpec[] {
  const list = (options ?? []).filter((o) => seriesType(o.type ?? type)?.three !== undefined);
  const items: readonly SeriesOptions[] = list.length > 0 ? list : [{ column: 'z', id: type }];
  return items.map((o) => ({
    id: o.id ?? (o.column || type),
    column: o.column || 'z',
    type: o.type ?? type,
    name: o.name ?? type,
    color: o.color ?? null,
    lineWidth: o.lineWidth ?? lineWidth,
    visible: o.visible ?? true,
    ...typeOptions(o),
  }));
}

import { BAR_TYPES, seriesType } from './registry.js';
import { hasOhlc } from './shared/ohlc-columns.js';
import type { SeriesOptions, SeriesSpec, SeriesType } from './shared/series-spec.js';

/**
 * The series to draw: the user's list when given (keeping only columns that exist), otherwise one
 * series per value column of the data, of the chart's default type.
 */
export function resolveSeries(
  columns: readonly string[],
  options: readonly SeriesOptions[] | null,
  defaultType: SeriesType,
  defaultWidth = 1.5,
  /** Chart-wide defaults of `density`, `densityScale` and `cluster` (a series' own value wins). */
  seriesDefaults: Pick<SeriesOptions, 'density' | 'densityScale' | 'cluster'> = {},
): SeriesSpec[] {
  // A bar chart of OHLC data is one series over the four price columns (volume is drawn with it).
  if (!(options && options.length > 0) && BAR_TYPES.includes(defaultType) && hasOhlc(columns)) {
    return [{ id: 'ohlc', column: 'close', type: defaultType, name: 'OHLC', color: null, lineWidth: defaultWidth, visible: true }];
  }
  // A scatter chart by default: one scatter per value column against the column `x`, which is not a series itself.
  const defaults = defaultType === 'scatter' && columns.includes('x') ? columns.filter((c) => c !== 'x') : columns;
  const list: readonly SeriesOptions[] = options && options.length > 0 ? options : defaults.map((column) => ({ column }));
  // A type whose columns are missing is drawn as its fallback (the element reports it): candlestick
  // and OHLC as a line; volume, coloured by each bar's direction, as a plain bar series of its column.
  const typeFor = (type: SeriesType): SeriesType => {
    let module = seriesType(type);
    while (module && !module.columns.every((name) => columns.includes(name))) module = module.fallback === undefined ? undefined : seriesType(module.fallback);
    return (module?.type as SeriesType | undefined) ?? (seriesType(type) ? 'line' : type);
  };
  // A band may name only its two edges: it is then keyed by its upper edge's column.
  const bandColumn = (o: SeriesOptions): string | null => (o.yLow && o.yHigh && columns.includes(o.yLow) && columns.includes(o.yHigh) ? o.yHigh : null);
  return list
    .filter((o) => columns.includes(o.column) || ((o.type ?? defaultType) === 'band' && bandColumn(o) !== null))
    .map((o) => ({
      id: o.id ?? o.column,
      column: columns.includes(o.column) ? o.column : bandColumn(o)!,
      type: typeFor(o.type ?? defaultType),
      name: o.name ?? o.column,
      color: o.color ?? null,
      lineWidth: o.lineWidth ?? defaultWidth,
      visible: o.visible ?? true,
      ...(o.baseValue !== undefined && Number.isFinite(o.baseValue) ? { baseValue: o.baseValue } : {}),
      ...(o.yAxis !== undefined ? { yAxis: o.yAxis } : {}),
      ...heatmapFields(o),
      ...scatterFields(o),
      ...rangeAndDensityOptions({ ...o, density: o.density ?? seriesDefaults.density, densityScale: o.densityScale ?? seriesDefaults.densityScale, cluster: o.cluster ?? seriesDefaults.cluster }),
    }));
}

/** The heatmap options a series item sets (left out when unset, so chart defaults apply). */
function heatmapFields(o: SeriesOptions): Partial<SeriesSpec> {
  const out: Partial<SeriesSpec> = {};
  if (o.interpolation !== undefined) out.interpolation = o.interpolation;
  if (o.colormap !== undefined) out.colormap = o.colormap;
  if (o.colorScale !== undefined) out.colorScale = o.colorScale;
  if (o.colorMin !== undefined && Number.isFinite(o.colorMin)) out.colorMin = o.colorMin;
  if (o.colorMax !== undefined && Number.isFinite(o.colorMax)) out.colorMax = o.colorMax;
  return out;
}

/** The scatter options a series names (only those given; checked by the scatter module's resolveScatter). */
function scatterFields(o: SeriesOptions): Partial<SeriesSpec> {
  const out: Partial<SeriesSpec> = {};
  if (o.x !== undefined) out.x = o.x;
  if (o.size !== undefined) out.size = o.size;
  if (o.colorBy !== undefined) out.colorBy = o.colorBy;
  if (o.categorical !== undefined) out.categorical = o.categorical;
  if (o.marker !== undefined) out.marker = o.marker;
  if (o.markerSize !== undefined) out.markerSize = o.markerSize;
  return out;
}

/** The error-bar, band, density and cluster options a series gave (issue 11), copied when set. */
function rangeAndDensityOptions(o: SeriesOptions): Partial<SeriesSpec> {
  const out: Partial<SeriesSpec> = {};
  if (o.yError) out.yError = o.yError;
  if (o.yLow) out.yLow = o.yLow;
  if (o.yHigh) out.yHigh = o.yHigh;
  if (o.density === 'on' || o.density === 'off') out.density = o.density;
  if (o.densityScale === 'log' || o.densityScale === 'linear') out.densityScale = o.densityScale;
  if (o.cluster === 'grid' || o.cluster === 'off') out.cluster = o.cluster;
  return out;
}

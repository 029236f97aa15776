import { BAR_TYPES, seriesType } from './registry.js';
import { hasOhlc } from './shared/ohlc-columns.js';
import { typeOptions, type SeriesOptions, type SeriesSpec, type SeriesType } from './shared/series-spec.js';

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
      // The chart-wide density defaults apply where the series says nothing.
      ...typeOptions({ ...o, density: o.density ?? seriesDefaults.density, densityScale: o.densityScale ?? seriesDefaults.densityScale, cluster: o.cluster ?? seriesDefaults.cluster }),
    }));
}

import type { Rgba } from '../../core/scene/frame-scene.js';
import { BAR_TYPES, seriesType } from '../registry.js';
import { hasOhlc } from './ohlc-columns.js';

export { hasOhlc, OHLC_COLUMNS } from './ohlc-columns.js';

/** The built-in types (more may be registered: see registry.ts). */
export type SeriesType = 'line' | 'area' | 'baseline' | 'bar' | 'volume' | 'candlestick' | 'ohlc';

/** A series as the user may describe it (every field optional but the column). */
export interface SeriesOptions {
  /** Value column drawn by this series. */
  column: string;
  id?: string;
  type?: SeriesType;
  name?: string;
  /** A colour already resolved to RGBA (the element resolves CSS colours). */
  color?: Rgba | null;
  /** Stroke width in CSS pixels. */
  lineWidth?: number;
  visible?: boolean;
  /** A baseline series' base value (default: the first visible value). */
  baseValue?: number;
}

/** A series with every field decided. */
export interface SeriesSpec {
  id: string;
  column: string;
  type: SeriesType;
  name: string;
  color: Rgba | null;
  lineWidth: number;
  visible: boolean;
  /** A baseline series' base value; undefined: the first visible value. */
  baseValue?: number;
}

/**
 * The series to draw: the user's list when given (keeping only columns that exist), otherwise one
 * series per value column of the data, of the chart's default type.
 */
export function resolveSeries(columns: readonly string[], options: readonly SeriesOptions[] | null, defaultType: SeriesType, defaultWidth = 1.5): SeriesSpec[] {
  // A bar chart of OHLC data is one series over the four price columns (volume is drawn with it).
  if (!(options && options.length > 0) && BAR_TYPES.includes(defaultType) && hasOhlc(columns)) {
    return [{ id: 'ohlc', column: 'close', type: defaultType, name: 'OHLC', color: null, lineWidth: defaultWidth, visible: true }];
  }
  const list: readonly SeriesOptions[] = options && options.length > 0 ? options : columns.map((column) => ({ column }));
  // A type whose columns are missing is drawn as its fallback (the element reports it): candlestick
  // and OHLC as a line; volume, coloured by each bar's direction, as a plain bar series of its column.
  const typeFor = (type: SeriesType): SeriesType => {
    let module = seriesType(type);
    while (module && !module.columns.every((name) => columns.includes(name))) module = module.fallback === undefined ? undefined : seriesType(module.fallback);
    return (module?.type as SeriesType | undefined) ?? (seriesType(type) ? 'line' : type);
  };
  return list
    .filter((o) => columns.includes(o.column))
    .map((o) => ({
      id: o.id ?? o.column,
      column: o.column,
      type: typeFor(o.type ?? defaultType),
      name: o.name ?? o.column,
      color: o.color ?? null,
      lineWidth: o.lineWidth ?? defaultWidth,
      visible: o.visible ?? true,
      ...(o.baseValue !== undefined && Number.isFinite(o.baseValue) ? { baseValue: o.baseValue } : {}),
    }));
}

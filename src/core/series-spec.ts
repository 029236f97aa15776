import type { Rgba } from './scene/frame-scene.js';

export type SeriesType = 'line' | 'area' | 'baseline' | 'bar' | 'volume' | 'candlestick' | 'ohlc';
export const SERIES_TYPES: readonly SeriesType[] = ['line', 'area', 'baseline', 'bar', 'volume', 'candlestick', 'ohlc'];

/** Series types drawn from open/high/low/close columns rather than one value column. */
export const BAR_TYPES: readonly SeriesType[] = ['candlestick', 'ohlc'];
export const OHLC_COLUMNS = ['open', 'high', 'low', 'close'] as const;

/** Whether the data has the four price columns candlestick and OHLC series need. */
export function hasOhlc(columns: readonly string[]): boolean {
  return OHLC_COLUMNS.every((name) => columns.includes(name));
}

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
  // Bar types need OHLC columns; without them a series is drawn as a line (the element reports it).
  // A volume histogram is coloured by each bar's direction, which needs open and close; without
  // them it is a plain bar series of its column.
  const typeFor = (type: SeriesType): SeriesType => {
    if (BAR_TYPES.includes(type) && !hasOhlc(columns)) return 'line';
    if (type === 'volume' && !(hasOhlc(columns) && columns.includes('volume'))) return 'bar';
    return type;
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

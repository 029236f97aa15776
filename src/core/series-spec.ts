import type { Rgba } from '../render/frame-scene.js';

export type SeriesType = 'line' | 'area';
export const SERIES_TYPES: readonly SeriesType[] = ['line', 'area'];

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
}

/**
 * The series to draw: the user's list when given (keeping only columns that exist), otherwise one
 * series per value column of the data, of the chart's default type.
 */
export function resolveSeries(columns: readonly string[], options: readonly SeriesOptions[] | null, defaultType: SeriesType, defaultWidth = 1.5): SeriesSpec[] {
  const list: readonly SeriesOptions[] = options && options.length > 0 ? options : columns.map((column) => ({ column }));
  return list
    .filter((o) => columns.includes(o.column))
    .map((o) => ({
      id: o.id ?? o.column,
      column: o.column,
      type: o.type ?? defaultType,
      name: o.name ?? o.column,
      color: o.color ?? null,
      lineWidth: o.lineWidth ?? defaultWidth,
      visible: o.visible ?? true,
    }));
}

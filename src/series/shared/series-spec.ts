import type { ColormapSpec } from '../../core/colormap/index.js';
import type { GridColorScale, GridInterpolation, MarkerShape, Rgba } from '../../core/scene/frame-scene.js';

export { hasOhlc, OHLC_COLUMNS } from './ohlc-columns.js';

/** The built-in types (more may be registered: see registry.ts). */
export type SeriesType = 'line' | 'area' | 'baseline' | 'bar' | 'volume' | 'candlestick' | 'ohlc' | 'heatmap' | 'scatter' | 'band' | 'surface' | 'points3d' | 'bars3d';

/**
 * What particular series types read besides the fields every series has: each optional, left out
 * when not given (the type's or the chart's default applies). SeriesOptions and SeriesSpec share it.
 */
export interface SeriesTypeOptions {
  /** A baseline series' base value (default: the first visible value). */
  baseValue?: number;
  /** The id of the value axis this series is drawn against (default: the chart's default axis). */
  yAxis?: string;
  /** Heatmap: how pixels between cell centres are coloured (default: the chart's `interpolation`, else nearest). */
  interpolation?: GridInterpolation;
  /** Heatmap and scatter colour-by: a colormap name or custom stops (default: the chart's `colormap`, else viridis). */
  colormap?: ColormapSpec;
  /** Heatmap: linear or log10 colour scale (default linear). */
  colorScale?: GridColorScale;
  /** Heatmap: the value at the bottom / top of the colormap (default: the grid's finite min / max). */
  colorMin?: number;
  colorMax?: number;
  /**
   * Scatter: the x column (undefined: a value column named `x` if there is one, else the row key),
   * the size column (CSS px diameters), the colour column, categorical colours instead of the
   * colormap, the marker shape (default circle) and constant size (CSS px, default 4).
   */
  x?: string;
  size?: string;
  colorBy?: string;
  categorical?: boolean;
  marker?: MarkerShape;
  markerSize?: number;
  /** Error bars: a column of symmetric errors (the bar spans value ± error). Line (and scatter) series. */
  yError?: string;
  /** Error bars (line, scatter) or a band's lower edge: a column of low values. Used with `yHigh`. */
  yLow?: string;
  /** Error bars (line, scatter) or a band's upper edge: a column of high values. Used with `yLow`. */
  yHigh?: string;
  /** Scatter series: 'on' draws a density map (a 2D histogram of every point) instead of markers. */
  density?: 'on' | 'off';
  /** How density counts map to the colormap: 'log' (default) or 'linear'. */
  densityScale?: 'log' | 'linear';
  /** Scatter series: 'grid' groups points per screen cell into one sized, counted marker. */
  cluster?: 'grid' | 'off';
  /** Points3d: the y and z columns (default `y`, `z`; `x` names the x column, default `x`). */
  y?: string;
  z?: string;
  /** Surface: draw the grid's lines over it (default false). */
  wireframe?: boolean;
  /** Surface: iso-height contour lines, this many levels evenly spaced over the colour range (default 0: none). */
  contours?: number;
}

/** Every key of SeriesTypeOptions (a Record, so the compiler keeps the list complete). */
const TYPE_OPTION_KEYS: Record<keyof SeriesTypeOptions, true> = {
  baseValue: true, yAxis: true, interpolation: true, colormap: true, colorScale: true, colorMin: true, colorMax: true,
  x: true, size: true, colorBy: true, categorical: true, marker: true, markerSize: true,
  yError: true, yLow: true, yHigh: true, density: true, densityScale: true, cluster: true,
  y: true, z: true, wireframe: true, contours: true,
};

/** The type options given in `options`: empty strings and non-finite numbers count as not given. */
export function typeOptions(options: SeriesTypeOptions): SeriesTypeOptions {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(TYPE_OPTION_KEYS) as (keyof SeriesTypeOptions)[]) {
    const value = options[key];
    if (value === undefined || value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) continue;
    out[key] = value;
  }
  return out as SeriesTypeOptions;
}

/** A series as the user may describe it (every field optional but the column). */
export interface SeriesOptions extends SeriesTypeOptions {
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

/** A series with every field decided (type options: as given, see SeriesTypeOptions). */
export interface SeriesSpec extends SeriesTypeOptions {
  id: string;
  column: string;
  type: SeriesType;
  name: string;
  color: Rgba | null;
  lineWidth: number;
  visible: boolean;
}

import type { ColormapSpec } from '../../core/colormap/index.js';
import type { GridColorScale, GridInterpolation, MarkerShape, Rgba } from '../../core/scene/frame-scene.js';

export { hasOhlc, OHLC_COLUMNS } from './ohlc-columns.js';

/** The built-in types (more may be registered: see registry.ts). */
export type SeriesType = 'line' | 'area' | 'baseline' | 'bar' | 'volume' | 'candlestick' | 'ohlc' | 'heatmap' | 'scatter' | 'band';

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
  /** Scatter options (see ScatterOptions in series/scatter): the x column, sizes, colours, shape. */
  x?: string;
  size?: string;
  colorBy?: string;
  categorical?: boolean;
  marker?: MarkerShape;
  markerSize?: number;
  // --- error bars, bands, density and clustering (issue 11, parts 3 and 5) ---
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
  /** Its value axis id; undefined: the default axis. */
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
   * the size column (CSS px diameters), the colour column, its colormap (default viridis) or
   * categorical colours, the marker shape (default circle) and constant size (CSS px, default 4).
   */
  x?: string;
  size?: string;
  colorBy?: string;
  categorical?: boolean;
  marker?: MarkerShape;
  markerSize?: number;
  /** See SeriesOptions (error bars, bands, density, clustering); absent when not given. */
  yError?: string;
  yLow?: string;
  yHigh?: string;
  density?: 'on' | 'off';
  densityScale?: 'log' | 'linear';
  cluster?: 'grid' | 'off';
}

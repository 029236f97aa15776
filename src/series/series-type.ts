import type { ColormapSpec } from '../core/colormap/index.js';
import type { GridStore } from '../data/grid.js';
import type { SeriesStore } from '../data/series-store.js';
import type { ValueScale, XScale } from '../core/scales.js';
import type { GridColorScale, GridInterpolation, PlotRect, Rgba, SceneLayer } from '../core/scene/frame-scene.js';
import type { Theme } from '../core/theme.js';
import type { SeriesSpec } from './shared/series-spec.js';
import type { Series3d } from './shared/series-3d.js';
import type { ColorBar, LodSummary } from './shared/frame-parts.js';

export type { ColorBar, LodSummary } from './shared/frame-parts.js';

/** One row of the crosshair tooltip. */
export interface SeriesValue {
  id: string;
  name: string;
  color: Rgba;
  value: number;
  index: number;
}

/**
 * The renderer can reduce lines on the GPU (ResidentLineLayer, shaders/m4.wgsl): set by the chart
 * only for WebGPU on a real GPU (or when pinned on), null otherwise.
 */
export interface GpuLod {
  /** The longest column one GPU binding holds; longer series stay on the CPU path. */
  maxRows: number;
  /** Shorter series stay on the CPU path (its pyramid is cheap there and the upload is not). */
  minRows: number;
}

/**
 * One series as its module sees it. The model keeps one such object per frame and refills it
 * for each series, so that drawing allocates nothing per series.
 */
export interface SeriesContext<State = unknown> {
  spec: SeriesSpec;
  /** The series' colour, resolved (its own or the palette's). */
  color: Rgba;
  /** What the module's `createState()` returned for this series (its frame-reused buffers). */
  state: State;
  store: SeriesStore;
  theme: Theme;
  pixelRatio: number;
  /** The visible time window. */
  start: number;
  end: number;
  /** The chart's grid (heatmap data), when its data is a grid. */
  grid?: GridStore | null;
  /** The chart's defaults for heatmap series (the `interpolation` and `colormap` attributes). */
  heatmap?: HeatmapDefaults;
  /** While picking: the main pane's value under the pointer (a heatmap's row). */
  cursorY?: number;
  /**
   * A custom-shader hook is attached to this series this frame (ChartModel.shaderHooks). Only then
   * do builders write what hooks read (RectsLayer.hookInputs); absent: not hooked.
   */
  hooked?: boolean;
}

/** Chart-wide defaults of heatmap series; a series' own options win. */
export interface HeatmapDefaults {
  interpolation?: GridInterpolation;
  colormap?: ColormapSpec;
  colorScale?: GridColorScale;
}

/** Where and how a series draws in one frame. */
export interface DrawTarget {
  /** The pane rectangle (device px); layers are relative to it. */
  pane: PlotRect;
  /** Data x ↔ pane px (time, linear or log: use toPixel/fromPixel, never assume time). */
  xScale: XScale;
  /** The series' own y axis (the default one unless its `yAxis` names another). */
  yScale: ValueScale;
  /** M4 columns across the pane (Infinity: every point), from the chart's LOD options. */
  lodColumns: number;
  /** Layers go here, back to front. */
  layers: SceneLayer[];
  lod: LodSummary;
  /** GPU level of detail, when the renderer offers it (see GpuLod). */
  gpuLod?: GpuLod | null;
  /** Colour bars for the overlay's legend (heatmaps; any series with a colour scale). */
  colorBars?: ColorBar[];
}

/** A value range being accumulated over series: each module widens `min`/`max`. */
export interface ExtentQuery {
  /** Visible rows [first, end). */
  first: number;
  end: number;
  /** A log scale: only values > 0 count, and 0 need not be in view. */
  positiveOnly: boolean;
  /** Set by a series whose extent is exact (a heatmap's grid edges): the range gets no headroom. */
  exact?: boolean;
  /** The plot width in device px (for series that aggregate per pixel column). */
  plotWidth: number;
  /**
   * This frame's level of detail runs on the GPU (quality.gpuLod): no fine min/max pyramid is
   * needed, so extents read a coarse one (SeriesStore.extentPyramid), cheaper to build.
   */
  gpuLod?: boolean;
  min: number;
  max: number;
}

/**
 * Everything one series type knows. A type is a folder under src/series/ exporting one of these,
 * listed in the registry; the chart model only ever calls these methods.
 */
export interface SeriesModule<State = unknown> {
  /** The `type` users write. */
  readonly type: string;
  /** Data columns the type needs besides the series' own column. */
  readonly columns: readonly string[];
  /** The type drawn instead when `columns` are missing from the data. */
  readonly fallback?: string;
  /**
   * Drawn from the row's open/high/low/close rather than one value column: as the chart's default
   * type, OHLC data gives one such series; its tooltip shows the whole row.
   */
  readonly priceBars?: boolean;
  /** The per-series buffers reused frame after frame (decimator, points, aggregator…). */
  createState(): State;
  /** Widens `query` by the series' visible values. */
  extent(series: SeriesContext<State>, query: ExtentQuery): void;
  /** Pushes the series' primitive layers. */
  draw(series: SeriesContext<State>, target: DrawTarget): void;
  /** Pushes the tooltip rows of row `index`. */
  tooltip(series: SeriesContext<State>, index: number, out: SeriesValue[]): void;
  /** The value the legend shows for row `index`. */
  legendValue(series: SeriesContext<State>, index: number): number;
  /**
   * Optional: the x range the series covers (a scatter's x column), widening `out` ([min, max]).
   * The chart's x bounds (what a reset shows) are the union of these, plus the row keys' range for
   * series without one. Called when data or series change, not per frame.
   */
  xExtent?(series: SeriesContext<State>, out: [number, number]): void;
  /**
   * Optional: the row drawn nearest to a pane-relative device-px point, within the series' own
   * hit radius, or null. The pointer then picks that row instead of the nearest row key (see
   * ChartModel.pick); series with it are left out of the key-snapped tooltip.
   */
  nearest?(series: SeriesContext<State>, px: number, py: number, target: PickTarget): NearestHit | null;
  /** Optional: the type is drawn in 3D (surface, points3d, bars3d); see shared/series-3d.ts. */
  readonly three?: Series3d<State>;
}

/** Where a series is picked: its pane and scales, as in DrawTarget. */
export interface PickTarget {
  pane: PlotRect;
  xScale: XScale;
  yScale: ValueScale;
}

/** A row found by SeriesModule.nearest: its index, distance and pane-relative device-px position. */
export interface NearestHit {
  index: number;
  distance: number;
  x: number;
  y: number;
}

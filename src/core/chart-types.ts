import type { ColorBar, GpuLod, HeatmapDefaults, LodSummary, SeriesValue } from '../series/series-type.js';
import type { SeriesType } from '../series/shared/series-spec.js';
import type { GridStyle } from './grid-layers.js';
import type { FrameScene, Rgba } from './scene/frame-scene.js';
import type { ScaleKind, XAxisKind } from './scales.js';
import type { Theme } from './theme.js';
import type { Axis3dLabel } from './three/axes-3d.js';

// What the chart model takes and gives: its options, frames, picks and legends.

export interface AxisLabel {
  /** CSS pixels from the element's left (x axis) or top (y axis) edge. */
  position: number;
  label: string;
  major: boolean;
}

export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A pane as the element lays out its DOM around it (titles, separators). */
export interface PaneInfo {
  id: string;
  /** CSS pixels within the element. */
  rect: CssRect;
  /** The names of the series drawn in it (an indicator pane's title). */
  title: string;
  /** Its value range, bottom to top. */
  yRange: [number, number];
}

/** The id of the default value axis (the one `y-scale` / `axes.y` configure). */
export const DEFAULT_Y_AXIS = 'y';

export type AxisSide = 'left' | 'right';

/** A value axis of the main pane besides the default one. */
export interface YAxisSpec {
  id: string;
  side: AxisSide;
  scale: ScaleKind;
  /** Fixed bounds; either omitted: that end follows the visible data of the axis' series. */
  min?: number;
  max?: number;
  title?: string;
  /** Appended to the title: "Voltage (mV)". */
  unit?: string;
}

/** A value axis as drawn in a frame (main pane). */
export interface YAxisInfo {
  id: string;
  side: AxisSide;
  scale: ScaleKind;
  /** Its strip beside the plot: left edge and width, CSS px within the element. */
  x: number;
  width: number;
  /** Title with its unit ('' when none). */
  title: string;
  /** Its tick labels (positions: CSS px from the element's top). */
  labels: AxisLabel[];
  /** Its value range, bottom to top. */
  range: [number, number];
}

/** An axis title with its unit appended: "Voltage (mV)", "(mV)", "Voltage" or ''. */
export function axisTitle(title?: string, unit?: string): string {
  const t = title?.trim() ?? '';
  const u = unit?.trim() ?? '';
  return u ? (t ? `${t} (${u})` : `(${u})`) : t;
}

export interface FrameResult {
  scene: FrameScene;
  xLabels: AxisLabel[];
  /** Value labels of every pane, positioned in their pane: the default axis' in the main pane. */
  yLabels: AxisLabel[];
  /** What the x axis measures (labels and the crosshair header follow it). */
  xKind: XAxisKind;
  /** The x axis title with its unit ('' when none). */
  xTitle: string;
  /** The main pane's value axes, the default one first, each with its labels. */
  yAxes: YAxisInfo[];
  /** The plot rectangle in CSS pixels: all panes, top to bottom (the time axis they share). */
  plot: CssRect;
  /** The panes, main (price) pane first; one when no indicator has a pane of its own. */
  panes: PaneInfo[];
  lod: LodSummary;
  /** The main pane's value range. */
  yRange: [number, number];
  /** Colour bars the series asked for (heatmaps), for the overlay's legend. */
  colorBars?: ColorBar[];
  /** 3D charts: the labels of the box's axes (CSS px within the element). */
  labels3d?: Axis3dLabel[];
}

export interface CrosshairInfo {
  /** The row key under the pointer: a time, or the x (or row index) on numeric axes. */
  time: number;
  /** The pane under the pointer. */
  pane: string;
  /** CSS pixels within the element, snapped to the nearest data point in time. */
  x: number;
  y: number;
  values: SeriesValue[];
  /** The tooltip's header instead of the formatted x (3D charts: the series' name). */
  title?: string;
  /** Picked in a 3D chart: no crosshair lines (they mean nothing in perspective). */
  three?: boolean;
}

export interface ChartModelOptions {
  theme: Theme;
  timeZone: string;
  /** The default value axis' scale. */
  yScale: ScaleKind;
  /** What the x axis measures: time (epoch ms) or numbers (linear, log10). */
  xAxis: XAxisKind;
  /** The default value axis' side, title and unit. */
  ySide: AxisSide;
  yTitle?: string;
  yUnit?: string;
  xTitle?: string;
  xUnit?: string;
  /** Value axes besides the default one; series name one with `yAxis`. */
  yAxes: YAxisSpec[];
  defaultType: SeriesType;
  grid: boolean;
  /** Grid lines: solid, dashed (6 on, 4 off) or dotted (1 on, 3 off), in CSS px. */
  gridStyle: GridStyle;
  /**
   * Level of detail, 0..1: up to 0.5, one M4 column per device pixel (pixel-exact); from there
   * linearly wider columns, four pixels each at 1 (a quarter of the points, coarser lines).
   */
  lodAggressiveness: number;
  /** 'auto': M4 decimation when a pixel column holds more than 4 points; 'off': draw every point. */
  lod: 'auto' | 'off';
  /** Lines reduced on the GPU when the renderer can (WebGPU on a real GPU); null: on the CPU. */
  gpuLod?: GpuLod | null;
  /** Default stroke width of series, CSS px. */
  lineWidth: number;
  /** Defaults of heatmap series (the `interpolation` and `colormap` attributes). */
  heatmap?: HeatmapDefaults;
  /** Defaults of scatter series' `density`, `densityScale` and `cluster` (the chart's attributes). */
  seriesDefaults?: SeriesDefaults;
}

/** Chart-wide defaults of series options (issue 11: density and clustering of scatter series). */
export interface SeriesDefaults {
  density?: 'on' | 'off';
  densityScale?: 'log' | 'linear';
  cluster?: 'grid' | 'off';
}

/** A legend line: a series' name, colour and value at the hovered (or last) row. */
export interface LegendEntry {
  id: string;
  name: string;
  color: Rgba;
  value: number;
  visible: boolean;
}


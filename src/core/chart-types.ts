import type { LodSummary, SeriesValue } from '../series/series-type.js';
import type { SeriesType } from '../series/shared/series-spec.js';
import type { GridStyle } from './grid-layers.js';
import type { FrameScene, Rgba } from './scene/frame-scene.js';
import type { ScaleKind } from './scales.js';
import type { Theme } from './theme.js';

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

export interface FrameResult {
  scene: FrameScene;
  xLabels: AxisLabel[];
  /** Value labels of every pane, positioned in their pane. */
  yLabels: AxisLabel[];
  /** The plot rectangle in CSS pixels: all panes, top to bottom (the time axis they share). */
  plot: CssRect;
  /** The panes, main (price) pane first; one when no indicator has a pane of its own. */
  panes: PaneInfo[];
  lod: LodSummary;
  /** The main pane's value range. */
  yRange: [number, number];
}

export interface CrosshairInfo {
  time: number;
  /** The pane under the pointer. */
  pane: string;
  /** CSS pixels within the element, snapped to the nearest data point in time. */
  x: number;
  y: number;
  values: SeriesValue[];
}

export interface ChartModelOptions {
  theme: Theme;
  timeZone: string;
  yScale: ScaleKind;
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
  /** Default stroke width of series, CSS px. */
  lineWidth: number;
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


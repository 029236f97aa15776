import type { ColumnarData } from '../data/columnar.js';
import { M4Decimator, visibleRange, type LodMode } from '../data/lod/m4.js';
import { MinMaxPyramid, NO_INDEX } from '../data/lod/minmax-pyramid.js';
import { lowerBound, nearestIndex, upperBound } from '../data/lod/search.js';
import { SeriesStore } from '../data/series-store.js';
import { isGapY, type FrameScene, type Rgba, type SceneLayer } from './scene/frame-scene.js';
import { canvasPixels, plotRect, type ChartSize } from './layout.js';
import { HistogramLayer } from './histogram-layer.js';
import { layoutPanes, MAIN_PANE, MAIN_PANE_WEIGHT, MIN_PANE_CSS, moveSeparator, PANE_GAP_CSS, type PaneRect } from './panes.js';
import type { PlotRect } from './scene/frame-scene.js';
import { createTimeScale, createValueScale, paddedRange, type ScaleKind, type TimeScale, type ValueScale } from './scales.js';
import { indicesToPoints } from './series-points.js';
import { BAR_TYPES, resolveSeries, type SeriesOptions, type SeriesSpec, type SeriesType } from './series-spec.js';
import { CandleLayers } from './candle-layers.js';
import { OhlcAggregator, type OhlcAggregate } from '../data/lod/ohlc-aggregate.js';
import { LIGHT_THEME, type Theme } from './theme.js';
import { linearTicks, logTicks } from './ticks/value-ticks.js';
import { timeTicks } from './ticks/time-ticks.js';
import { Viewport } from './viewport.js';

export interface AxisLabel {
  /** CSS pixels from the element's left (x axis) or top (y axis) edge. */
  position: number;
  label: string;
  major: boolean;
}

export interface LodSummary {
  mode: LodMode;
  /** Data points inside the window, over all series. */
  visiblePoints: number;
  /** Points sent to the renderer, over all series. */
  drawnPoints: number;
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

export interface SeriesValue {
  id: string;
  name: string;
  color: Rgba;
  value: number;
  index: number;
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
  gridStyle: 'solid' | 'dashed' | 'dotted';
  /**
   * Level of detail, 0..1: up to 0.5, one M4 column per device pixel (pixel-exact); from there
   * linearly wider columns, four pixels each at 1 (a quarter of the points, coarser lines).
   */
  lodAggressiveness: number;
  /** 'auto': M4 decimation when a pixel column holds more than 4 points; 'off': draw every point. */
  lod: 'auto' | 'off';
  /** Default stroke width of series, CSS px. */
  lineWidth: number;
}

/**
 * A series computed from the data (an indicator output), aligned with the data's time column and
 * drawn as a line over the price series.
 */
export interface DerivedSeries {
  id: string;
  name: string;
  values: Float64Array;
  color: Rgba | null;
  /** CSS px. */
  lineWidth: number;
  /** The pane it is drawn in: MAIN_PANE (over the price series, the default) or an indicator pane's id. */
  pane?: string;
  /** A line (default) or a histogram from 0 (MACD's), coloured up/down by sign. */
  style?: 'line' | 'histogram';
  /**
   * Rows valid in `values` (default: its length). Streaming indicators keep spare capacity, so
   * their arrays may be longer than the data.
   */
  length?: number;
  /** Reference levels drawn as dashed lines across its pane (and kept in its value range). */
  levels?: readonly number[];
  /** The producer's label, shared by its outputs (an indicator pane's title), e.g. "MACD(12, 26, 9)". */
  label?: string;
  /** The min/max pyramid of `values`, when the producer keeps one up to date (else the model builds one). */
  pyramid?: MinMaxPyramid;
}

/** Per series, reused frame after frame so the frame path allocates almost nothing. */
interface SeriesBuffers {
  decimator: M4Decimator;
  points: Float32Array;
  aggregator: OhlcAggregator;
  candles: CandleLayers;
  histogram: HistogramLayer;
  /** A baseline series' points below its base, moved to the lower clip rectangle's origin. */
  shifted: Float32Array;
  /** The last OHLC aggregation and what it was computed for (see `aggregate`). */
  aggregated?: OhlcAggregate;
  aggregatedKey?: string;
  aggregatedStore?: SeriesStore;
}

/** Grid dash patterns, [on, off] in CSS px (off 0: solid). */
const GRID_DASHES = { solid: [1, 0], dashed: [6, 4], dotted: [1, 3] } as const;

/** Share of the plot height the volume histogram of a candlestick chart takes, at the bottom. */
const VOLUME_FRACTION = 0.2;

/**
 * The chart without the DOM: data, series, viewport and size in; a FrameScene and axis labels
 * out. The element owns one, forwards input events to its viewport, and renders what `frame()`
 * returns.
 */
export class ChartModel {
  readonly viewport = new Viewport();
  options: ChartModelOptions = { theme: LIGHT_THEME, timeZone: 'UTC', yScale: 'linear', defaultType: 'line', grid: true, gridStyle: 'solid', lod: 'auto', lodAggressiveness: 0, lineWidth: 1.5 };
  private store: SeriesStore | null = null;
  private seriesOptions: SeriesOptions[] | null = null;
  private specs: SeriesSpec[] = [];
  private size: ChartSize = { width: 300, height: 150, pixelRatio: 1 };
  private readonly buffers = new Map<string, SeriesBuffers>();
  /** Grid line points per pane, reused frame after frame. */
  private readonly gridPoints = new Map<string, Float32Array>();
  private derived: { spec: DerivedSeries; pyramid: MinMaxPyramid }[] = [];
  /** Relative pane heights set by dragging separators (default: main 3, others 1). */
  private readonly paneWeights = new Map<string, number>();

  /**
   * Replaces the derived series (indicator outputs); their arrays must hold the data's length.
   * An indicator pane appears for each `pane` other than the main one, in order of first use.
   */
  setDerived(series: DerivedSeries[]): void {
    const length = this.store?.length ?? 0;
    this.derived = series
      .filter((s) => (s.length ?? s.values.length) === length && s.values.length >= length)
      .map((spec) => ({ spec, pyramid: spec.pyramid ?? new MinMaxPyramid(spec.values, length) }));
  }

  /** Pane ids, top to bottom: the main pane, then each indicator pane in order of first use. */
  paneIds(): string[] {
    const ids = [MAIN_PANE];
    for (const { spec } of this.derived) {
      const pane = spec.pane ?? MAIN_PANE;
      if (!ids.includes(pane)) ids.push(pane);
    }
    return ids;
  }

  /** The panes' rectangles (device px) at the current size. */
  panes(): PaneRect[] {
    const ids = this.paneIds();
    const gap = ids.length > 1 ? Math.round(PANE_GAP_CSS * this.size.pixelRatio) : 0;
    return layoutPanes(plotRect(this.size), ids.map((id) => ({ id, weight: this.paneWeights.get(id) ?? (id === MAIN_PANE ? MAIN_PANE_WEIGHT : 1) })), gap);
  }

  /**
   * Drags the separator below pane `index` by `deltaCss` CSS px (positive: down). The two panes
   * share their height; neither gets smaller than MIN_PANE_CSS. Other panes keep their size.
   */
  moveSeparator(index: number, deltaCss: number): void {
    const panes = this.panes();
    const ratio = this.size.pixelRatio;
    const heights = moveSeparator(panes.map((p) => p.rect.height / ratio), index, deltaCss, MIN_PANE_CSS);
    // Weights on the main pane's scale, so that a pane added later (weight 1) gets a sensible share.
    const unit = heights[0]! / MAIN_PANE_WEIGHT;
    panes.forEach((pane, i) => this.paneWeights.set(pane.id, heights[i]! / unit));
  }

  /** Forgets separator drags: panes go back to their default shares. */
  resetPaneSizes(): void {
    this.paneWeights.clear();
  }

  get derivedSeries(): readonly DerivedSeries[] {
    return this.derived.map((d) => d.spec);
  }

  get data(): SeriesStore | null {
    return this.store;
  }

  get series(): readonly SeriesSpec[] {
    return this.specs;
  }

  get chartSize(): ChartSize {
    return this.size;
  }

  /** Replaces all data. The view resets unless `keepView` (and the old window still overlaps). */
  setData(data: ColumnarData, keepView = false): void {
    this.store = new SeriesStore(data);
    this.buffers.clear();
    this.derived = [];
    this.resolve();
    const first = this.store.firstTime();
    const last = this.store.lastTime();
    const overlaps = keepView && this.viewport.end > first && this.viewport.start < last;
    this.viewport.setDataBounds(first, last, !overlaps);
  }

  /** Streams rows in; a window showing the newest data follows it. */
  append(data: ColumnarData): { appended: number; updatedLast: boolean } {
    if (!this.store) {
      this.setData(data);
      return { appended: data.time.length, updatedLast: false };
    }
    const following = this.viewport.isAtEnd();
    const previousLast = this.store.lastTime();
    const result = this.store.append(data);
    const last = this.store.lastTime();
    this.viewport.setDataBounds(this.store.firstTime(), last, false);
    if (following && last > previousLast) this.viewport.shift(last - previousLast);
    return result;
  }

  /** Changes options; series are resolved again (their defaults may have changed). */
  setOptions(options: Partial<ChartModelOptions>): void {
    this.options = { ...this.options, ...options };
    this.resolve();
  }

  setSeriesOptions(options: SeriesOptions[] | null): void {
    this.seriesOptions = options;
    this.resolve();
  }

  setSize(size: ChartSize): void {
    this.size = size;
  }

  /** Builds the frame for the current state, or null when there is nothing to draw. */
  frame(): FrameResult | null {
    const { width, height } = canvasPixels(this.size);
    const plot = plotRect(this.size);
    const ratio = this.size.pixelRatio;
    const theme = this.options.theme;
    const layers: SceneLayer[] = [];
    const cssPlot = this.plotCss();
    const scene: FrameScene = { width, height, background: theme.background, plot, layers };
    const panes = this.panes();
    const store = this.store;
    const lod: LodSummary = { mode: 'raw', visiblePoints: 0, drawnPoints: 0 };
    if (!store || store.length === 0) {
      const empty = panes.map((pane) => this.paneInfo(pane, [0, 1]));
      return { scene, xLabels: [], yLabels: [], plot: cssPlot, panes: empty, lod, yRange: [0, 1] };
    }

    const { start, end } = this.viewport;
    const xScale = createTimeScale(start, end, plot.width);
    const xTicks = timeTicks(start, end, Math.max(2, Math.floor(cssPlot.width / 90)), this.options.timeZone).ticks;
    const xPixels = xTicks.map((t) => xScale.toPixel(t.time));
    const yLabels: AxisLabel[] = [];
    const paneInfos: PaneInfo[] = [];
    let mainRange: [number, number] = [0, 1];
    for (const pane of panes) {
      const rect = pane.rect;
      const main = pane.id === MAIN_PANE;
      const range = main ? this.yRange() : this.paneRange(pane.id);
      if (main) mainRange = range;
      const kind = main ? this.options.yScale : 'linear';
      const yScale = createValueScale(kind, range[0], range[1], rect.height);
      // Small indicator panes still get a few labels.
      const yTicks = (kind === 'log' ? logTicks : linearTicks)(range[0], range[1], Math.max(main ? 2 : 3, Math.floor(rect.height / ratio / 40)));
      if (this.options.grid) layers.push(this.gridLayer(pane.id, xPixels, yTicks.map((t) => yScale.toPixel(t.value)), rect, theme.grid, ratio));
      if (main) this.seriesLayers(store, rect, xScale, yScale, layers, lod);
      else this.levelLayer(pane.id, rect, yScale, ratio, layers);
      this.derivedLayers(store, pane.id, rect, xScale, yScale, layers, lod);
      for (const t of yTicks) yLabels.push({ position: (rect.y + yScale.toPixel(t.value)) / ratio, label: t.label, major: false });
      paneInfos.push(this.paneInfo(pane, range));
    }
    const xLabels = xTicks.map((t, i) => ({ position: cssPlot.x + xPixels[i]! / ratio, label: t.label, major: t.major }));
    return { scene, xLabels, yLabels, plot: cssPlot, panes: paneInfos, lod, yRange: mainRange };
  }

  /** The chart's own series, in the main pane. */
  private seriesLayers(store: SeriesStore, pane: PlotRect, xScale: TimeScale, yScale: ValueScale, layers: SceneLayer[], lod: LodSummary): void {
    const { start, end } = this.viewport;
    const ratio = this.size.pixelRatio;
    const theme = this.options.theme;
    const time = store.time;
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const buffers = this.seriesBuffers(spec.id);
      if (spec.type === 'candlestick' || spec.type === 'ohlc' || spec.type === 'volume') {
        const agg = this.aggregate(store, buffers, start, end, pane.width);
        lod.visiblePoints += agg.visibleBars;
        lod.drawnPoints += agg.count;
        if (agg.mode !== 'raw') lod.mode = 'm4';
        if (spec.type === 'volume') {
          layers.push({ ...buffers.candles.volumes(agg, time, xScale, pane.width, pane.height, theme.up, theme.down, yScale), pane });
          return;
        }
        if (store.hasColumn('volume')) layers.push({ ...buffers.candles.volumes(agg, time, xScale, pane.width, pane.height, theme.up, theme.down, VOLUME_FRACTION), pane });
        layers.push({ ...buffers.candles.bodies(agg, time, xScale, yScale, pane.width, spec.type, theme.up, theme.down, ratio), pane });
        return;
      }
      const values = store.column(spec.column);
      const color = this.colorOf(spec, i);
      if (spec.type === 'bar') {
        const bars = buffers.histogram.build(spec.id, time, values, store.length, store.pyramid(spec.column), xScale, yScale, pane.width, 0, color, color);
        lod.visiblePoints += upperBound(time, store.length, end) - lowerBound(time, store.length, start);
        lod.drawnPoints += bars.count * 2;
        layers.push({ ...bars, pane });
        return;
      }
      const lodColumns = this.lodColumns(pane.width);
      const result = buffers.decimator.decimate(time, values, store.length, store.pyramid(spec.column), start, end, lodColumns);
      if (buffers.points.length < result.count * 2) buffers.points = new Float32Array(Math.max(result.count * 2, buffers.points.length * 2));
      const count = indicesToPoints(result.indices, result.columns, result.count, time, values, xScale, yScale, pane.width, buffers.points, pane.width / lodColumns);
      lod.visiblePoints += result.visiblePoints;
      lod.drawnPoints += count;
      if (result.mode === 'm4') lod.mode = 'm4';
      const fillAlpha = theme.areaOpacity;
      if (spec.type === 'area') {
        layers.push({ kind: 'area', id: `${spec.id}:fill`, points: buffers.points, count, fill: [color[0], color[1], color[2], color[3] * fillAlpha], baseline: pane.height, pane });
      } else if (spec.type === 'baseline') {
        this.baselineFills(spec, buffers, count, pane, yScale, store, result.indices, result.count, layers);
      }
      layers.push({ kind: 'line', id: spec.id, points: buffers.points, count, color, width: spec.lineWidth * ratio, pane });
    });
  }

  /**
   * A baseline series' fills: above its base value in the up colour, below it in the down colour.
   * Each is the area between the line and the base, clipped to its side of the base by drawing it
   * in a pane rectangle cut at the base's pixel row.
   */
  private baselineFills(spec: SeriesSpec, buffers: SeriesBuffers, count: number, pane: PlotRect, yScale: ValueScale, store: SeriesStore, indices: Uint32Array, indexCount: number, layers: SceneLayer[]): void {
    const theme = this.options.theme;
    const base = this.baseValueOf(spec, store, indices, indexCount);
    const cut = Math.max(0, Math.min(pane.height, Math.round(yScale.toPixel(base))));
    const alpha = theme.areaOpacity;
    const up: Rgba = [theme.up[0], theme.up[1], theme.up[2], theme.up[3] * alpha];
    const down: Rgba = [theme.down[0], theme.down[1], theme.down[2], theme.down[3] * alpha];
    if (cut > 0) {
      layers.push({ kind: 'area', id: `${spec.id}:above`, points: buffers.points, count, fill: up, baseline: cut, pane: { x: pane.x, y: pane.y, width: pane.width, height: cut } });
    }
    if (cut < pane.height) {
      if (buffers.shifted.length < count * 2) buffers.shifted = new Float32Array(buffers.points.length);
      const shifted = buffers.shifted;
      const points = buffers.points;
      for (let k = 0; k < count * 2; k += 2) {
        shifted[k] = points[k]!;
        const y = points[k + 1]!;
        shifted[k + 1] = isGapY(y) ? y : y - cut;
      }
      layers.push({ kind: 'area', id: `${spec.id}:below`, points: shifted, count, fill: down, baseline: 0, pane: { x: pane.x, y: pane.y + cut, width: pane.width, height: pane.height - cut } });
    }
  }

  /** A baseline series' base: its `baseValue`, else the first visible point's value. */
  private baseValueOf(spec: SeriesSpec, store: SeriesStore, indices: Uint32Array, count: number): number {
    if (spec.baseValue !== undefined) return spec.baseValue;
    const values = store.column(spec.column);
    const first = lowerBound(store.time, store.length, this.viewport.start);
    if (first < store.length && Number.isFinite(values[first]!)) return values[first]!;
    for (let k = 0; k < count; k++) if (indices[k] !== NO_INDEX && Number.isFinite(values[indices[k]!]!)) return values[indices[k]!]!;
    return 0;
  }

  /** The reference levels of an indicator pane's series, once each, in the order they come. */
  private paneLevels(paneId: string): number[] {
    const levels: number[] = [];
    for (const { spec } of this.derived) {
      if ((spec.pane ?? MAIN_PANE) !== paneId) continue;
      for (const level of spec.levels ?? []) if (!levels.includes(level)) levels.push(level);
    }
    return levels;
  }

  /** An indicator pane's reference levels: dashed lines (4 px on, 4 off) across the pane. */
  private levelLayer(paneId: string, pane: PlotRect, yScale: ValueScale, ratio: number, layers: SceneLayer[]): void {
    const levels = this.paneLevels(paneId);
    if (levels.length === 0) return;
    const dash = Math.max(1, Math.round(4 * ratio));
    const perLine = Math.ceil(pane.width / (2 * dash));
    const key = `levels:${paneId}`;
    let out = this.gridPoints.get(key);
    if (!out || out.length < levels.length * perLine * 4) {
      out = new Float32Array(levels.length * perLine * 8);
      this.gridPoints.set(key, out);
    }
    const lineWidth = Math.max(1, Math.round(ratio));
    let n = 0;
    for (const level of levels) {
      const y = Math.floor(yScale.toPixel(level)) + (lineWidth % 2) / 2;
      for (let k = 0; k < perLine; k++) {
        n = putSegment(out, n, k * 2 * dash, y, Math.min(pane.width, k * 2 * dash + dash), y);
      }
    }
    const [r, g, b] = this.options.theme.grid;
    // Darker than the grid (it is read against), lighter than the series.
    const color: Rgba = [r * 0.6, g * 0.6, b * 0.6, 1];
    layers.push({ kind: 'segments', id: key, points: out, count: n / 2, color, width: lineWidth, pane });
  }

  /** Indicator outputs drawn in one pane. */
  private derivedLayers(store: SeriesStore, paneId: string, pane: PlotRect, xScale: TimeScale, yScale: ValueScale, layers: SceneLayer[], lod: LodSummary): void {
    const { start, end } = this.viewport;
    const ratio = this.size.pixelRatio;
    const theme = this.options.theme;
    const time = store.time;
    this.derived.forEach(({ spec, pyramid }, i) => {
      if ((spec.pane ?? MAIN_PANE) !== paneId) return;
      const id = `derived:${spec.id}`;
      const buffers = this.seriesBuffers(id);
      if (spec.style === 'histogram') {
        const bars = buffers.histogram.build(id, time, spec.values, store.length, pyramid, xScale, yScale, pane.width, 0, withAlpha(theme.up, 0.6), withAlpha(theme.down, 0.6));
        lod.drawnPoints += bars.count * 2;
        layers.push({ ...bars, pane });
        return;
      }
      const lodColumns = this.lodColumns(pane.width);
      const result = buffers.decimator.decimate(time, spec.values, store.length, pyramid, start, end, lodColumns);
      if (buffers.points.length < result.count * 2) buffers.points = new Float32Array(Math.max(result.count * 2, buffers.points.length * 2));
      const count = indicesToPoints(result.indices, result.columns, result.count, time, spec.values, xScale, yScale, pane.width, buffers.points, pane.width / lodColumns);
      lod.drawnPoints += count;
      layers.push({ kind: 'line', id, points: buffers.points, count, color: this.derivedColor(spec, i), width: spec.lineWidth * ratio, pane });
    });
  }

  /**
   * M4 columns across a plot `width` device px wide: one per pixel up to aggressiveness 0.5, one per
   * four at 1; Infinity (every point) with `lod: 'off'`.
   */
  private lodColumns(width: number): number {
    if (this.options.lod === 'off') return Infinity;
    const a = Math.min(1, Math.max(0, this.options.lodAggressiveness || 0));
    const pixelsPerColumn = 1 + 6 * Math.max(0, a - 0.5);
    return Math.max(1, Math.floor(width / pixelsPerColumn));
  }

  /** The colour a derived series (the `index`th) is drawn in: its own, else the next palette colour. */
  derivedColor(spec: DerivedSeries, index: number): Rgba {
    const palette = this.options.theme.palette;
    return spec.color ?? palette[(this.specs.length + index) % palette.length]!;
  }

  private paneInfo(pane: PaneRect, yRange: [number, number]): PaneInfo {
    const ratio = this.size.pixelRatio;
    const r = pane.rect;
    const labels = this.derived.filter(({ spec }) => (spec.pane ?? MAIN_PANE) === pane.id).map(({ spec }) => spec.label ?? spec.name);
    const title = pane.id === MAIN_PANE ? '' : [...new Set(labels)].join(' · ');
    return { id: pane.id, rect: { x: r.x / ratio, y: r.y / ratio, width: r.width / ratio, height: r.height / ratio }, title, yRange };
  }

  /**
   * Bars per pixel column. A volume series' y range needs them before the frame draws them: the
   * second call with the same data, window and width returns the first one's result.
   */
  private aggregate(store: SeriesStore, buffers: SeriesBuffers, start: number, end: number, columns: number) {
    const key = `${store.length}:${store.version}:${start}:${end}:${columns}`;
    if (buffers.aggregated && buffers.aggregatedKey === key && buffers.aggregatedStore === store) return buffers.aggregated;
    const volume = store.hasColumn('volume') ? store.column('volume') : null;
    buffers.aggregatedKey = key;
    buffers.aggregatedStore = store;
    return (buffers.aggregated = buffers.aggregator.aggregate(
      store.time,
      store.column('open'),
      store.column('high'),
      store.column('low'),
      store.column('close'),
      volume,
      store.length,
      store.pyramid('high'),
      store.pyramid('low'),
      volume ? store.prefixSum('volume') : null,
      start,
      end,
      columns,
    ));
  }

  /** Indices [first, end) of the visible rows, or the two neighbours when zoomed in between two points. */
  private visibleRows(store: SeriesStore): [number, number] {
    const { start, end: stop } = this.viewport;
    const first = lowerBound(store.time, store.length, start);
    const end = upperBound(store.time, store.length, stop, first);
    return end - first < 2 ? visibleRange(store.time, store.length, start, stop) : [first, end];
  }

  /** The main pane's y range: the user's, or the visible data's min and max with headroom. */
  yRange(): [number, number] {
    const viewport = this.viewport;
    if (!viewport.autoY) return [viewport.yMin, viewport.yMax];
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    let min = Infinity;
    let max = -Infinity;
    const pair = new Uint32Array(2);
    const [first, end] = this.visibleRows(store);
    const positiveOnly = this.options.yScale === 'log';
    for (const spec of this.specs) {
      if (!spec.visible) continue;
      if (spec.type === 'candlestick' || spec.type === 'ohlc') {
        // Candles span from the lowest low to the highest high.
        const low = store.column('low');
        const high = store.column('high');
        store.pyramid('low').rangeMinMax(first, end, pair);
        if (pair[0] !== NO_INDEX) min = Math.min(min, low[pair[0]!]!);
        store.pyramid('high').rangeMinMax(first, end, pair);
        if (pair[1] !== NO_INDEX) max = Math.max(max, high[pair[1]!]!);
        continue;
      }
      if (spec.type === 'volume') {
        // Summed per pixel column when zoomed out, as drawn: the tallest column sets the range.
        const agg = this.aggregate(store, this.seriesBuffers(spec.id), viewport.start, viewport.end, plotRect(this.size).width);
        for (let k = 0; k < agg.count; k++) if (agg.volume[k]! > max) max = agg.volume[k]!;
        if (!positiveOnly) min = Math.min(min, 0);
        continue;
      }
      // Bars grow from 0, which must be in view.
      if (spec.type === 'bar' && !positiveOnly) {
        min = Math.min(min, 0);
        max = Math.max(max, 0);
      }
      const values = store.column(spec.column);
      if (positiveOnly) {
        // The pyramid's minimum may be ≤ 0; log scales need the smallest positive value.
        for (let i = first; i < end && end - first < 100_000; i++) {
          const v = values[i]!;
          if (v > 0 && v < min) min = v;
          if (v > max) max = v;
        }
        if (end - first < 100_000) continue;
      }
      store.pyramid(spec.column).rangeMinMax(first, end, pair);
      if (pair[0] === NO_INDEX) continue;
      min = Math.min(min, values[pair[0]!]!);
      max = Math.max(max, values[pair[1]!]!);
    }
    [min, max] = this.derivedRange(MAIN_PANE, first, end, min, max);
    return paddedRange(min, max, this.options.yScale);
  }

  /** An indicator pane's y range: its series' visible min and max (and 0 for histograms), with headroom. */
  paneRange(paneId: string): [number, number] {
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    const [first, end] = this.visibleRows(store);
    let [min, max] = this.derivedRange(paneId, first, end, Infinity, -Infinity);
    // The reference levels stay in view, so the line is always read against them.
    for (const level of this.paneLevels(paneId)) {
      min = Math.min(min, level);
      max = Math.max(max, level);
    }
    return paddedRange(min, max, 'linear', 0.08);
  }

  private derivedRange(paneId: string, first: number, end: number, min: number, max: number): [number, number] {
    const pair = new Uint32Array(2);
    for (const { spec, pyramid } of this.derived) {
      if ((spec.pane ?? MAIN_PANE) !== paneId) continue;
      if (spec.style === 'histogram') {
        min = Math.min(min, 0);
        max = Math.max(max, 0);
      }
      pyramid.rangeMinMax(first, end, pair);
      if (pair[0] === NO_INDEX) continue;
      min = Math.min(min, spec.values[pair[0]!]!);
      max = Math.max(max, spec.values[pair[1]!]!);
    }
    return [min, max];
  }

  /** The pane under an element y (CSS px), or null outside every pane (on a separator, off the plot). */
  paneAt(cssY: number): PaneRect | null {
    const y = cssY * this.size.pixelRatio;
    return this.panes().find((p) => y >= p.rect.y && y <= p.rect.y + p.rect.height) ?? null;
  }

  /** What lies under a point of the element (CSS px): nearest time, each series' value there. */
  pick(cssX: number, cssY: number): CrosshairInfo | null {
    const store = this.store;
    if (!store || store.length === 0) return null;
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    const px = cssX * ratio - plot.x;
    const py = cssY * ratio - plot.y;
    if (px < 0 || py < 0 || px > plot.width || py > plot.height) return null;
    const pane = this.paneAt(cssY);
    const xScale = createTimeScale(this.viewport.start, this.viewport.end, plot.width);
    const index = nearestIndex(store.time, store.length, xScale.fromPixel(px));
    const time = store.time[index]!;
    const values = this.specs
      .map((spec, i) => ({ spec, i }))
      .filter(({ spec }) => spec.visible)
      .flatMap(({ spec, i }) => {
        if (!BAR_TYPES.includes(spec.type)) return [{ id: spec.id, name: spec.name, color: this.colorOf(spec, i), value: store.column(spec.column)[index]!, index }];
        const rising = store.column('close')[index]! >= store.column('open')[index]!;
        const color = rising ? this.options.theme.up : this.options.theme.down;
        const names = store.hasColumn('volume') ? ['open', 'high', 'low', 'close', 'volume'] : ['open', 'high', 'low', 'close'];
        return names.map((name) => ({ id: `${spec.id}.${name}`, name, color, value: store.column(name)[index]!, index }));
      });
    this.derived.forEach(({ spec }, i) => {
      values.push({ id: spec.id, name: spec.name, color: this.derivedColor(spec, i), value: spec.values[index]!, index });
    });
    return { time, pane: pane?.id ?? MAIN_PANE, x: (plot.x + xScale.toPixel(time)) / ratio, y: cssY, values };
  }

  /** The plot rectangle in CSS pixels (all panes). */
  plotCss(): CssRect {
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    return { x: plot.x / ratio, y: plot.y / ratio, width: plot.width / ratio, height: plot.height / ratio };
  }

  /** Converts an element x (CSS px) to a time, and a plot fraction for zoom anchors. */
  timeAt(cssX: number): { time: number; fraction: number } {
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    const fraction = (cssX * ratio - plot.x) / plot.width;
    return { time: this.viewport.start + fraction * this.viewport.span, fraction: Math.min(1, Math.max(0, fraction)) };
  }

  /** The element x (CSS px) of a time in the current window (outside the plot when the time is). */
  xOf(time: number): number {
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    return (plot.x + createTimeScale(this.viewport.start, this.viewport.end, plot.width).toPixel(time)) / ratio;
  }

  /** Converts an element y (CSS px) to a value on the main pane's y scale. */
  valueAt(cssY: number): number {
    const ratio = this.size.pixelRatio;
    const main = this.panes()[0]!.rect;
    const [min, max] = this.yRange();
    return createValueScale(this.options.yScale, min, max, main.height).fromPixel(cssY * ratio - main.y);
  }

  colorOf(spec: SeriesSpec, index: number): Rgba {
    const palette = this.options.theme.palette;
    return spec.color ?? palette[index % palette.length]!;
  }

  private resolve(): void {
    this.specs = resolveSeries(this.store?.columnNames ?? [], this.seriesOptions, this.options.defaultType, this.options.lineWidth);
  }

  private seriesBuffers(id: string): SeriesBuffers {
    let buffers = this.buffers.get(id);
    if (!buffers) {
      buffers = { decimator: new M4Decimator(), points: new Float32Array(4096), aggregator: new OhlcAggregator(), candles: new CandleLayers(), histogram: new HistogramLayer(), shifted: new Float32Array(0) };
      this.buffers.set(id, buffers);
    }
    return buffers;
  }

  /** Vertical and horizontal grid lines of one pane, one device pixel wide, centred on pixel centres. */
  private gridLayer(paneId: string, xs: number[], ys: number[], pane: PlotRect, color: Rgba, ratio: number): SceneLayer {
    const { width, height } = pane;
    const lineWidth = Math.max(1, Math.round(ratio));
    const snap = (p: number) => Math.floor(p) + (lineWidth % 2) / 2;
    // Dashes are whole device pixels, so both renderers (and every pixel ratio) draw the same pattern.
    const [onCss, offCss] = GRID_DASHES[this.options.gridStyle] ?? GRID_DASHES.solid;
    const on = Math.max(1, Math.round(onCss * ratio));
    const off = Math.round(offCss * ratio);
    const period = on + off;
    const dashes = (length: number) => (off === 0 ? 1 : Math.ceil(length / period));
    const needed = (xs.length * dashes(height) + ys.length * dashes(width)) * 4;
    let out = this.gridPoints.get(paneId);
    if (!out || out.length < needed) {
      out = new Float32Array(Math.max(256, needed * 2));
      this.gridPoints.set(paneId, out);
    }
    let n = 0;
    for (const x of xs) {
      const sx = snap(x);
      for (let k = 0, count = dashes(height); k < count; k++) {
        n = putSegment(out, n, sx, k * period, sx, off === 0 ? height : Math.min(height, k * period + on));
      }
    }
    for (const y of ys) {
      const sy = snap(y);
      for (let k = 0, count = dashes(width); k < count; k++) {
        n = putSegment(out, n, k * period, sy, off === 0 ? width : Math.min(width, k * period + on), sy);
      }
    }
    return { kind: 'segments', id: `grid:${paneId}`, points: out, count: n / 2, color, width: lineWidth, pane };
  }
}

/** Writes segment (x0, y0)–(x1, y1) at float `n` without allocating (grid and level dashes, every frame); returns the next `n`. */
function putSegment(out: Float32Array, n: number, x0: number, y0: number, x1: number, y1: number): number {
  out[n] = x0;
  out[n + 1] = y0;
  out[n + 2] = x1;
  out[n + 3] = y1;
  return n + 4;
}

/** The same colour with its alpha scaled. */
function withAlpha(color: Rgba, alpha: number): Rgba {
  return [color[0], color[1], color[2], color[3] * alpha];
}

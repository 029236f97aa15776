import type { ColumnarData } from '../data/columnar.js';
import { M4Decimator, visibleRange, type LodMode } from '../data/lod/m4.js';
import { MinMaxPyramid, NO_INDEX } from '../data/lod/minmax-pyramid.js';
import { lowerBound, nearestIndex, upperBound } from '../data/lod/search.js';
import { SeriesStore } from '../data/series-store.js';
import type { FrameScene, Rgba, SceneLayer } from '../render/frame-scene.js';
import { canvasPixels, plotRect, type ChartSize } from './layout.js';
import { createTimeScale, createValueScale, paddedRange, type ScaleKind } from './scales.js';
import { indicesToPoints } from './series-points.js';
import { BAR_TYPES, resolveSeries, type SeriesOptions, type SeriesSpec, type SeriesType } from './series-spec.js';
import { CandleLayers } from './candle-layers.js';
import { OhlcAggregator } from '../data/lod/ohlc-aggregate.js';
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

export interface FrameResult {
  scene: FrameScene;
  xLabels: AxisLabel[];
  yLabels: AxisLabel[];
  /** Plot rectangle in CSS pixels. */
  plot: { x: number; y: number; width: number; height: number };
  lod: LodSummary;
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
}

/** Per series, reused frame after frame so the frame path allocates almost nothing. */
interface SeriesBuffers {
  decimator: M4Decimator;
  points: Float32Array;
  aggregator: OhlcAggregator;
  candles: CandleLayers;
}

/** Share of the plot height the volume histogram of a candlestick chart takes, at the bottom. */
const VOLUME_FRACTION = 0.2;

/**
 * The chart without the DOM: data, series, viewport and size in; a FrameScene and axis labels
 * out. The element owns one, forwards input events to its viewport, and renders what `frame()`
 * returns.
 */
export class ChartModel {
  readonly viewport = new Viewport();
  options: ChartModelOptions = { theme: LIGHT_THEME, timeZone: 'UTC', yScale: 'linear', defaultType: 'line', grid: true, lod: 'auto', lineWidth: 1.5 };
  private store: SeriesStore | null = null;
  private seriesOptions: SeriesOptions[] | null = null;
  private specs: SeriesSpec[] = [];
  private size: ChartSize = { width: 300, height: 150, pixelRatio: 1 };
  private readonly buffers = new Map<string, SeriesBuffers>();
  private readonly gridPoints = { data: new Float32Array(256) };
  private derived: { spec: DerivedSeries; pyramid: MinMaxPyramid }[] = [];

  /** Replaces the derived series (indicator outputs); their arrays must match the data's length. */
  setDerived(series: DerivedSeries[]): void {
    const length = this.store?.length ?? 0;
    this.derived = series.filter((s) => s.values.length === length).map((spec) => ({ spec, pyramid: new MinMaxPyramid(spec.values) }));
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
    const store = this.store;
    if (!store || store.length === 0) {
      return { scene, xLabels: [], yLabels: [], plot: cssPlot, lod: { mode: 'raw', visiblePoints: 0, drawnPoints: 0 }, yRange: [0, 1] };
    }

    const { start, end } = this.viewport;
    const yRange = this.yRange();
    const xScale = createTimeScale(start, end, plot.width);
    const yScale = createValueScale(this.options.yScale, yRange[0], yRange[1], plot.height);

    const xTicks = timeTicks(start, end, Math.max(2, Math.floor(cssPlot.width / 90)), this.options.timeZone).ticks;
    const yTickFn = this.options.yScale === 'log' ? logTicks : linearTicks;
    const yTicks = yTickFn(yRange[0], yRange[1], Math.max(2, Math.floor(cssPlot.height / 40)));
    if (this.options.grid) layers.push(this.gridLayer(xTicks.map((t) => xScale.toPixel(t.time)), yTicks.map((t) => yScale.toPixel(t.value)), plot.width, plot.height, theme.grid, ratio));

    const lod: LodSummary = { mode: 'raw', visiblePoints: 0, drawnPoints: 0 };
    const time = store.time;
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const buffers = this.seriesBuffers(spec.id);
      if (BAR_TYPES.includes(spec.type)) {
        const agg = this.aggregate(store, buffers, start, end, plot.width);
        if (store.hasColumn('volume')) layers.push(buffers.candles.volumes(agg, time, xScale, plot.width, plot.height, VOLUME_FRACTION, theme.up, theme.down));
        const bars = buffers.candles.bodies(agg, time, xScale, yScale, plot.width, spec.type as 'candlestick' | 'ohlc', theme.up, theme.down, ratio);
        layers.push(bars);
        lod.visiblePoints += agg.visibleBars;
        lod.drawnPoints += agg.count;
        if (agg.mode !== 'raw') lod.mode = 'm4';
        return;
      }
      const values = store.column(spec.column);
      const result = buffers.decimator.decimate(time, values, store.length, store.pyramid(spec.column), start, end, this.options.lod === 'off' ? Infinity : plot.width);
      if (buffers.points.length < result.count * 2) buffers.points = new Float32Array(Math.max(result.count * 2, buffers.points.length * 2));
      const count = indicesToPoints(result.indices, result.columns, result.count, time, values, xScale, yScale, plot.width, buffers.points);
      lod.visiblePoints += result.visiblePoints;
      lod.drawnPoints += count;
      if (result.mode === 'm4') lod.mode = 'm4';
      const color = this.colorOf(spec, i);
      if (spec.type === 'area') {
        layers.push({ kind: 'area', id: `${spec.id}:fill`, points: buffers.points, count, fill: [color[0], color[1], color[2], color[3] * theme.areaOpacity], baseline: plot.height });
      }
      layers.push({ kind: 'line', id: spec.id, points: buffers.points, count, color, width: spec.lineWidth * ratio });
    });

    this.derived.forEach(({ spec, pyramid }, i) => {
      const buffers = this.seriesBuffers(`derived:${spec.id}`);
      const result = buffers.decimator.decimate(time, spec.values, store.length, pyramid, start, end, this.options.lod === 'off' ? Infinity : plot.width);
      if (buffers.points.length < result.count * 2) buffers.points = new Float32Array(Math.max(result.count * 2, buffers.points.length * 2));
      const count = indicesToPoints(result.indices, result.columns, result.count, time, spec.values, xScale, yScale, plot.width, buffers.points);
      lod.drawnPoints += count;
      const color = spec.color ?? theme.palette[(this.specs.length + i) % theme.palette.length]!;
      layers.push({ kind: 'line', id: `derived:${spec.id}`, points: buffers.points, count, color, width: spec.lineWidth * ratio });
    });

    const xLabels = xTicks.map((t) => ({ position: cssPlot.x + xScale.toPixel(t.time) / ratio, label: t.label, major: t.major }));
    const yLabels = yTicks.map((t) => ({ position: cssPlot.y + yScale.toPixel(t.value) / ratio, label: t.label, major: false }));
    return { scene, xLabels, yLabels, plot: cssPlot, lod, yRange };
  }

  private aggregate(store: SeriesStore, buffers: SeriesBuffers, start: number, end: number, columns: number) {
    const volume = store.hasColumn('volume') ? store.column('volume') : null;
    return buffers.aggregator.aggregate(
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
    );
  }

  /** The y range in effect: the user's, or the visible data's min and max with headroom. */
  yRange(): [number, number] {
    const viewport = this.viewport;
    if (!viewport.autoY) return [viewport.yMin, viewport.yMax];
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    const time = store.time;
    let min = Infinity;
    let max = -Infinity;
    const pair = new Uint32Array(2);
    let first = lowerBound(time, store.length, viewport.start);
    let end = upperBound(time, store.length, viewport.end, first);
    // Zoomed in between two points: scale to the two neighbours the line runs between.
    if (end - first < 2) [first, end] = visibleRange(time, store.length, viewport.start, viewport.end);
    const positiveOnly = this.options.yScale === 'log';
    for (const spec of this.specs) {
      if (!spec.visible) continue;
      if (BAR_TYPES.includes(spec.type)) {
        // Candles span from the lowest low to the highest high.
        const low = store.column('low');
        const high = store.column('high');
        store.pyramid('low').rangeMinMax(first, end, pair);
        if (pair[0] !== NO_INDEX) min = Math.min(min, low[pair[0]!]!);
        store.pyramid('high').rangeMinMax(first, end, pair);
        if (pair[1] !== NO_INDEX) max = Math.max(max, high[pair[1]!]!);
        continue;
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
    for (const { spec, pyramid } of this.derived) {
      pyramid.rangeMinMax(first, end, pair);
      if (pair[0] === NO_INDEX) continue;
      min = Math.min(min, spec.values[pair[0]!]!);
      max = Math.max(max, spec.values[pair[1]!]!);
    }
    return paddedRange(min, max, this.options.yScale);
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
    const theme = this.options.theme;
    this.derived.forEach(({ spec }, i) => {
      values.push({ id: spec.id, name: spec.name, color: spec.color ?? theme.palette[(this.specs.length + i) % theme.palette.length]!, value: spec.values[index]!, index });
    });
    return { time, x: (plot.x + xScale.toPixel(time)) / ratio, y: cssY, values };
  }

  /** The plot rectangle in CSS pixels. */
  plotCss(): { x: number; y: number; width: number; height: number } {
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

  /** Converts an element y (CSS px) to a value on the current y scale. */
  valueAt(cssY: number): number {
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    const [min, max] = this.yRange();
    return createValueScale(this.options.yScale, min, max, plot.height).fromPixel(cssY * ratio - plot.y);
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
      buffers = { decimator: new M4Decimator(), points: new Float32Array(4096), aggregator: new OhlcAggregator(), candles: new CandleLayers() };
      this.buffers.set(id, buffers);
    }
    return buffers;
  }

  /** Vertical and horizontal grid lines, one device pixel wide, centred on pixel centres. */
  private gridLayer(xs: number[], ys: number[], width: number, height: number, color: Rgba, ratio: number): SceneLayer {
    const needed = (xs.length + ys.length) * 4;
    if (this.gridPoints.data.length < needed) this.gridPoints.data = new Float32Array(needed * 2);
    const out = this.gridPoints.data;
    const lineWidth = Math.max(1, Math.round(ratio));
    const snap = (p: number) => Math.floor(p) + (lineWidth % 2) / 2;
    let n = 0;
    for (const x of xs) {
      const sx = snap(x);
      out.set([sx, 0, sx, height], n);
      n += 4;
    }
    for (const y of ys) {
      const sy = snap(y);
      out.set([0, sy, width, sy], n);
      n += 4;
    }
    return { kind: 'segments', id: 'grid', points: out, count: n / 2, color, width: lineWidth };
  }
}

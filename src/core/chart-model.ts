import type { ColumnarData } from '../data/columnar.js';
import type { GridStore } from '../data/grid.js';
import { visibleRange } from '../data/lod/m4.js';
import { lowerBound, nearestIndex, upperBound } from '../data/lod/search.js';
import { withAlpha } from '../series/shared/value-column.js';
import { SeriesStore, UNBOUNDED, type AppendResult, type StreamBounds } from '../data/series-store.js';
import { seriesModuleFor, seriesType } from '../series/registry.js';
import type { ThreeView } from './three/three-view.js';
import { threeD } from './three-d-lazy.js';
import { resolve3dSeries } from './three/resolve-3d.js';
import type { ColorBar, DrawTarget, ExtentQuery, LodSummary, NearestHit, SeriesContext, SeriesModule, SeriesValue } from '../series/series-type.js';
import type { SeriesOptions, SeriesSpec } from '../series/shared/series-spec.js';
import { resolveSeries } from '../series/resolve-series.js';
import { DerivedLayers, paneOf, type DerivedSeries } from './derived-series.js';
import { GridLayers } from './grid-layers.js';
import { attachShaderHooks, type SeriesShaderHook } from './shader-hooks.js';
import { axisGutter, canvasPixels, plotRect, yAxisWidth, type AxisGutter, type ChartSize } from './layout.js';
import { layoutPanes, MAIN_PANE, MAIN_PANE_WEIGHT, MIN_PANE_CSS, moveSeparator, PANE_GAP_CSS, type PaneRect } from './panes.js';
import type { FrameScene, Rgba, SceneLayer } from './scene/frame-scene.js';
import { createValueScale, createXScale, paddedRange, type ScaleKind, type ValueScale, type XScale } from './scales.js';
import { LIGHT_THEME } from './theme.js';
import { linearTicks, logTicks } from './ticks/value-ticks.js';
import { timeTicks } from './ticks/time-ticks.js';
import { numericLogTicks, numericTicks } from './ticks/numeric-ticks.js';
import { Viewport } from './viewport.js';
import { axisTitle, DEFAULT_Y_AXIS, type AxisLabel, type AxisSide, type ChartModelOptions, type CrosshairInfo, type CssRect, type FrameResult, type LegendEntry, type PaneInfo, type YAxisInfo, type YAxisSpec } from './chart-types.js';

export type { DerivedSeries } from './derived-series.js';
export type { LodSummary, SeriesValue } from '../series/series-type.js';

export * from './chart-types.js';

/** A pane as drawn in a frame, for what is drawn over its series (annotations; see ChartModel.paneOverlay). */
export interface PaneOverlayFrame {
  id: string;
  /** Device px within the canvas. */
  rect: PaneRect['rect'];
  xScale: XScale;
  /** The pane's value scale (the main pane's default axis). */
  yScale: ValueScale;
  pixelRatio: number;
  /** The frame's layers: what is pushed is drawn over the pane's series. */
  layers: SceneLayer[];
}

/** A series' module and the buffers it keeps for it frame after frame. */
interface SeriesSlot {
  module: SeriesModule;
  state: unknown;
}

/**
 * The chart without the DOM: data, series, viewport and size in; a FrameScene and axis labels
 * out. The element owns one, forwards input events to its viewport, and renders what `frame()`
 * returns. It knows no series type: each is drawn, ranged and picked by its module (src/series/).
 */
export class ChartModel {
  readonly viewport = new Viewport();
  /** Custom WGSL hooks by series id (src/custom-shaders/): attached to that series' layers each frame. */
  shaderHooks: ReadonlyMap<string, readonly SeriesShaderHook[]> = new Map();
  private threeView: ThreeView | null = null;
  /** The configured camera (`camera:`), kept until the 3D code has loaded. */
  private cameraConfig: unknown = undefined;
  options: ChartModelOptions = { theme: LIGHT_THEME, timeZone: 'UTC', yScale: 'linear', xAxis: 'time', ySide: 'right', yAxes: [], defaultType: 'line', grid: true, gridStyle: 'solid', lod: 'auto', lodAggressiveness: 0, lineWidth: 1.5 };
  private store: SeriesStore | null = null;
  private streamBounds: StreamBounds = UNBOUNDED;
  /** Heatmap data (a grid): the store then holds its column centres as row keys (see setData). */
  private gridStore: GridStore | null = null;
  private seriesOptions: SeriesOptions[] | null = null;
  private specs: SeriesSpec[] = [];
  private size: ChartSize = { width: 300, height: 150, pixelRatio: 1 };
  private readonly slots = new Map<string, SeriesSlot>();
  private readonly grid = new GridLayers();
  private readonly derived = new DerivedLayers();
  /**
   * Called once per pane and frame, after the pane's series and indicators, with its scales
   * (annotations draw through it). Null: nothing is drawn over the series.
   */
  paneOverlay: ((pane: PaneOverlayFrame) => void) | null = null;
  /** Relative pane heights set by dragging separators (default: main 3, others 1). */
  private readonly paneWeights = new Map<string, number>();

  /**
   * Replaces the derived series (indicator outputs); their arrays must hold the data's length.
   * An indicator pane appears for each `pane` other than the main one, in order of first use.
   */
  setDerived(series: DerivedSeries[]): void {
    this.derived.set(series, this.store?.length ?? 0);
  }

  /** Pane ids, top to bottom: the main pane, then each indicator pane in order of first use. */
  paneIds(): string[] {
    const ids = [MAIN_PANE];
    for (const { spec } of this.derived.entries) {
      const pane = paneOf(spec);
      if (!ids.includes(pane)) ids.push(pane);
    }
    return ids;
  }

  /** The panes' rectangles (device px) at the current size. */
  panes(): PaneRect[] {
    const ids = this.paneIds();
    const gap = ids.length > 1 ? Math.round(PANE_GAP_CSS * this.size.pixelRatio) : 0;
    return layoutPanes(this.plot(), ids.map((id) => ({ id, weight: this.paneWeights.get(id) ?? (id === MAIN_PANE ? MAIN_PANE_WEIGHT : 1) })), gap);
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
    return this.derived.entries.map((d) => d.spec);
  }

  get data(): SeriesStore | null {
    return this.store;
  }

  /** The grid being drawn (heatmap data), or null. */
  get gridData(): GridStore | null {
    return this.gridStore;
  }

  get series(): readonly SeriesSpec[] {
    return this.specs;
  }

  get chartSize(): ChartSize {
    return this.size;
  }

  /**
   * Replaces all data. The view resets unless `keepView` (and the old window still overlaps).
   * Heatmaps: `grid` is the grid and `data` its `keyData()` (column centres as row keys, so hover,
   * legend and viewport work unchanged); the x range is then the grid's edges.
   */
  setData(data: ColumnarData, keepView = false, grid: GridStore | null = null): void {
    this.store = new SeriesStore(data, grid ? UNBOUNDED : this.streamBounds);
    this.gridStore = grid;
    // Series states are kept (scatter: its markers buffer, reused when new data of the same size
    // arrives every frame); those of series no longer drawn go in resolve(). States key what they
    // derive from the data by store and version.
    this.derived.clear();
    this.resolve(false);
    const [first, last] = this.xBounds(this.store);
    const overlaps = keepView && this.viewport.end > first && this.viewport.start < last;
    this.viewport.setDataBounds(first, last, !overlaps);
  }

  /**
   * The data's x bounds: a grid's edges (a streaming ring: its whole capacity, see
   * GridStore.windowStart); else the row keys' range (on a log axis from the first key > 0), or,
   * where series cover an x range of their own (SeriesModule.xExtent: a scatter's x column), the
   * union of those with the keys' range of the other visible series.
   */
  private xBounds(store: SeriesStore): [number, number] {
    const grid = this.gridStore;
    if (grid) {
      // A log x shows only x > 0: from the first half cell past 0 (or a millionth of the end).
      const start = grid.windowStart;
      if (this.options.xAxis === 'log' && !(start > 0)) return [Math.max(start + grid.dx / 2, grid.xEnd / 1e6), grid.xEnd];
      return [start, grid.xEnd];
    }
    const keys = this.keyBounds(store);
    if (store.length === 0) return keys;
    const out: [number, number] = [Infinity, -Infinity];
    let own = false;
    const context = this.context(store);
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const { module } = this.fill(context, spec, i);
      if (module.xExtent) {
        own = true;
        module.xExtent(context, out);
      } else {
        out[0] = Math.min(out[0], keys[0]);
        out[1] = Math.max(out[1], keys[1]);
      }
    });
    return own && out[1] >= out[0] ? out : keys;
  }

  /** The row keys' extent as the x axis can show it: on a log axis, from the first key > 0. */
  private keyBounds(store: SeriesStore): [number, number] {
    const last = store.lastTime();
    if (this.options.xAxis !== 'log') return [store.firstTime(), last];
    if (!(last > 0)) return [1, 10];
    const i = upperBound(store.time, store.length, 0);
    return [store.time[i]!, last];
  }

  /**
   * How much of a stream the store keeps (config `streaming`): the oldest rows drop beyond it.
   * Setting it trims the data now; returns how many rows were dropped.
   */
  setStreamBounds(bounds: StreamBounds): number {
    this.streamBounds = bounds;
    if (!this.store || this.gridStore) return 0;
    const dropped = this.store.setBounds(bounds);
    if (dropped > 0) {
      this.store.version++;
      const [first, last] = this.xBounds(this.store);
      this.viewport.setDataBounds(first, last, false);
    }
    return dropped;
  }

  /** Streams rows in; a window showing the newest data follows it. */
  append(data: ColumnarData): AppendResult {
    if (!this.store) {
      this.setData(data);
      return { appended: this.store!.length, updatedLast: false, dropped: 0 };
    }
    const following = this.viewport.isAtEnd();
    const previousLast = this.store.lastTime();
    const result = this.store.append(data);
    const last = this.store.lastTime();
    const bounds = this.xBounds(this.store);
    this.viewport.setDataBounds(bounds[0], bounds[1], false);
    if (following && last > previousLast) this.viewport.shift(last - previousLast);
    return result;
  }

  /**
   * Streams columns into the grid (heatmaps: k × rows values, column after column); the ring keeps
   * its capacity and a window showing the newest column follows. Returns the columns appended.
   */
  appendGrid(columns: ArrayLike<number>): number {
    const grid = this.gridStore!;
    const following = this.viewport.isAtEnd();
    const previousEnd = grid.xEnd;
    const added = grid.append(columns);
    this.store = new SeriesStore(grid.keyData(this.store?.columnNames[0] ?? 'value'));
    const [first, last] = this.xBounds(this.store);
    this.viewport.setDataBounds(first, last, false);
    if (following) this.viewport.shift(grid.xEnd - previousEnd);
    return added;
  }

  /** Changes options; series are resolved again (their defaults may have changed). */
  setOptions(options: Partial<ChartModelOptions>): void {
    const kind = this.options.xAxis;
    this.options = { ...this.options, ...options };
    this.viewport.xKind = this.options.xAxis;
    this.resolve();
    // Another kind of x axis: the window is in other units (log needs x > 0), so it shows all data.
    if (this.options.xAxis !== kind && this.store && this.store.length > 0) {
      const [first, last] = this.xBounds(this.store);
      this.viewport.setDataBounds(first, last, true);
    }
  }

  setSeriesOptions(options: SeriesOptions[] | null): void {
    this.seriesOptions = options;
    this.resolve();
  }

  setSize(size: ChartSize): void {
    this.size = size;
  }

  /**
   * 3D charts (surface, points3d, bars3d): their data, camera and frame builder (see core/three).
   * The 3D code is a lazy chunk (core/three-d-lazy.ts), loaded with the first 3D series type: it
   * throws before that (a chart is only in 3D mode once its type has loaded).
   */
  get three(): ThreeView {
    if (this.threeView) return this.threeView;
    const module = threeD();
    if (!module) throw new Error('gpu-charts: the 3D code is not loaded yet (await loadSeriesType("surface") first)');
    this.threeView = new module.ThreeView();
    if (this.cameraConfig !== undefined) this.threeView.configure(this.cameraConfig);
    return this.threeView;
  }

  /** The configured camera of 3D charts: applied now when the 3D code is there, else once it is. */
  configureCamera(input: unknown): void {
    this.cameraConfig = input;
    if (this.threeView || threeD()) this.three.configure(input);
  }

  /** The chart's type draws in 3D: no time axis, the orbit camera (see core/three/three-view.ts). */
  get is3d(): boolean {
    return seriesType(this.options.defaultType)?.three !== undefined;
  }

  /** What a 3D frame or pick needs of the model. */
  private threeInput() {
    const o = this.options;
    return {
      size: this.size,
      theme: o.theme,
      specs: this.specs,
      detail: o.lod,
      titles: { x: o.xTitle || 'x', y: o.yTitle || 'y', z: this.specs[0]?.name && this.specs[0].name !== this.specs[0].type ? this.specs[0].name : 'z' },
      slot: (spec: SeriesSpec) => this.slot(spec),
      colorOf: (spec: SeriesSpec, i: number) => this.colorOf(spec, i),
    };
  }

  /** A 3D chart's frame: no time axis; the box's labels go to the overlay as `labels3d`. */
  private frame3d(): FrameResult {
    const frame = this.three.frame(this.threeInput());
    const main: PaneInfo = { id: MAIN_PANE, rect: frame.plot, title: '', yRange: [0, 1] };
    return { scene: frame.scene, xLabels: [], yLabels: [], xKind: this.options.xAxis, xTitle: '', yAxes: [], plot: frame.plot, panes: [main], lod: frame.lod, yRange: [0, 1], colorBars: frame.colorBars, labels3d: frame.labels };
  }

  /** Builds the frame for the current state, or null when there is nothing to draw. */
  frame(): FrameResult | null {
    if (this.is3d) return this.frame3d();
    const { width, height } = canvasPixels(this.size);
    const plot = this.plot();
    const ratio = this.size.pixelRatio;
    const theme = this.options.theme;
    const layers: SceneLayer[] = [];
    const cssPlot = this.plotCss();
    const scene: FrameScene = { width, height, background: theme.background, plot, layers };
    const panes = this.panes();
    const store = this.store;
    const lod: LodSummary = { mode: 'raw', visiblePoints: 0, drawnPoints: 0 };
    const colorBars: ColorBar[] = [];
    const xKind = this.options.xAxis;
    const xTitle = axisTitle(this.options.xTitle, this.options.xUnit);
    if (!store || store.length === 0) {
      const empty = panes.map((pane) => this.paneInfo(pane, [0, 1]));
      const axes = this.axisSlots().map((slot) => ({ ...slot, labels: [], range: [0, 1] as [number, number] }));
      return { scene, xLabels: [], yLabels: [], xKind, xTitle, yAxes: axes, plot: cssPlot, panes: empty, lod, yRange: [0, 1], colorBars };
    }

    const { start, end } = this.viewport;
    const xScale = this.xScale(plot.width);
    const maxXTicks = Math.max(2, Math.floor(cssPlot.width / 90));
    const xTicks =
      xKind === 'time'
        ? timeTicks(start, end, maxXTicks, this.options.timeZone).ticks.map((t) => ({ value: t.time, label: t.label, major: t.major, minor: false }))
        : (xKind === 'log' ? numericLogTicks(start, end, maxXTicks) : numericTicks(start, end, maxXTicks)).map((t) => ({ value: t.value, label: t.label, major: false, minor: t.minor }));
    const xPixels: number[] = [];
    const xMinorPixels: number[] = [];
    for (const t of xTicks) (t.minor ? xMinorPixels : xPixels).push(xScale.toPixel(t.value));
    const yLabels: AxisLabel[] = [];
    const yAxes: YAxisInfo[] = [];
    const paneInfos: PaneInfo[] = [];
    let mainRange: [number, number] = [0, 1];
    const lodColumns = this.lodColumns(plot.width);
    for (const pane of panes) {
      const rect = pane.rect;
      const main = pane.id === MAIN_PANE;
      const range = main ? this.yRange() : this.paneRange(pane.id);
      if (main) mainRange = range;
      const kind = main ? this.options.yScale : 'linear';
      const yScale = createValueScale(kind, range[0], range[1], rect.height);
      // Small indicator panes still get a few labels.
      const maxYTicks = Math.max(main ? 2 : 3, Math.floor(rect.height / ratio / 40));
      const yTicks = this.valueTicks(kind, range[0], range[1], maxYTicks);
      if (this.options.grid) {
        if (xMinorPixels.length > 0) layers.push(this.grid.grid(`${pane.id}:minor`, xMinorPixels, [], rect, withAlpha(theme.grid, 0.45), ratio, this.options.gridStyle));
        layers.push(this.grid.grid(pane.id, xPixels, yTicks.map((t) => yScale.toPixel(t.value)), rect, theme.grid, ratio, this.options.gridStyle));
      }
      const gpuLod = this.options.gpuLod ?? null;
      const target: DrawTarget = { pane: rect, xScale, yScale, lodColumns, layers, lod, colorBars, gpuLod };
      if (main) {
        // Each series against its own axis' scale; the grid follows the default axis.
        const targets = new Map<string, DrawTarget>([[DEFAULT_Y_AXIS, target]]);
        const slots = this.axisSlots();
        for (const axis of this.options.yAxes) {
          const axisRange = this.axisRange(axis.id);
          const scale = createValueScale(axis.scale, axisRange[0], axisRange[1], rect.height);
          targets.set(axis.id, { pane: rect, xScale, yScale: scale, lodColumns, layers, lod, colorBars, gpuLod });
          const ticks = this.valueTicks(axis.scale, axisRange[0], axisRange[1], maxYTicks);
          const slot = slots.find((a) => a.id === axis.id)!;
          yAxes.push({ ...slot, range: axisRange, labels: ticks.map((t) => ({ position: (rect.y + scale.toPixel(t.value)) / ratio, label: t.label, major: false })) });
        }
        this.seriesLayers(store, targets);
        const labels = yTicks.map((t) => ({ position: (rect.y + yScale.toPixel(t.value)) / ratio, label: t.label, major: false }));
        yAxes.unshift({ ...slots[0]!, range, labels });
      } else {
        const levels = this.grid.levels(pane.id, this.derived.levels(pane.id), rect, yScale, ratio, theme.grid);
        if (levels) layers.push(levels);
      }
      this.derived.draw(store, pane.id, start, end, theme, ratio, (spec, i) => this.derivedColor(spec, i), target);
      this.paneOverlay?.({ id: pane.id, rect, xScale, yScale, pixelRatio: ratio, layers });
      for (const t of yTicks) yLabels.push({ position: (rect.y + yScale.toPixel(t.value)) / ratio, label: t.label, major: false });
      paneInfos.push(this.paneInfo(pane, range));
    }
    const xLabels: AxisLabel[] = [];
    for (const t of xTicks) if (t.label) xLabels.push({ position: cssPlot.x + xScale.toPixel(t.value) / ratio, label: t.label, major: t.major });
    return { scene, xLabels, yLabels, xKind, xTitle, yAxes, plot: cssPlot, panes: paneInfos, lod, yRange: mainRange, colorBars };
  }

  /** The x scale of the current window across `widthPx` device px. */
  private xScale(widthPx: number): XScale {
    return createXScale(this.options.xAxis, this.viewport.start, this.viewport.end, widthPx);
  }

  /** The value axis a series is drawn against: its `yAxis` when declared, else the default one. */
  axisOf(spec: SeriesSpec): string {
    const id = spec.yAxis;
    return id !== undefined && this.options.yAxes.some((a) => a.id === id) ? id : DEFAULT_Y_AXIS;
  }

  /**
   * The value axes' strips beside the plot (CSS px), default axis first: on each side the first
   * declared sits next to the plot, the next further out.
   */
  private axisSlots(): Omit<YAxisInfo, 'labels' | 'range'>[] {
    const plot = this.plotCss();
    const offsets = { left: 0, right: 0 };
    return this.axisList().map((axis) => {
      const width = yAxisWidth(axis.title !== '');
      const x = axis.side === 'right' ? plot.x + plot.width + offsets.right : plot.x - offsets.left - width;
      offsets[axis.side] += width;
      return { id: axis.id, side: axis.side, scale: axis.scale, x, width, title: axis.title };
    });
  }

  /** Every value axis, default first: id, side, scale and title (with unit). */
  private axisList(): { id: string; side: AxisSide; scale: ScaleKind; title: string }[] {
    const o = this.options;
    return [
      { id: DEFAULT_Y_AXIS, side: o.ySide, scale: o.yScale, title: axisTitle(o.yTitle, o.yUnit) },
      ...o.yAxes.map((a) => ({ id: a.id, side: a.side, scale: a.scale, title: axisTitle(a.title, a.unit) })),
    ];
  }

  /** Space around the plot for the axes (CSS px). */
  private gutter(): AxisGutter {
    const axes = this.axisList();
    const widths = (side: AxisSide) => axes.filter((a) => a.side === side).map((a) => yAxisWidth(a.title !== ''));
    return axisGutter(widths('left'), widths('right'), axisTitle(this.options.xTitle, this.options.xUnit) !== '');
  }

  /** The plot rectangle (device px), all panes, inside the axes. */
  private plot() {
    return plotRect(this.size, this.gutter());
  }

  /**
   * A value axis' ticks. On a scientific chart (numeric x) they read like its x axis: SI prefixes
   * or scientific notation (1.5µ, 2G, 3e21), log decades; on a time axis the financial style
   * (1.2k, 3.4M, 5B) stays.
   */
  private valueTicks(kind: ScaleKind, min: number, max: number, maxTicks: number): { value: number; label: string }[] {
    if (this.options.xAxis === 'time') return (kind === 'log' ? logTicks : linearTicks)(min, max, maxTicks);
    const ticks = kind === 'log' ? numericLogTicks(min, max, maxTicks) : numericTicks(min, max, maxTicks);
    return ticks.filter((t) => !t.minor && t.label !== '');
  }

  /** The chart's own series, in the main pane, each drawn by its type's module against its axis. */
  private seriesLayers(store: SeriesStore, targets: Map<string, DrawTarget>): void {
    const context = this.context(store);
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const target = targets.get(this.axisOf(spec))!;
      const from = target.layers.length;
      const hooks = this.shaderHooks.get(spec.id);
      // A hooked series draws CPU-reduced layers: the hooks' templates wrap the plain line kinds.
      this.fill(context, spec, i).module.draw(context, hooks && target.gpuLod ? { ...target, gpuLod: null } : target);
      if (hooks) attachShaderHooks(target.layers, from, hooks, target.xScale, target.yScale);
    });
  }

  /** A context to be filled per series (see `fill`): one object for all series of a pass. */
  private context(store: SeriesStore): SeriesContext {
    const spec = this.specs[0]!;
    const heatmap = { grid: this.gridStore, heatmap: this.options.heatmap ?? {} };
    return { spec, color: this.options.theme.palette[0]!, state: null, store, theme: this.options.theme, pixelRatio: this.size.pixelRatio, start: this.viewport.start, end: this.viewport.end, ...heatmap };
  }

  /** Points `context` at the `index`th series; returns its slot (module and state). */
  private fill(context: SeriesContext, spec: SeriesSpec, index: number): SeriesSlot {
    const slot = this.slot(spec);
    context.spec = spec;
    context.color = this.colorOf(spec, index);
    context.state = slot.state;
    context.hooked = (this.shaderHooks.get(spec.id)?.length ?? 0) > 0;
    return slot;
  }

  /** A series' module and state, created on first use and again when its type changes. */
  private slot(spec: SeriesSpec): SeriesSlot {
    const module = seriesModuleFor(spec.type);
    let slot = this.slots.get(spec.id);
    if (!slot || slot.module !== module) {
      slot = { module, state: module.createState() };
      this.slots.set(spec.id, slot);
    }
    return slot;
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
    const labels = this.derived.entries.filter(({ spec }) => paneOf(spec) === pane.id).map(({ spec }) => spec.label ?? spec.name);
    const title = pane.id === MAIN_PANE ? '' : [...new Set(labels)].join(' · ');
    return { id: pane.id, rect: { x: r.x / ratio, y: r.y / ratio, width: r.width / ratio, height: r.height / ratio }, title, yRange };
  }

  /** Indices [first, end) of the visible rows, or the two neighbours when zoomed in between two points. */
  private visibleRows(store: SeriesStore): [number, number] {
    const { start, end: stop } = this.viewport;
    const first = lowerBound(store.time, store.length, start);
    const end = upperBound(store.time, store.length, stop, first);
    return end - first < 2 ? visibleRange(store.time, store.length, start, stop) : [first, end];
  }

  /** The main pane's (default axis') y range: the user's, or the visible data's min and max with headroom. */
  yRange(): [number, number] {
    const viewport = this.viewport;
    if (!viewport.autoY) return [viewport.yMin, viewport.yMax];
    return this.autoRange(DEFAULT_Y_AXIS, this.options.yScale);
  }

  /**
   * A value axis' range: the default one's (yRange), or a declared axis' fixed bounds, each bound
   * not given following the visible data of the axis' series.
   */
  axisRange(axisId: string): [number, number] {
    const axis = this.options.yAxes.find((a) => a.id === axisId);
    if (!axis) return this.yRange();
    const zoomed = this.viewport.axisY.get(axisId);
    if (zoomed && (axis.scale !== 'log' || zoomed[0] > 0)) return zoomed;
    const fixed = (v: number | undefined) => v !== undefined && Number.isFinite(v) && (axis.scale !== 'log' || v > 0);
    if (fixed(axis.min) && fixed(axis.max) && axis.max! > axis.min!) return [axis.min!, axis.max!];
    const [lo, hi] = this.autoRange(axis.id, axis.scale);
    const range: [number, number] = [fixed(axis.min) ? axis.min! : lo, fixed(axis.max) ? axis.max! : hi];
    return range[1] > range[0] ? range : [lo, hi];
  }

  /** The declared value axes (besides the default one). */
  get yAxes(): readonly YAxisSpec[] {
    return this.options.yAxes;
  }

  /** The visible values of an axis' series (and, on the default axis, main-pane indicators), with headroom. */
  private autoRange(axisId: string, kind: ScaleKind): [number, number] {
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    const [first, end] = this.visibleRows(store);
    const gpuLod = this.options.gpuLod;
    // The frame's lines reduce on the GPU: their extents need no fine pyramid (pushGpuLine's rule on rows).
    const lodOnGpu = gpuLod != null && store.length >= gpuLod.minRows && store.length <= gpuLod.maxRows && kind === 'linear';
    const query: ExtentQuery = { first, end, positiveOnly: kind === 'log', plotWidth: this.plot().width, gpuLod: lodOnGpu, min: Infinity, max: -Infinity };
    const context = this.context(store);
    this.specs.forEach((spec, i) => {
      if (spec.visible && this.axisOf(spec) === axisId) this.fill(context, spec, i).module.extent(context, query);
    });
    const [min, max] = axisId === DEFAULT_Y_AXIS ? this.derived.range(MAIN_PANE, first, end, query.min, query.max) : [query.min, query.max];
    // A heatmap's grid fills the pane exactly (unless other series widen the range).
    if (query.exact && min < max) return [min, max];
    return paddedRange(min, max, kind);
  }

  /** An indicator pane's y range: its series' visible min and max (and 0 for histograms), with headroom. */
  paneRange(paneId: string): [number, number] {
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    const [first, end] = this.visibleRows(store);
    let [min, max] = this.derived.range(paneId, first, end, Infinity, -Infinity);
    // The reference levels stay in view, so the line is always read against them.
    for (const level of this.derived.levels(paneId)) {
      min = Math.min(min, level);
      max = Math.max(max, level);
    }
    return paddedRange(min, max, 'linear', 0.08);
  }

  /** The pane under an element y (CSS px), or null outside every pane (on a separator, off the plot). */
  paneAt(cssY: number): PaneRect | null {
    const y = cssY * this.size.pixelRatio;
    return this.panes().find((p) => y >= p.rect.y && y <= p.rect.y + p.rect.height) ?? null;
  }

  /** What lies under a point of the element (CSS px): nearest time, each series' value there. */
  pick(cssX: number, cssY: number): CrosshairInfo | null {
    if (this.is3d) {
      const hit = this.three.pick(this.threeInput(), cssX, cssY);
      if (!hit) return null;
      const color = this.colorOf(hit.spec, Math.max(0, this.specs.indexOf(hit.spec)));
      const row = (name: string, value: number): SeriesValue => ({ id: `${hit.spec.id}:${name}`, name, color, value, index: hit.index });
      const { x, y, z, extra } = hit.values;
      return { time: hit.index, pane: MAIN_PANE, x: hit.x, y: hit.y, values: [row('x', x), row('y', y), row('z', z), ...extra.map(([name, value]) => row(name, value))], title: hit.spec.name, three: true };
    }
    const store = this.store;
    if (!store || store.length === 0) return null;
    const ratio = this.size.pixelRatio;
    const plot = this.plot();
    const px = cssX * ratio - plot.x;
    const py = cssY * ratio - plot.y;
    if (px < 0 || py < 0 || px > plot.width || py > plot.height) return null;
    const pane = this.paneAt(cssY);
    const xScale = this.xScale(plot.width);
    const context = this.context(store);
    // The value under the pointer (a heatmap's row), on the main pane.
    if (this.gridStore && (pane?.id ?? MAIN_PANE) === MAIN_PANE) context.cursorY = this.valueAt(cssY);
    // Series that find their own nearest row (scatter: the point under the pointer, through a
    // spatial index) are picked first; the nearest such hit wins and the tooltip shows its row.
    const main = this.panes()[0]!.rect;
    if (!pane || pane.id === MAIN_PANE) {
      let best: { hit: NearestHit; spec: SeriesSpec; i: number } | null = null;
      this.specs.forEach((spec, i) => {
        if (!spec.visible) return;
        const { module } = this.fill(context, spec, i);
        if (!module.nearest) return;
        const target = { pane: main, xScale, yScale: this.valueScale(spec.yAxis ?? DEFAULT_Y_AXIS) };
        const hit = module.nearest(context, cssX * ratio - main.x, cssY * ratio - main.y, target);
        if (hit && (!best || hit.distance < best.hit.distance)) best = { hit, spec, i };
      });
      const found = best as { hit: NearestHit; spec: SeriesSpec; i: number } | null;
      if (found) {
        const { hit } = found;
        const values: SeriesValue[] = [];
        this.fill(context, found.spec, found.i).module.tooltip(context, hit.index, values);
        return { time: store.time[hit.index]!, pane: MAIN_PANE, x: (main.x + hit.x) / ratio, y: (main.y + hit.y) / ratio, values };
      }
    }
    let index = nearestIndex(store.time, store.length, xScale.fromPixel(px));
    // Nearest on screen: on a log axis the nearer value need not be the nearer pixel.
    if (xScale.kind === 'log') {
      const distance = (i: number) => Math.abs(xScale.toPixel(store.time[i]!) - px);
      const best = index;
      for (const i of [best - 1, best + 1]) if (i >= 0 && i < store.length && distance(i) < distance(index)) index = i;
    }
    const time = store.time[index]!;
    const values: SeriesValue[] = [];
    let keyed = false;
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const { module } = this.fill(context, spec, i);
      // Picked by position above: no row of theirs is near the pointer.
      if (module.nearest) return;
      keyed = true;
      module.tooltip(context, index, values);
    });
    // Only position-picked series and nothing near: nothing to show.
    if (!keyed && this.derived.entries.length === 0 && this.specs.some((spec) => spec.visible)) return null;
    this.derived.entries.forEach(({ spec }, i) => {
      values.push({ id: spec.id, name: spec.name, color: this.derivedColor(spec, i), value: spec.values[index]!, index });
    });
    return { time, pane: pane?.id ?? MAIN_PANE, x: (plot.x + xScale.toPixel(time)) / ratio, y: cssY, values };
  }

  /**
   * The legend of a pane: on the main pane its series (each one's value at row `index`, or at the
   * last row when null), then the derived series drawn in the pane. `short`: an indicator pane's
   * legend after its title, with output names only ("macd", "signal"), empty when there is none.
   */
  legendEntries(paneId: string, index: number | null, short: boolean): LegendEntry[] {
    const store = this.store;
    if (!store) return [];
    const row = index ?? store.length - 1;
    const entries: LegendEntry[] = [];
    if (paneId === MAIN_PANE) {
      const context = this.context(store);
      this.specs.forEach((spec, i) => {
        const { module } = this.fill(context, spec, i);
        entries.push({ id: spec.id, name: spec.name, color: context.color, value: module.legendValue(context, row), visible: spec.visible });
      });
    }
    this.derived.entries.forEach(({ spec }, i) => {
      if (paneOf(spec) !== paneId) return;
      const name = short && spec.label && spec.name.startsWith(`${spec.label} `) ? spec.name.slice(spec.label.length + 1) : short ? '' : spec.name;
      entries.push({ id: spec.id, name, color: this.derivedColor(spec, i), value: spec.values[row]!, visible: true });
    });
    return entries;
  }

  /** The plot rectangle in CSS pixels (all panes). */
  plotCss(): CssRect {
    const ratio = this.size.pixelRatio;
    const plot = this.plot();
    return { x: plot.x / ratio, y: plot.y / ratio, width: plot.width / ratio, height: plot.height / ratio };
  }

  /**
   * Converts an element x (CSS px) to an x in data units (a time on time axes), and a plot
   * fraction for zoom anchors.
   */
  timeAt(cssX: number): { time: number; fraction: number } {
    const ratio = this.size.pixelRatio;
    const plot = this.plot();
    const px = cssX * ratio - plot.x;
    const fraction = px / plot.width;
    return { time: this.xScale(plot.width).fromPixel(px), fraction: Math.min(1, Math.max(0, fraction)) };
  }

  /** The element x (CSS px) of an x (a time on time axes) in the current window (outside the plot when the x is). */
  xOf(time: number): number {
    const ratio = this.size.pixelRatio;
    const plot = this.plot();
    return (plot.x + this.xScale(plot.width).toPixel(time)) / ratio;
  }

  /** Converts an element y (CSS px) to a value on a main-pane axis' scale (default: the default axis). */
  valueAt(cssY: number, axisId: string = DEFAULT_Y_AXIS): number {
    return this.valueScale(axisId).fromPixel(cssY * this.size.pixelRatio - this.panes()[0]!.rect.y);
  }

  /** The element y (CSS px) of a value on a main-pane axis. */
  yOf(value: number, axisId: string = DEFAULT_Y_AXIS): number {
    return (this.panes()[0]!.rect.y + this.valueScale(axisId).toPixel(value)) / this.size.pixelRatio;
  }

  /** A main-pane axis' scale (device px from the pane's top). */
  private valueScale(axisId: string): ValueScale {
    const main = this.panes()[0]!.rect;
    const axis = this.options.yAxes.find((a) => a.id === axisId);
    const [min, max] = this.axisRange(axisId);
    return createValueScale(axis ? axis.scale : this.options.yScale, min, max, main.height);
  }

  colorOf(spec: SeriesSpec, index: number): Rgba {
    const palette = this.options.theme.palette;
    return spec.color ?? palette[index % palette.length]!;
  }

  /**
   * Resolves the series again; drops the states of series no longer drawn. `bounds`: the series
   * may cover another x range now (a scatter added or removed): the data bounds follow, and a view
   * that showed all the data shows all of it again.
   */
  private resolve(bounds = true): void {
    // Grid data is drawn as a heatmap whatever the chart's default type.
    const type = this.gridStore ? 'heatmap' : this.options.defaultType;
    if (this.is3d) {
      this.specs = resolve3dSeries(this.seriesOptions, this.options.defaultType, this.options.lineWidth);
      for (const id of [...this.slots.keys()]) if (!this.specs.some((spec) => spec.id === id)) this.slots.delete(id);
      return;
    }
    this.specs = resolveSeries(this.store?.columnNames ?? [], this.seriesOptions, type, this.options.lineWidth, this.options.seriesDefaults);
    for (const id of [...this.slots.keys()]) if (!this.specs.some((spec) => spec.id === id)) this.slots.delete(id);
    const store = this.store;
    if (!bounds || !store || store.length === 0) return;
    const [oldStart, oldEnd] = this.viewport.dataBounds;
    const [first, last] = this.xBounds(store);
    if (first === oldStart && last === oldEnd) return;
    const showedAll = this.viewport.start <= oldStart && this.viewport.end >= oldEnd;
    this.viewport.setDataBounds(first, last, showedAll);
  }
}

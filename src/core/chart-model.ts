import type { ColumnarData } from '../data/columnar.js';
import { visibleRange } from '../data/lod/m4.js';
import { lowerBound, nearestIndex, upperBound } from '../data/lod/search.js';
import { SeriesStore } from '../data/series-store.js';
import { seriesModuleFor } from '../series/registry.js';
import type { DrawTarget, ExtentQuery, LodSummary, NearestHit, SeriesContext, SeriesModule, SeriesValue } from '../series/series-type.js';
import type { SeriesOptions, SeriesSpec } from '../series/shared/series-spec.js';
import { resolveSeries } from '../series/resolve-series.js';
import { DerivedLayers, paneOf, type DerivedSeries } from './derived-series.js';
import { GridLayers } from './grid-layers.js';
import { canvasPixels, plotRect, type ChartSize } from './layout.js';
import { layoutPanes, MAIN_PANE, MAIN_PANE_WEIGHT, MIN_PANE_CSS, moveSeparator, PANE_GAP_CSS, type PaneRect } from './panes.js';
import type { FrameScene, Rgba, SceneLayer } from './scene/frame-scene.js';
import { createTimeScale, createValueScale, paddedRange } from './scales.js';
import { LIGHT_THEME } from './theme.js';
import { linearTicks, logTicks } from './ticks/value-ticks.js';
import { timeTicks } from './ticks/time-ticks.js';
import { Viewport } from './viewport.js';
import type { AxisLabel, ChartModelOptions, CrosshairInfo, CssRect, FrameResult, LegendEntry, PaneInfo } from './chart-types.js';

export type { DerivedSeries } from './derived-series.js';
export type { LodSummary, SeriesValue } from '../series/series-type.js';

export * from './chart-types.js';

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
  options: ChartModelOptions = { theme: LIGHT_THEME, timeZone: 'UTC', yScale: 'linear', defaultType: 'line', grid: true, gridStyle: 'solid', lod: 'auto', lodAggressiveness: 0, lineWidth: 1.5 };
  private store: SeriesStore | null = null;
  private seriesOptions: SeriesOptions[] | null = null;
  private specs: SeriesSpec[] = [];
  private size: ChartSize = { width: 300, height: 150, pixelRatio: 1 };
  private readonly slots = new Map<string, SeriesSlot>();
  private readonly grid = new GridLayers();
  private readonly derived = new DerivedLayers();
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
    return this.derived.entries.map((d) => d.spec);
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
   * The data's x bounds: the row keys' range, or, where series cover an x range of their own
   * (SeriesModule.xExtent: a scatter's x column), the union of those (with the keys' range of the
   * other visible series).
   */
  private xBounds(store: SeriesStore): [number, number] {
    const keys: [number, number] = [store.firstTime(), store.lastTime()];
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
    const bounds = this.xBounds(this.store);
    this.viewport.setDataBounds(bounds[0], bounds[1], false);
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
      if (this.options.grid) layers.push(this.grid.grid(pane.id, xPixels, yTicks.map((t) => yScale.toPixel(t.value)), rect, theme.grid, ratio, this.options.gridStyle));
      const target: DrawTarget = { pane: rect, xScale, yScale, lodColumns: this.lodColumns(rect.width), layers, lod };
      if (main) this.seriesLayers(store, target);
      else {
        const levels = this.grid.levels(pane.id, this.derived.levels(pane.id), rect, yScale, ratio, theme.grid);
        if (levels) layers.push(levels);
      }
      this.derived.draw(store, pane.id, start, end, theme, ratio, (spec, i) => this.derivedColor(spec, i), target);
      for (const t of yTicks) yLabels.push({ position: (rect.y + yScale.toPixel(t.value)) / ratio, label: t.label, major: false });
      paneInfos.push(this.paneInfo(pane, range));
    }
    const xLabels = xTicks.map((t, i) => ({ position: cssPlot.x + xPixels[i]! / ratio, label: t.label, major: t.major }));
    return { scene, xLabels, yLabels, plot: cssPlot, panes: paneInfos, lod, yRange: mainRange };
  }

  /** The chart's own series, in the main pane, each drawn by its type's module. */
  private seriesLayers(store: SeriesStore, target: DrawTarget): void {
    const context = this.context(store);
    this.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      this.fill(context, spec, i).module.draw(context, target);
    });
  }

  /** A context to be filled per series (see `fill`): one object for all series of a pass. */
  private context(store: SeriesStore): SeriesContext {
    const spec = this.specs[0]!;
    return { spec, color: this.options.theme.palette[0]!, state: null, store, theme: this.options.theme, pixelRatio: this.size.pixelRatio, start: this.viewport.start, end: this.viewport.end };
  }

  /** Points `context` at the `index`th series; returns its slot (module and state). */
  private fill(context: SeriesContext, spec: SeriesSpec, index: number): SeriesSlot {
    const slot = this.slot(spec);
    context.spec = spec;
    context.color = this.colorOf(spec, index);
    context.state = slot.state;
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

  /** The main pane's y range: the user's, or the visible data's min and max with headroom. */
  yRange(): [number, number] {
    const viewport = this.viewport;
    if (!viewport.autoY) return [viewport.yMin, viewport.yMax];
    const store = this.store;
    if (!store || store.length === 0) return [0, 1];
    const [first, end] = this.visibleRows(store);
    const query: ExtentQuery = { first, end, positiveOnly: this.options.yScale === 'log', plotWidth: plotRect(this.size).width, min: Infinity, max: -Infinity };
    const context = this.context(store);
    this.specs.forEach((spec, i) => {
      if (spec.visible) this.fill(context, spec, i).module.extent(context, query);
    });
    const [min, max] = this.derived.range(MAIN_PANE, first, end, query.min, query.max);
    return paddedRange(min, max, this.options.yScale);
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
    const store = this.store;
    if (!store || store.length === 0) return null;
    const ratio = this.size.pixelRatio;
    const plot = plotRect(this.size);
    const px = cssX * ratio - plot.x;
    const py = cssY * ratio - plot.y;
    if (px < 0 || py < 0 || px > plot.width || py > plot.height) return null;
    const pane = this.paneAt(cssY);
    const xScale = createTimeScale(this.viewport.start, this.viewport.end, plot.width);
    const context = this.context(store);
    // Series that find their own nearest row (scatter: the point under the pointer, through a
    // spatial index) are picked first; the nearest such hit wins and the tooltip shows its row.
    const main = this.panes()[0]!.rect;
    if (!pane || pane.id === MAIN_PANE) {
      const yScale = createValueScale(this.options.yScale, ...this.yRange(), main.height);
      const target = { pane: main, xScale, yScale };
      let best: { hit: NearestHit; spec: SeriesSpec; i: number } | null = null;
      this.specs.forEach((spec, i) => {
        if (!spec.visible) return;
        const { module } = this.fill(context, spec, i);
        const hit = module.nearest?.(context, cssX * ratio - main.x, cssY * ratio - main.y, target);
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
    const index = nearestIndex(store.time, store.length, xScale.fromPixel(px));
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

  /**
   * Resolves the series again; drops the states of series no longer drawn. `bounds`: the series
   * may cover another x range now (a scatter added or removed): the data bounds follow, and a view
   * that showed all the data shows all of it again.
   */
  private resolve(bounds = true): void {
    this.specs = resolveSeries(this.store?.columnNames ?? [], this.seriesOptions, this.options.defaultType, this.options.lineWidth, this.options.seriesDefaults);
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

import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ScaleKind, XAxisKind } from '../../core/scales.js';
import type { SeriesType } from '../../series/index.js';
import type { FramePixels } from '../../render/renderer.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import type { ChartConfigPatch, Tier } from '../../config/schema.js';
import type { FrameListener, FrameStats } from '../../perf/frame-stats.js';
import { recordProfile, type TraceDocument } from '../../perf/profiler.js';
import type { TelemetryBatch } from '../../perf/telemetry.js';
import type { GpuIndicator, IndicatorHost } from '../gpu-indicator/gpu-indicator.js';
import type { ChartSeriesOptions } from './chart-data.js';
import type { RendererPreference } from './chart-renderer-controller.js';
import type { GpuRendererChangeDetail } from '../../events/gpu-renderer-change.js';
import { ChartElement } from './chart-element.js';
import { applyConfigAttributes, rejectChoice } from './chart-attributes.js';
import { EVERYTHING, Invalidation } from './invalidation.js';
import { gpuChartStyles } from './gpu-chart.styles.js';

export type ChartState = LifecycleState;
export type { ChartSeriesOptions };

/**
 * A WebGPU chart of one or more time series (line and area), interactive, drawn on demand.
 *
 * @tag gpu-chart
 * @summary Line and area charts of large time series, drawn with WebGPU.
 *
 * @event gpu-ready - The renderer is ready; `detail.renderer` and `detail.adapter` say which.
 * @event gpu-viewport-change - The visible window changed (zoom, pan, reset, API, live data).
 * @event gpu-crosshair - The pointer moved over the plot; `detail.time` and `detail.values`.
 * @event gpu-data-error - Data was rejected (previous data stays) or accepted with gaps.
 * @event gpu-load-progress - Progress of loading `src`.
 * @event gpu-fallback - WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`).
 * @event gpu-recovery - Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings.
 * @event gpu-config-error - An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays.
 * @event gpu-quality-change - The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it.
 * @event gpu-renderer-change - `renderer="auto"` chose or changed the backend (adapter, trial, measured, reverted), with the frame measurements per backend.
 * @event gpu-config-change - A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration.
 *
 * @slot - Child elements: `<gpu-indicator>` (drawn over the price series) and `<gpu-perf-overlay>` (drawn over the chart).
 * @csspart container - The box holding canvas, axes and overlays; focusable for keyboard control.
 * @csspart canvas - The canvas the chart is drawn on (WebGPU or Canvas2D).
 * @csspart x-axis - Time axis labels.
 * @csspart y-axis - Value axis labels.
 * @csspart legend - Series names, colours and values.
 * @csspart tooltip - Values under the crosshair.
 * @csspart loading - Shown while `src` loads.
 * @csspart message - Shown instead of the chart when no renderer can draw (or `renderer="webgpu"` forbids the fallback).
 * @csspart fallback-badge - A small label while the Canvas2D fallback draws the chart.
 * @csspart pane-separator - The draggable line between two panes (indicator panes below the price).
 * @csspart pane-title - An indicator pane's title (e.g. "RSI(14)").
 *
 * @cssprop --gpu-chart-background - Plot background.
 * @cssprop --gpu-chart-text-color - Legend and tooltip text.
 * @cssprop --gpu-chart-grid-color - Grid lines.
 * @cssprop --gpu-chart-axis-color - Axis labels.
 * @cssprop --gpu-chart-crosshair-color - Crosshair lines.
 * @cssprop --gpu-chart-tooltip-background - Tooltip background.
 * @cssprop --gpu-chart-up-color - Rising candles, bars and volume.
 * @cssprop --gpu-chart-down-color - Falling candles, bars and volume.
 * @cssprop --gpu-chart-series-1 - Colour of the first series (and -2 … -8 for the next ones).
 */
export class GpuChart extends ChartElement implements IndicatorHost {
  static override styles = gpuChartStyles;

  /** Registers the element; safe to call more than once (or from two copies of the bundle). */
  static define(name = 'gpu-chart'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /**
   * How value columns are drawn unless `series` says otherwise: `line`, `area`, `baseline` (filled
   * above and below a base value), `bar` (histogram from 0), `volume` (volume bars coloured by
   * direction), `candlestick` or `ohlc` (from open/high/low/close columns). Unset: from the
   * configuration (`series.type`, default line).
   */
  @property({ reflect: true }) type?: SeriesType;

  /**
   * Shows the data resampled to bars of this timeframe: `1m`, `5m`, `15m`, `1h`, `4h`, `1d`, `1w`,
   * `1M` (calendar months), `1y`…, with boundaries on the wall clock of `time-zone`. Ticks or bars
   * in, OHLCV bars out; appended rows update the newest bar. The data as given is kept, so changing
   * or removing the timeframe needs no reload. Invalid values fire `gpu-config-error`.
   */
  @property() timeframe: string | null = null;

  /** URL of a CSV or JSON file to load (progress in `gpu-load-progress`). */
  @property() src: string | null = null;

  /** `light` or `dark` (unset: from the configuration, default light). */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** IANA time zone for axis labels and tooltips, e.g. `America/New_York` (default UTC). */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** `linear` or `log` (default linear): the default value axis' scale. */
  @property({ attribute: 'y-scale' }) yScale?: ScaleKind;

  /**
   * What the x axis measures: `time` (default; epoch ms, calendar ticks), or numbers on a `linear`
   * or `log` (log10) scale, with numeric labels. On numeric axes the data's key may be named `x`;
   * data without a key, or whose `x` is not ascending, is keyed by row index.
   */
  @property({ attribute: 'x-axis' }) xAxis?: XAxisKind;

  /** Hides the grid. */
  @property({ type: Boolean, attribute: 'no-grid' }) noGrid = false;

  /** Hides the legend. */
  @property({ type: Boolean, attribute: 'no-legend' }) noLegend = false;

  /**
   * Heatmaps (grid data, or `type="heatmap"`): how pixels between cell centres are coloured,
   * `nearest` (default), `bilinear` or `bicubic` (Catmull-Rom). A series' own option wins.
   */
  @property() interpolation?: 'nearest' | 'bilinear' | 'bicubic';

  /**
   * Heatmaps: the colormap, `viridis` (default), `magma`, `inferno`, `plasma`, `turbo`, `cividis`
   * or `grays`; custom stops go in a series item's `colormap`. Unknown names fire `gpu-config-error`.
   */
  @property() colormap?: string;

  /**
   * Bounded streaming (config `streaming.maxPoints`): keep at most this many rows; the oldest
   * drop as rows are appended (ring buffer: flat memory for a stream that runs forever).
   */
  @property({ type: Number, attribute: 'max-points' }) maxPoints?: number;

  /** `on`: scatter series draw density maps (every point binned on the GPU) unless they say otherwise. Config `series.density`. */
  @property() density?: 'on' | 'off';

  /** `grid`: scatter series group their points per 40-px cell unless they say otherwise. Config `series.cluster`. */
  @property() cluster?: 'grid' | 'off';

  /** A built-in preset (performance, quality, balanced, mobile, realtime, bigdata, presentation, accessible), a registered one, or a URL. */
  @property() preset: string | null = null;

  /** URL of a YAML, JSON or TOML configuration file. */
  @property({ attribute: 'config-src' }) configSrc: string | null = null;

  /** Reloads `config-src` when it changes (polling with ETag / Last-Modified, or `config-events`). */
  @property({ type: Boolean, attribute: 'watch-config' }) watchConfig = false;

  /** Polling interval for `watch-config`, ms. */
  @property({ type: Number, attribute: 'watch-interval' }) watchInterval = 2000;

  /** A server-sent-events URL that announces config changes (instead of polling). */
  @property({ attribute: 'config-events' }) configEvents: string | null = null;

  /**
   * Links this chart with every other chart of the same group on the page: zoom and pan move
   * them all, and the crosshair follows the pointer across them.
   */
  @property({ attribute: 'sync-group', reflect: true }) syncGroup: string | null = null;

  /** Level of detail: `auto` (M4 decimation, pixel-exact) or `off` (draw every point; slow). */
  @property() lod: 'auto' | 'off' = 'auto';

  /** Accessible description; defaults to a summary of the data. */
  @property() label: string | null = null;

  /**
   * Which renderer to use: `auto` (the faster one here: Canvas2D on a software adapter, WebGPU on
   * a real GPU, switched by measured frames with hysteresis, reported by `gpu-renderer-change`;
   * Canvas2D also when WebGPU is unavailable or failing), `webgpu` (pinned; never fall back: show
   * a message instead), `canvas2d` (pinned).
   */
  @property() renderer: RendererPreference = 'auto';

  // ——— public API ———

  /** Frames drawn since the element was created (an idle chart draws none). */
  get frameCount(): number {
    return this.frames.frameCount;
  }

  /** What the last frame cost and drew (measured), or null before the first frame. */
  get lastFrameStats(): FrameStats | null {
    return this.frames.lastFrameStats;
  }

  /**
   * The data: `{ time, value }` (or any named value columns) as typed or plain arrays, or an
   * array of records `[{ time, value }]`. Times are epoch ms, Dates or ISO strings. Invalid data
   * fires `gpu-data-error` and the previous data stays.
   */
  get data(): unknown {
    return this.intake.given;
  }

  set data(value: unknown) {
    this.intake.set(value);
  }

  /** Per-series options: `[{ column, type, name, color, lineWidth, visible }]`. */
  get series(): ChartSeriesOptions[] | null {
    return this.intake.userSeries;
  }

  set series(value: ChartSeriesOptions[] | null) {
    this.intake.setSeries(value);
  }

  /**
   * A configuration object (YAML/JSON shape, see docs/config.md), layered above the preset and
   * the config file and below attributes. Invalid objects fire `gpu-config-error`; the last good
   * configuration stays.
   */
  get config(): ChartConfigPatch | null {
    return this.configuration.object;
  }

  set config(value: ChartConfigPatch | null) {
    this.configuration.object = value;
  }

  /** Merges a change into the runtime layer, the highest one: `chart.updateConfig({ theme: 'dark' })`. */
  updateConfig(patch: ChartConfigPatch): boolean {
    return this.configuration.updateRuntime(patch);
  }

  /** The quality tier in effect (`low` … `ultra`), or null before the renderer is ready. */
  get qualityTier(): Tier | null {
    return this.quality.tier;
  }

  /** The backend drawing now (`webgpu` or `canvas2d`), or null before one is ready. */
  get rendererKind(): 'webgpu' | 'canvas2d' | null {
    return this.frames.renderer?.kind ?? null;
  }

  /** What `renderer="auto"` measured per backend (median and p95 frame cost, ms); empty when pinned. */
  get rendererMeasurements(): GpuRendererChangeDetail['measurements'] {
    return this.renderers.choiceMeasurements;
  }

  /** Bytes of GPU memory this chart holds. */
  get gpuMemoryBytes(): number {
    return this.frames.renderer?.memoryBytes ?? 0;
  }

  /**
   * Receives telemetry batches instead of `telemetry.endpoint` (config). Telemetry is opt-in:
   * nothing is collected unless `telemetry.enabled` is true. Fields: docs/telemetry.md.
   */
  get telemetryCallback(): ((batch: TelemetryBatch) => void) | null {
    return this.frames.telemetryCallback;
  }

  set telemetryCallback(callback: ((batch: TelemetryBatch) => void) | null) {
    this.frames.telemetryCallback = callback;
  }

  /**
   * Streams rows in when given data; DOM nodes and strings go to `Element.append` as usual (so
   * frameworks that append children keep working). See `appendData`.
   */
  override append(...items: unknown[]): void {
    if (items.length > 0 && items.every((item) => typeof item === 'string' || (typeof Node !== 'undefined' && item instanceof Node))) {
      super.append(...(items as (Node | string)[]));
      return;
    }
    for (const rows of items) this.appendData(rows);
  }

  /**
   * Streams rows in (same shapes as `data`). A first row at the last row's time replaces it
   * (updating the live bar). A window showing the newest data follows it.
   */
  appendData(rows: unknown): void {
    this.intake.append(rows);
  }

  /** Shows all data again, with y following it. */
  resetView(): void {
    this.view.reset();
  }

  /** Shows the window [start, end] (epoch ms on time axes, data units on numeric ones); optionally a fixed y range (default axis). */
  setViewport(start: number, end: number, yMin?: number, yMax?: number): void {
    this.view.set(start, end, yMin, yMax);
  }

  /** The visible window and y range. */
  getViewport(): { start: number; end: number; yMin: number; yMax: number; autoY: boolean } {
    return this.view.get();
  }

  /** Resolves after the next frame is drawn (at once when nothing is pending); while no renderer is ready yet, after its first frame. */
  nextFrame(): Promise<void> {
    return this.frames.nextFrame();
  }

  /**
   * Draws a frame now, synchronously, instead of at the next animation frame (benchmarks, or
   * code that must read the canvas right away). Returns what it cost.
   */
  renderNow(): FrameStats | null {
    this.frames.commit();
    return this.frames.lastFrameStats;
  }

  /** Draws the current state and returns its pixels (RGBA, rows top to bottom). */
  snapshot(): Promise<FramePixels> {
    return this.frames.capture();
  }

  /** Re-reads colours from CSS custom properties (after a page changes them). */
  refreshStyles(): void {
    this.theming.forget();
    this.invalidate(Invalidation.THEME);
  }

  /**
   * Calls `listener` after every frame with its measured stats (perf overlay, profiler,
   * telemetry). GPU times arrive later through the same listener (`gpuMs` set, same `frame`).
   * Returns the function that removes the listener.
   */
  onFrame(listener: FrameListener): () => void {
    return this.frames.onFrame(listener);
  }

  /**
   * Records `ms` of frames and resolves with a Chrome Trace Event document (open it in Perfetto
   * or chrome://tracing): per-frame scene and render phases, GPU time, points and memory.
   */
  profile(ms: number): Promise<TraceDocument> {
    return recordProfile(this, ms);
  }

  addIndicator(indicator: GpuIndicator): void {
    this.indicators.add(indicator);
  }

  removeIndicator(indicator: GpuIndicator): void {
    this.indicators.remove(indicator);
  }

  indicatorChanged(): void {
    this.indicators.schedule();
  }

  // ——— lifecycle ———

  override connectedCallback(): void {
    super.connectedCallback();
    this.view.join(this.syncGroup);
    // Moved in the DOM: the controllers reconnected; start drawing again.
    if (this.hasUpdated) {
      this.frames.configureTelemetry(this.configuration.config);
      void this.renderers.start();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view.leave();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('syncGroup') && this.isConnected) this.view.join(this.syncGroup);
    if (changed.has('timeframe') && (this.timeframe || changed.get('timeframe'))) {
      this.frames.flush(); // resampled in the time zone in effect
      this.intake.setTimeframe(this.timeframe);
    }
    const report = (path: string, message: string) => this.configError(path, message);
    if (changed.has('lod') && rejectChoice('lod', this.lod, ['auto', 'off'], report)) this.lod = changed.get('lod') ?? 'auto';
    if (changed.has('lod')) this.quality.applyLod();
    applyConfigAttributes(this, changed, (layer, patch, source) => this.configuration.setLayer(layer, patch, source), report);
    if (changed.has('preset')) void this.configuration.setPreset(this.preset);
    if (changed.has('watchConfig') || changed.has('watchInterval') || changed.has('configEvents')) {
      this.configuration.setWatch(this.watchConfig, this.watchInterval, this.configEvents);
    }
    if (changed.has('configSrc')) void this.configuration.setFile(this.configSrc);
    if (changed.has('src') && this.src) void this.intake.load(this.src);
    if (changed.has('label')) this.invalidate(Invalidation.OVERLAY);
    if (changed.has('renderer')) {
      if (rejectChoice('renderer', this.renderer, ['auto', 'webgpu', 'canvas2d'], report)) {
        this.renderer = changed.get('renderer') ?? 'auto';
      } else {
        this.renderers.preference = this.renderer;
        if (this.hasUpdated) void this.renderers.start();
      }
    }
  }

  protected override firstUpdated(): void {
    this.invalidate(EVERYTHING);
    this.frames.flush();
    this.surface.observe();
    // After this update: the renderer's state changes update the element again (the fallback badge).
    void this.updateComplete.then(() => {
      if (this.isConnected) void this.renderers.start();
    });
  }

  /**
   * `updateComplete` also brings the DOM up to date with pending changes (theme colours, legend,
   * messages), without drawing: the picture itself follows at the next animation frame.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    this.frames.flush();
    this.overlay.refresh();
    return result;
  }

  /** The element renders its frame once; the overlay controller renders into the `overlay-*` parts. */
  override render() {
    return html`
      <div class="container" part="container" tabindex="0" role="img">
        <canvas part="canvas"></canvas>
        <div class="overlay-clusters"></div>
        <div class="overlay-axes"></div>
        <div class="overlay-legend"></div>
        <div class="overlay-pointer"></div>
        <slot></slot>
        <div class="overlay-status"></div>
      </div>
    `;
  }


}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-chart': GpuChart;
  }
}

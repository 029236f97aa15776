import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ChartModel, type CrosshairInfo, type FrameResult } from '../../core/chart-model.js';
import type { ScaleKind } from '../../core/scales.js';
import { SERIES_TYPES, type SeriesType } from '../../series/index.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import type { FramePixels, Renderer } from '../../render/renderer.js';
import type { BackoffOptions } from '../../recovery/retry.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import type { ChartConfig, ChartConfigPatch, Tier } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ConfigDiff } from '../../config/diff.js';
import type { LayerName } from '../../config/config-stack.js';
import { tierLayer } from '../../config/tiers.js';
import { GpuConfigChangeEvent } from '../../events/gpu-config-change.js';
import { GpuConfigErrorEvent } from '../../events/gpu-config-error.js';
import { GpuCrosshairEvent } from '../../events/gpu-crosshair.js';
import { GpuQualityChangeEvent } from '../../events/gpu-quality-change.js';
import { GpuViewportChangeEvent } from '../../events/gpu-viewport-change.js';
import type { FrameListener, FrameStats } from '../../perf/frame-stats.js';
import { recordProfile, type TraceDocument } from '../../perf/profiler.js';
import type { TelemetryBatch } from '../../perf/telemetry.js';
import type { GpuIndicator, IndicatorHost } from '../gpu-indicator/gpu-indicator.js';
import { ChartAutoTune } from './chart-auto-tune.js';
import { ChartConfigController, type ConfigHost } from './chart-config-controller.js';
import { ChartData, type ChartSeriesOptions, type DataHost } from './chart-data.js';
import { ChartFrameLoop, type FrameLoopHost } from './chart-frame-loop.js';
import { ChartIndicators } from './chart-indicators.js';
import { ChartInteraction, type InteractionHost } from './chart-interaction.js';
import { ChartOverlay, type OverlayHost, type OverlayStatus } from './chart-overlay.js';
import { ChartRendererController, DEFAULT_RECOVERY, type QualityDegradation, type RecoveryOptions, type RendererHost, type RendererPreference } from './chart-renderer-controller.js';
import { ChartSync, type SyncMember } from './chart-sync.js';
import { ChartTheme } from './chart-theme.js';
import { hardwareInfo } from './hardware-info.js';
import { ChartCanvas } from './chart-canvas.js';
import { prepareChart, seriesTypeIssue } from './chart-commit.js';
import { attributeLayer, CONFIG_ATTRIBUTE_PROPERTIES, nameAttributeIssues } from './chart-attributes.js';
import { ChartClusterLabels } from './chart-cluster-labels.js';
import { EVERYTHING, Invalidation, invalidationOf } from './invalidation.js';
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
 * @event gpu-config-change - A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration.
 *
 * @slot - Child elements: `<gpu-indicator>` (drawn over the price series) and `<gpu-perf-overlay>` (drawn over the chart).
 * @csspart container - The box holding canvas, axes and overlays; focusable for keyboard control.
 * @csspart canvas - The WebGPU canvas.
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
export class GpuChart extends LitElement implements InteractionHost, ConfigHost, RendererHost, IndicatorHost, SyncMember, FrameLoopHost, OverlayHost, DataHost {
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

  /** `linear` or `log` (default linear). */
  @property({ attribute: 'y-scale' }) yScale?: ScaleKind;

  /** Hides the grid. */
  @property({ type: Boolean, attribute: 'no-grid' }) noGrid = false;

  /** Hides the legend. */
  @property({ type: Boolean, attribute: 'no-legend' }) noLegend = false;

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

  /** Which renderer to use: `auto` (WebGPU, Canvas2D when WebGPU is unavailable or failing), `webgpu` (never fall back: show a message instead), `canvas2d`. */
  @property() renderer: RendererPreference = 'auto';

  /** Recovery timings (retry backoff, circuit breaker) for every chart on the page; tests shorten them. */
  static recovery: RecoveryOptions = DEFAULT_RECOVERY;

  // ——— controllers: each owns its state ———

  private readonly chartModel = new ChartModel();

  /**
   * The chart's model (scales, viewport, series, data). Reading it first does the work pending
   * from configuration changes (the animation frame's commit would do it anyway), so what it says
   * is the configuration in effect.
   */
  get model(): ChartModel {
    this.frames.flush();
    return this.chartModel;
  }

  /** Chooses and replaces renderers, recovers from device loss, falls back to Canvas2D. */
  private readonly renderers = new ChartRendererController(this);
  /** Configuration layers: preset, config file, `config`, attributes, runtime updates. */
  readonly configuration = new ChartConfigController(this);
  private readonly autoTune = new ChartAutoTune((tier, detail) => {
    this.configuration.setLayer('tier', tierLayer(tier), `tier ${tier}`);
    this.dispatchEvent(new GpuQualityChangeEvent(detail));
  });
  /** The invalidation mask, the commit per animation frame, frame stats and telemetry. */
  /** Count labels of grid clusters (issue 11), read back from the GPU after each frame. */
  private readonly clusterLabels = new ChartClusterLabels(() => this.renderRoot?.querySelector<HTMLElement>('.overlay-clusters') ?? null);
  private readonly frames = new ChartFrameLoop(this, this.chartModel, (stats) => this.autoTune.record(stats));
  /** The `<gpu-indicator>` children and configured indicators, computed over the data. */
  private readonly indicators = new ChartIndicators(this.chartModel, () => this.invalidate(Invalidation.OVERLAY), (issues) => this.reportConfigIssues(issues));
  /** Axis labels, legend, pane titles, crosshair, tooltip, loading and messages. */
  private readonly overlay = new ChartOverlay(this, this.chartModel);
  private readonly theming = new ChartTheme(this);
  /** `data`, `series`, `append`, `src`, `timeframe`, and reports of bad data. */
  private readonly intake = new ChartData(this, this.chartModel, this.indicators);
  /** This chart's membership of its `sync-group`. */
  private readonly sync = new ChartSync(this);

  /** The canvas, sized to the element and the GPU. */
  private readonly surface = new ChartCanvas(this, this.chartModel, (w, h, ratio) => this.renderers.fitPixelRatio(w, h, ratio), () => this.effectiveConfig.quality.resolutionScale, () => this.invalidate());
  private readonly commitParts = {
    model: this.chartModel,
    theme: this.theming,
    intake: this.intake,
    indicators: this.indicators,
    canvas: this.surface,
    frames: this.frames,
    overlay: this.overlay,
    rebuildPipelines: () => this.renderers.rebuild(),
  };
  private configObject: ChartConfigPatch | null = null;

  constructor() {
    super();
    new ChartInteraction(this);
    this.addEventListener('gpu-fallback', (event) => this.frames.recordError('fallback', event.detail.reason));
    this.addEventListener('gpu-recovery', (event) => this.frames.recordError('recovery', event.detail.phase));
    this.addEventListener('gpu-config-error', () => this.frames.recordError('config', 'invalid'));
  }

  // ——— public API ———

  /** The chart's lifecycle state: initializing, ready, lost, recovering, degraded, fallback, failed, disposed. */
  get state(): ChartState {
    return this.renderers.state;
  }

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
    return this.configObject;
  }

  set config(value: ChartConfigPatch | null) {
    if (this.configuration.setLayer('object', value, 'config')) this.configObject = value;
  }

  /** The resolved configuration in effect (defaults filled). */
  get effectiveConfig(): ChartConfig {
    return this.configuration.config;
  }

  /** Merges a change into the runtime layer, the highest one: `chart.updateConfig({ theme: 'dark' })`. */
  updateConfig(patch: ChartConfigPatch): boolean {
    return this.configuration.updateRuntime(patch);
  }

  /** The quality tier in effect (`low` … `ultra`), or null before the renderer is ready. */
  get qualityTier(): Tier | null {
    return this.autoTune.tier;
  }

  /** `webgpu` once ready, otherwise null. */
  get rendererKind(): 'webgpu' | 'canvas2d' | null {
    return this.frames.renderer?.kind ?? null;
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
    this.chartModel.viewport.reset();
    this.viewportChanged('reset');
  }

  /** Shows the window [start, end] (epoch ms); optionally a fixed y range. */
  setViewport(start: number, end: number, yMin?: number, yMax?: number): void {
    this.chartModel.viewport.setX(start, end);
    if (yMin !== undefined && yMax !== undefined) this.chartModel.viewport.setY(yMin, yMax);
    this.viewportChanged('api');
  }

  /** The visible window and y range. */
  getViewport(): { start: number; end: number; yMin: number; yMax: number; autoY: boolean } {
    const { start, end, autoY } = this.model.viewport;
    const [yMin, yMax] = this.chartModel.yRange();
    return { start, end, yMin, yMax, autoY };
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

  /** Marks work to do (bits of Invalidation, default: only a new picture): one commit at the next animation frame. */
  invalidate(bits: number = Invalidation.VIEW): void {
    this.frames.invalidate(bits);
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
    this.sync.join(this.syncGroup);
    // Moved in the DOM: the controllers reconnected; start drawing again.
    if (this.hasUpdated) {
      this.frames.configureTelemetry(this.configuration.config);
      void this.renderers.start();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sync.leave();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('syncGroup') && this.isConnected) this.sync.join(this.syncGroup);
    if (changed.has('timeframe') && (this.timeframe || changed.get('timeframe'))) {
      this.frames.flush(); // resampled in the time zone in effect
      this.intake.setTimeframe(this.timeframe);
    }
    if (changed.has('lod') && this.lod !== 'auto' && this.lod !== 'off') {
      this.configError('lod', `expected auto | off, got "${this.lod}"`);
      this.lod = changed.get('lod') ?? 'auto';
    }
    if (changed.has('lod')) this.applyLod();
    const attributeProps = CONFIG_ATTRIBUTE_PROPERTIES;
    if (attributeProps.some((name) => changed.has(name))) {
      if (this.type !== undefined && !SERIES_TYPES.includes(this.type)) {
        this.configError('type', `expected ${SERIES_TYPES.join(' | ')}, got "${this.type}"`);
        this.type = changed.get('type');
      } else if (!this.configuration.setLayer('attributes', attributeLayer(this), 'attributes')) {
        // The last good values stay, on the element as in the configuration.
        for (const name of attributeProps) if (changed.has(name)) (this as Record<string, unknown>)[name] = changed.get(name);
      }
    }
    if (changed.has('preset')) void this.configuration.setPreset(this.preset);
    if (changed.has('watchConfig') || changed.has('watchInterval') || changed.has('configEvents')) {
      this.configuration.setWatch(this.watchConfig, this.watchInterval, this.configEvents);
    }
    if (changed.has('configSrc')) void this.configuration.setFile(this.configSrc);
    if (changed.has('src') && this.src) void this.intake.load(this.src);
    if (changed.has('label')) this.invalidate(Invalidation.OVERLAY);
    if (changed.has('renderer')) {
      if (!['auto', 'webgpu', 'canvas2d'].includes(this.renderer)) {
        this.configError('renderer', `expected auto | webgpu | canvas2d, got "${this.renderer}"`);
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

  // ——— the commit: the work an invalidation asks for (FrameLoopHost) ———

  /** @internal host interface of a controller */
  prepare(bits: number): void {
    prepareChart(bits, this.configuration.config, this.commitParts);
  }

  /** @internal host interface of a controller */
  frameDrawn(frame: FrameResult | null): void {
    this.overlay.frameDrawn(frame);
    this.clusterLabels.frameDrawn(frame, this.frames.renderer);
  }

  // ——— configuration (ConfigHost) ———

  applyConfig(config: ChartConfig, diff: ConfigDiff, layer: LayerName, durationMs: number): void {
    const started = performance.now();
    if (layer !== 'tier') this.autoTune.configure(config);
    const typeIssue = diff.changedPaths.includes('series.type') ? seriesTypeIssue(config, layer) : null;
    if (typeIssue) this.reportConfigIssues([typeIssue]);
    this.invalidate(invalidationOf(diff.changedPaths));
    this.dispatchEvent(
      new GpuConfigChangeEvent({ changedPaths: diff.changedPaths, work: diff.work, subsystems: diff.subsystems, layer, durationMs: durationMs + performance.now() - started }),
    );
  }

  reportConfigIssues(issues: ConfigIssue[]): void {
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: nameAttributeIssues(issues) }));
  }

  /** @internal host interface of a controller */
  configError(path: string, message: string): void {
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: [{ path, message, source: 'attribute' }] }));
  }

  // ——— data intake (DataHost) ———

  /** @internal host interface of a controller */
  get retryOptions(): BackoffOptions {
    return this.recoveryOptions.retry;
  }

  /** @internal host interface of a controller */
  setStatus(change: Partial<OverlayStatus>): void {
    this.overlay.setStatus(change);
  }

  /** @internal host interface of a controller */
  recordError(kind: string, code: string): void {
    this.frames.recordError(kind, code);
  }

  // ——— interaction (InteractionHost) and the overlay (OverlayHost) ———

  get interactionTarget(): HTMLElement | null {
    return this.renderRoot.querySelector('.container');
  }

  get interactionFeatures(): { zoom: boolean; pan: boolean } {
    // Destructured: the tests' type-check (not strict) sees valibot's defaulted fields as optional.
    const { zoom, pan } = this.configuration.config.features;
    return { zoom, pan };
  }

  viewportChanged(source: ViewportChangeSource, render = true): void {
    if (render) this.invalidate();
    const { start, end, yMin, yMax, autoY } = this.getViewport();
    this.dispatchEvent(new GpuViewportChangeEvent({ start, end, yMin, yMax, autoY, source }));
    // Streaming moves each chart's own window; everything else moves the whole group.
    if (source !== 'data') this.sync.viewportChanged(start, end);
  }

  pointerAt(cssX: number, cssY: number, synced = false): void {
    this.overlay.pointerAt(cssX, cssY, synced);
  }

  pointerLeft(): void {
    this.overlay.pointerLeft();
  }

  showZoomBox(box: { x: number; y: number; width: number; height: number } | null): void {
    this.overlay.showZoomBox(box);
  }

  /** @internal host interface of a controller */
  crosshairMoved(info: CrosshairInfo | null): void {
    this.sync.crosshairMoved(info?.time ?? null);
    this.dispatchEvent(new GpuCrosshairEvent(info ? { time: info.time, values: info.values.map(({ id, name, value, index }) => ({ id, name, value, index })) } : { time: null, values: [] }));
  }

  // ——— sync-group (SyncMember) ———

  syncViewport(start: number, end: number): void {
    this.sync.receive(() => {
      this.chartModel.viewport.setX(start, end);
      this.viewportChanged('sync');
    });
  }

  syncCrosshair(time: number | null): void {
    this.sync.receive(() => {
      const plot = this.chartModel.plotCss();
      const x = time === null ? NaN : this.chartModel.xOf(time);
      if (!(x >= plot.x && x <= plot.x + plot.width)) this.pointerLeft();
      else this.pointerAt(x, plot.y + 1, true);
    });
  }

  // ——— renderer (RendererHost) ———

  /** The renderer drawing now (benchmarks read its sample count). */
  protected get activeRenderer(): Renderer | null {
    return this.frames.renderer;
  }

  canvasFor(kind: 'webgpu' | 'canvas2d'): HTMLCanvasElement | null {
    return this.surface.canvasFor(kind);
  }

  get sampleCount(): 1 | 4 {
    return this.configuration.config.quality.msaa;
  }

  get memoryBudgetBytes(): number | null {
    const mb = this.configuration.config.quality.maxGpuMemoryMB;
    return mb ? mb * 1024 * 1024 : null;
  }

  get recoveryOptions(): RecoveryOptions {
    return (this.constructor as typeof GpuChart).recovery;
  }

  rendererChanged(renderer: Renderer | null): void {
    this.frames.renderer = renderer;
    this.requestUpdate();
    this.invalidate();
  }

  deviceAcquired(device: GPUDevice): void {
    if (!this.autoTune.tier) this.autoTune.start(this.configuration.config, hardwareInfo(device, this.renderers.devices.adapterInfo), device.features.has('timestamp-query'));
  }

  degradationChanged(detail: QualityDegradation | null): void {
    this.applyLod();
    this.surface.measure();
    const tier = this.autoTune.tier ?? 'high';
    if (detail) this.dispatchEvent(new GpuQualityChangeEvent({ tier, previous: tier, ...detail }));
  }

  showMessage(message: string | null): void {
    this.overlay.setStatus({ unavailable: message });
    // Nothing will draw: nobody should wait for a frame.
    if (message) this.frames.flushWaiters();
  }

  private applyLod(): void {
    this.chartModel.options = { ...this.chartModel.options, lod: this.renderers.lodOverride ?? this.lod };
    this.invalidate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-chart': GpuChart;
  }
}

import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ChartModel, type AxisLabel, type FrameResult } from '../../core/chart-model.js';
import type { ScaleKind } from '../../core/scales.js';
import { BAR_TYPES, hasOhlc, SERIES_TYPES, type SeriesOptions, type SeriesType } from '../../series/index.js';
import { TimeframeView } from '../../data/timeframe-view.js';
import type { ColumnarData } from '../../data/columnar.js';
import { DARK_THEME, LIGHT_THEME, type Theme } from '../../core/theme.js';
import { formatValue } from '../../core/ticks/value-ticks.js';
import { formatTime } from '../../time/time-zone.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import { DataError } from '../../data/data-error.js';
import { loadUrl } from '../../data/load-url.js';
import { retry } from '../../recovery/retry.js';
import { normalizeData } from '../../data/normalize.js';
import type { NormalizedData } from '../../data/columnar.js';
import type { FramePixels, Renderer } from '../../render/renderer.js';
import type { Rgba } from '../../core/scene/frame-scene.js';
import { GpuConfigErrorEvent } from '../../events/gpu-config-error.js';
import { GpuCrosshairEvent } from '../../events/gpu-crosshair.js';
import { GpuDataErrorEvent, type GpuDataErrorDetail } from '../../events/gpu-data-error.js';
import { GpuLoadProgressEvent } from '../../events/gpu-load-progress.js';
import { GpuViewportChangeEvent } from '../../events/gpu-viewport-change.js';
import { resolveCssColor, rgbaToCss } from '../resolve-css-color.js';
import { ChartInteraction, type InteractionHost } from './chart-interaction.js';
import { ChartRendererController, DEFAULT_RECOVERY, type QualityDegradation, type RecoveryOptions, type RendererHost, type RendererPreference } from './chart-renderer-controller.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import { ChartConfigController, type ConfigHost } from './chart-config-controller.js';
import type { ChartConfig, ChartConfigPatch } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ConfigDiff } from '../../config/diff.js';
import type { LayerName } from '../../config/config-stack.js';
import { GpuConfigChangeEvent } from '../../events/gpu-config-change.js';
import { GpuQualityChangeEvent, type GpuQualityChangeDetail } from '../../events/gpu-quality-change.js';
import { ChartAutoTune } from './chart-auto-tune.js';
import { ChartIndicators } from './chart-indicators.js';
import { ChartPanes } from './chart-panes.js';
import { MAIN_PANE } from '../../core/panes.js';
import { ChartSync, type SyncMember } from './chart-sync.js';
import type { GpuIndicator, IndicatorHost } from '../gpu-indicator/gpu-indicator.js';
import { tierLayer } from '../../config/tiers.js';
import type { Tier } from '../../config/schema.js';
import { gpuChartStyles } from './gpu-chart.styles.js';
import type { FrameListener, FrameStats } from '../../perf/frame-stats.js';
import { recordProfile, type TraceDocument } from '../../perf/profiler.js';
import { createTelemetry, type Telemetry, type TelemetryBatch } from '../../perf/telemetry.js';

export type ChartState = LifecycleState;

/** Worth another try: the network, or a server that may answer later. */
function isTransientLoadError(error: unknown): boolean {
  if (!(error instanceof DataError)) return false;
  if (error.code === 'network') return true;
  const status = typeof error.value === 'number' ? error.value : 0;
  return error.code === 'http' && (status >= 500 || status === 408 || status === 429);
}

/** A series as users describe it from JS: like SeriesOptions, with a CSS colour string. */
export interface ChartSeriesOptions extends Omit<SeriesOptions, 'color'> {
  color?: string;
}

const PALETTE_SIZE = 8;



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
export class GpuChart extends LitElement implements InteractionHost, ConfigHost, RendererHost, IndicatorHost, SyncMember {
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

  /** Chooses and replaces renderers, recovers from device loss, falls back to Canvas2D. */
  private readonly renderers = new ChartRendererController(this);

  /** The chart's lifecycle state: initializing, ready, lost, recovering, degraded, fallback, failed, disposed. */
  get state(): ChartState {
    return this.renderers.state;
  }

  /** Frames drawn since the element was created (an idle chart draws none). */
  frameCount = 0;

  /** What the last frame cost and drew (measured), or null before the first frame. */
  lastFrameStats: FrameStats | null = null;

  readonly model = new ChartModel();

  /** The `<gpu-indicator>` children, computed over the data and drawn over the price series. */
  private readonly indicators = new ChartIndicators(
    this.model,
    () => {
      this.requestUpdate();
      this.invalidate();
    },
    (issues) => this.reportConfigIssues(issues),
  );

  addIndicator(indicator: GpuIndicator): void {
    this.indicators.add(indicator);
  }

  removeIndicator(indicator: GpuIndicator): void {
    this.indicators.remove(indicator);
  }

  indicatorChanged(): void {
    this.indicators.schedule();
  }

  /** The data resampled to `timeframe`, when one is set. */
  private readonly timeframes = new TimeframeView();

  /** Indicator panes' titles and separators. */
  private readonly paneControls = new ChartPanes(this);

  /** This chart's membership of its `sync-group`. */
  private readonly sync = new ChartSync(this);

  /** Configuration layers: preset, config file, `config`, attributes, runtime updates. */
  readonly configuration = new ChartConfigController(this);

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

  private configObject: ChartConfigPatch | null = null;

  /** The quality tier in effect (`low` … `ultra`), or null before the renderer is ready. */
  get qualityTier(): Tier | null {
    return this.autoTune.tier;
  }

  private readonly autoTune = new ChartAutoTune((tier, detail) => this.tierChanged(tier, detail));

  private tierChanged(tier: Tier, detail: GpuQualityChangeDetail): void {
    this.configuration.setLayer('tier', tierLayer(tier), `tier ${tier}`);
    this.dispatchEvent(new GpuQualityChangeEvent(detail));
  }

  @query('.container') private container!: HTMLDivElement | null;
  @query('canvas') private canvas!: HTMLCanvasElement | null;
  @query('.crosshair-v') private crosshairV!: HTMLDivElement | null;
  @query('.crosshair-h') private crosshairH!: HTMLDivElement | null;
  @query('.tooltip') private tooltip!: HTMLDivElement | null;
  @query('.zoom-box') private zoomBox!: HTMLDivElement | null;

  @state() private frameInfo: FrameResult | null = null;
  @state() private loading: { loaded: number; total: number | null } | null = null;
  @state() private unavailableMessage: string | null = null;
  @state() private errorMessage: string | null = null;
  @state() private legendValues: Map<string, number> | null = null;

  private activeRenderer: Renderer | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private frameHandle = 0;
  private frameWaiters: (() => void)[] = [];
  private loadAbort: AbortController | null = null;
  private userData: unknown = null;
  private userSeries: ChartSeriesOptions[] | null = null;
  /** Where the pointer is over the plot (CSS px), so the crosshair follows zooms and new data. */
  private pointer: { x: number; y: number } | null = null;
  private crosshairTime: number | null = null;
  private errorTimer = 0;

  constructor() {
    super();
    new ChartInteraction(this);
    this.addEventListener('gpu-fallback', (event) => this.telemetry?.recordError('fallback', event.detail.reason));
    this.addEventListener('gpu-recovery', (event) => this.telemetry?.recordError('recovery', event.detail.phase));
    this.addEventListener('gpu-config-error', () => this.telemetry?.recordError('config', 'invalid'));
  }

  /**
   * The data: `{ time, value }` (or any named value columns) as typed or plain arrays, or an
   * array of records `[{ time, value }]`. Times are epoch ms, Dates or ISO strings. Invalid data
   * fires `gpu-data-error` and the previous data stays.
   */
  get data(): unknown {
    return this.userData;
  }

  set data(value: unknown) {
    this.userData = value;
    if (value == null) return;
    const normalized = this.normalizeInput(() => normalizeData(value, 'data'), 'data');
    if (normalized) this.applyData(normalized, false);
  }

  /** Per-series options: `[{ column, type, name, color, lineWidth, visible }]`. */
  get series(): ChartSeriesOptions[] | null {
    return this.userSeries;
  }

  set series(value: ChartSeriesOptions[] | null) {
    this.userSeries = value;
    this.applySeries();
  }

  /** `webgpu` once ready, otherwise null. */
  get rendererKind(): 'webgpu' | 'canvas2d' | null {
    return this.activeRenderer?.kind ?? null;
  }

  /** Bytes of GPU memory this chart holds. */
  get gpuMemoryBytes(): number {
    return this.activeRenderer?.memoryBytes ?? 0;
  }

  get interactionTarget(): HTMLElement | null {
    return this.container;
  }

  get interactionFeatures(): { zoom: boolean; pan: boolean } {
    return this.configuration.config.features;
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
    const normalized = this.normalizeInput(() => normalizeData(rows, 'append'), 'append');
    if (!normalized) return;
    try {
      const hadData = this.model.data !== null;
      // With a timeframe, the rows update the resampled bars (the newest one, or new ones).
      const rows = this.timeframes.active ? this.timeframes.append(normalized.data) : normalized.data;
      if (rows.time.length === 0) return;
      const { appended, updatedLast } = this.model.append(rows);
      if (!hadData) this.applySeries();
      // Indicators follow the stream, stepping over the new rows only (O(1) per row for most).
      if (!hadData) this.indicators.recompute();
      else if (this.indicators.size > 0) this.indicators.appended(appended, updatedLast);
      this.invalidate();
      this.viewportChanged('data', false);
    } catch (error) {
      this.reportDataError(error, 'append');
    }
  }

  /** Shows all data again, with y following it. */
  resetView(): void {
    this.model.viewport.reset();
    this.viewportChanged('reset');
  }

  /** Shows the window [start, end] (epoch ms); optionally a fixed y range. */
  setViewport(start: number, end: number, yMin?: number, yMax?: number): void {
    this.model.viewport.setX(start, end);
    if (yMin !== undefined && yMax !== undefined) this.model.viewport.setY(yMin, yMax);
    this.viewportChanged('api');
  }

  /** The visible window and y range. */
  getViewport(): { start: number; end: number; yMin: number; yMax: number; autoY: boolean } {
    const { start, end, autoY } = this.model.viewport;
    const [yMin, yMax] = this.model.yRange();
    return { start, end, yMin, yMax, autoY };
  }

  /** Resolves after the next frame is drawn (at once when nothing is pending); while no renderer is ready yet, after its first frame. */
  nextFrame(): Promise<void> {
    // Nothing pending and a renderer in place: the picture is current.
    if (!this.frameHandle && (this.activeRenderer || !this.isConnected)) return Promise.resolve();
    return new Promise((resolve) => this.frameWaiters.push(resolve));
  }

  /** Draws the current state and returns its pixels (RGBA, rows top to bottom). */
  async snapshot(): Promise<FramePixels> {
    if (!this.activeRenderer) throw new Error('gpu-chart: no renderer yet (wait for gpu-ready)');
    const frame = this.buildFrame();
    this.frameCount++;
    return this.activeRenderer.capture(frame.scene);
  }

  /** Re-reads colours from CSS custom properties (after a page changes them). */
  refreshStyles(): void {
    this.themeCache.clear();
    this.model.setOptions({ theme: this.readTheme() });
    this.invalidate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('pagehide', this.flushTelemetry);
    this.sync.join(this.syncGroup);
    if (this.hasUpdated) this.configureTelemetry(this.configuration.config);
    // Moved in the DOM: the controllers reconnected; start drawing again.
    if (this.hasUpdated) {
      // Disconnecting dropped the observer: a fresh one (its first callback measures the canvas).
      (this.resizeObserver ??= new ResizeObserver(() => this.measure())).observe(this);
      void this.renderers.start();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('pagehide', this.flushTelemetry);
    this.sync.leave();
    this.telemetry?.dispose();
    this.telemetry = null;
    this.telemetryKey = '';
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    // A MediaQueryList with a listener lives as long as the document, and would keep this chart alive.
    this.pixelRatioQuery?.removeEventListener('change', this.onPixelRatioChange);
    this.pixelRatioQuery = null;
    this.loadAbort?.abort();
    this.loadAbort = null;
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
    this.flushFrameWaiters();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('syncGroup') && this.isConnected) this.sync.join(this.syncGroup);
    if (changed.has('timeframe') && (this.timeframe || changed.get('timeframe'))) this.applyTimeframe();
    if (changed.has('lod') && this.lod !== 'auto' && this.lod !== 'off') {
      this.configError('lod', `expected auto | off, got "${this.lod}"`);
      this.lod = changed.get('lod') ?? 'auto';
    }
    if (changed.has('lod')) {
      this.model.options = { ...this.model.options, lod: this.renderers.lodOverride ?? this.lod };
      this.invalidate();
    }
    const attributeProps = ['type', 'theme', 'timeZone', 'yScale', 'noGrid', 'noLegend'] as const;
    if (attributeProps.some((name) => changed.has(name))) {
      if (this.type !== undefined && !SERIES_TYPES.includes(this.type)) {
        this.configError('type', `expected ${SERIES_TYPES.join(' | ')}, got "${this.type}"`);
        this.type = changed.get('type');
      } else if (!this.configuration.setLayer('attributes', this.attributeLayer(), 'attributes')) {
        // The last good values stay, on the element as in the configuration.
        for (const name of attributeProps) if (changed.has(name)) (this as Record<string, unknown>)[name] = changed.get(name);
      }
    }
    if (changed.has('preset')) void this.configuration.setPreset(this.preset);
    if (changed.has('watchConfig') || changed.has('watchInterval') || changed.has('configEvents')) {
      this.configuration.setWatch(this.watchConfig, this.watchInterval, this.configEvents);
    }
    if (changed.has('configSrc')) void this.configuration.setFile(this.configSrc);
    if (changed.has('src') && this.src) void this.loadSource(this.src);
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

  /** The attributes (and their properties) that were set, as a configuration layer. */
  private attributeLayer(): ChartConfigPatch {
    const layer: ChartConfigPatch = {};
    if (this.theme !== undefined) layer.theme = this.theme;
    if (this.timeZone !== undefined) layer.timeZone = this.timeZone;
    if (this.yScale !== undefined) layer.axes = { y: { scale: this.yScale } };
    if (this.type !== undefined) layer.series = { type: this.type };
    if (this.noGrid) layer.grid = { visible: false };
    if (this.noLegend) layer.features = { legend: false };
    return layer;
  }

  protected override firstUpdated(): void {
    this.syncFromConfig(this.configuration.config, 'defaults');
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this);
    this.measure();
    void this.renderers.start();
  }

  override render() {
    const frame = this.frameInfo;
    const text = this.configuration.config.text;
    return html`
      <div class="container" part="container" tabindex="0" role="img" aria-label=${this.ariaSummary()}
        style="font-size:${text.fontSize}px;font-family:${text.fontFamily}">
        <canvas part="canvas"></canvas>
        <div class="x-axis" part="x-axis" aria-hidden="true">${frame?.xLabels.map((l) => this.xTick(l))}</div>
        <div class="y-axis" part="y-axis" aria-hidden="true">${frame?.yLabels.map((l) => html`<span class="tick" style="top:${l.position}px">${l.label}</span>`)}</div>
        ${this.paneControls.render(frame, (pane) => (this.configuration.config.features.legend ? this.derivedLegend(pane.id, true) : nothing))}
        ${this.configuration.config.features.legend ? this.renderLegend() : nothing}
        <div class="crosshair-v" part="crosshair"></div>
        <div class="crosshair-h" part="crosshair"></div>
        <div class="tooltip" part="tooltip" role="status"></div>
        <div class="zoom-box" part="zoom-box"></div>
        <slot></slot>
        ${this.errorMessage ? html`<div class="error-banner" part="error" role="alert">${this.errorMessage}</div>` : nothing}
        ${this.state === 'fallback'
          ? html`<div class="fallback-badge" part="fallback-badge" title="WebGPU is unavailable or failing here; this chart is drawn with Canvas 2D">Canvas 2D</div>`
          : nothing}
        ${this.loading ? this.renderLoading() : nothing}
        ${this.unavailableMessage
          ? html`<div class="message" part="message" role="alert"><strong>This chart needs WebGPU</strong><span>${this.unavailableMessage}</span></div>`
          : nothing}
      </div>
    `;
  }

  private xTick(label: AxisLabel) {
    // Labels are centred on their tick, but kept inside the element (an estimate of the text
    // width is enough, and avoids measuring text on every frame).
    // About 0.3 em per character (tabular digits), at the configured font size.
    const halfWidth = label.label.length * 0.3 * this.configuration.config.text.fontSize + 2;
    const left = Math.min(Math.max(label.position, halfWidth), this.clientWidth - halfWidth);
    return html`<span class=${label.major ? 'tick major' : 'tick'} style="left:${left}px">${label.label}</span>`;
  }

  private renderLegend() {
    const store = this.model.data;
    if (!store) return nothing;
    const hover = this.legendValues;
    const last = store.length - 1;
    return html`<div class="legend" part="legend">
      ${this.model.series.map((spec, i) => this.legendItem(spec.name, this.model.colorOf(spec, i), hover?.get(spec.id) ?? store.column(spec.column)[last]!, spec.visible))}
      ${this.derivedLegend(MAIN_PANE, false)}
    </div>`;
  }

  /**
   * The legend entries of the indicator outputs drawn in one pane: on the price pane with their
   * full names, in an indicator pane after its title (output names only: "macd", "signal").
   */
  private derivedLegend(paneId: string, short: boolean) {
    const store = this.model.data;
    if (!store) return nothing;
    const hover = this.legendValues;
    const last = store.length - 1;
    return this.model.derivedSeries.map((d, i) => {
      if ((d.pane ?? MAIN_PANE) !== paneId) return nothing;
      const name = short && d.label && d.name.startsWith(`${d.label} `) ? d.name.slice(d.label.length + 1) : short ? '' : d.name;
      return this.legendItem(name, this.model.derivedColor(d, i), hover?.get(d.id) ?? d.values[last]!);
    });
  }

  private legendItem(name: string, color: Rgba, value: number, visible = true) {
    return html`<span class=${visible ? 'legend-item' : 'legend-item hidden'}
      ><span class="swatch" style="background:${rgbaToCss(color)}"></span>${name}
      <span class="legend-value">${Number.isFinite(value) ? formatValue(value) : '—'}</span></span
    >`;
  }

  private renderLoading() {
    const { loaded, total } = this.loading!;
    const percent = total ? Math.round((loaded / total) * 100) : null;
    return html`<div class="loading" part="loading" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent ?? nothing}>
      <span>Loading${percent === null ? ` ${(loaded / 1024).toFixed(0)} KB` : ` ${percent}%`}…</span>
      <progress max="100" value=${percent ?? nothing}></progress>
    </div>`;
  }

  private ariaSummary(): string {
    if (this.label) return this.label;
    const store = this.model.data;
    const type = this.model.options.defaultType;
    if (!store) return `${type} chart, no data`;
    const names = this.model.series.map((s) => s.name).join(', ');
    const tz = this.model.options.timeZone;
    return `${type} chart of ${names}: ${store.length.toLocaleString('en')} points from ${formatTime(store.firstTime(), tz, 'second')} to ${formatTime(store.lastTime(), tz, 'second')}`;
  }

  // ——— rendering ———

  /** Marks the chart dirty: one frame is drawn at the next animation frame. */
  invalidate(): void {
    if (this.frameHandle || !this.activeRenderer) return;
    this.frameHandle = requestAnimationFrame(() => {
      this.frameHandle = 0;
      this.drawFrame();
    });
  }

  /**
   * Draws a frame now, synchronously, instead of at the next animation frame (benchmarks, or
   * code that must read the canvas right away). Returns what it cost.
   */
  renderNow(): FrameStats | null {
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
    this.drawFrame();
    return this.lastFrameStats;
  }

  /**
   * Calls `listener` after every frame with its measured stats (perf overlay, profiler,
   * telemetry). GPU times arrive later through the same listener (`gpuMs` set, same `frame`).
   * Returns the function that removes the listener.
   */
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  private readonly frameListeners = new Set<FrameListener>();

  /**
   * Records `ms` of frames and resolves with a Chrome Trace Event document (open it in Perfetto
   * or chrome://tracing): per-frame scene and render phases, GPU time, points and memory.
   */
  profile(ms: number): Promise<TraceDocument> {
    return recordProfile(this, ms);
  }

  /**
   * Receives telemetry batches instead of `telemetry.endpoint` (config). Telemetry is opt-in:
   * nothing is collected unless `telemetry.enabled` is true. Fields: docs/telemetry.md.
   */
  telemetryCallback: ((batch: TelemetryBatch) => void) | null = null;

  private telemetry: Telemetry | null = null;
  private telemetryKey = '';

  private configureTelemetry(config: ChartConfig): void {
    const key = JSON.stringify(config.telemetry) + (this.telemetryCallback ? '+callback' : '');
    if (key === this.telemetryKey && (this.telemetry || !config.telemetry.enabled)) return;
    this.telemetryKey = key;
    this.telemetry?.dispose();
    const { enabled, sampling, endpoint, batchSize } = config.telemetry;
    this.telemetry = enabled && this.isConnected ? createTelemetry({ enabled, sampling, endpoint, batchSize, callback: this.telemetryCallback ?? undefined }) : null;
  }

  private readonly flushTelemetry = () => this.telemetry?.flush();

  private drawFrame(): void {
    const renderer = this.activeRenderer;
    if (renderer) {
      const started = performance.now();
      const frame = this.buildFrame();
      const sceneDone = performance.now();
      try {
        const result = renderer.render(frame.scene);
        this.frameCount++;
        const stats: FrameStats = {
          frame: this.frameCount,
          startedAt: started,
          cpuMs: performance.now() - started,
          sceneMs: sceneDone - started,
          renderMs: result.cpuMs,
          gpuMs: null,
          pointsDrawn: result.pointsDrawn,
          visiblePoints: frame.lod.visiblePoints,
          totalPoints: this.model.data?.length ?? 0,
          lod: frame.lod.mode,
          renderer: renderer.kind,
          memoryBytes: renderer.memoryBytes,
        };
        this.lastFrameStats = stats;
        this.emitFrame(stats);
        result.gpuMs?.then((gpuMs) => {
          if (gpuMs === null) return;
          const timed = { ...stats, gpuMs };
          if (this.lastFrameStats === stats) this.lastFrameStats = timed;
          this.emitFrame(timed);
        });
      } catch (error) {
        console.error('gpu-chart: frame failed', error);
      }
    }
    if (this.pointer) this.pointerAt(this.pointer.x, this.pointer.y);
    this.flushFrameWaiters();
  }

  private emitFrame(stats: FrameStats): void {
    this.autoTune.record(stats);
    if (stats.gpuMs === null) this.telemetry?.recordFrame(stats);
    for (const listener of this.frameListeners) {
      try {
        listener(stats);
      } catch (error) {
        console.error('gpu-chart: frame listener failed', error);
      }
    }
  }

  private buildFrame(): FrameResult {
    const frame = this.model.frame()!;
    this.frameInfo = frame;
    return frame;
  }

  private flushFrameWaiters(): void {
    const waiters = this.frameWaiters;
    this.frameWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private measure(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const width = this.clientWidth;
    const height = this.clientHeight;
    const devicePixelRatio = globalThis.devicePixelRatio || 1;
    const pixelRatio = this.renderers.fitPixelRatio(width, height, devicePixelRatio * this.configuration.config.quality.resolutionScale);
    this.model.setSize({ width, height, pixelRatio });
    const pixelWidth = Math.max(1, Math.round(width * pixelRatio));
    const pixelHeight = Math.max(1, Math.round(height * pixelRatio));
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    this.watchPixelRatio(devicePixelRatio);
    this.invalidate();
  }

  private pixelRatioQuery: MediaQueryList | null = null;

  /** devicePixelRatio changes (browser zoom, moving to another screen) re-measure the canvas. */
  private watchPixelRatio(ratio: number): void {
    this.pixelRatioQuery?.removeEventListener('change', this.onPixelRatioChange);
    this.pixelRatioQuery = globalThis.matchMedia?.(`(resolution: ${ratio}dppx)`) ?? null;
    this.pixelRatioQuery?.addEventListener('change', this.onPixelRatioChange);
  }

  private readonly onPixelRatioChange = () => this.measure();

  private hardwareInfo(device: GPUDevice) {
    const info = this.renderers.devices.adapterInfo;
    const nav = navigator as Navigator & { deviceMemory?: number; userAgentData?: { mobile?: boolean } };
    return {
      adapterInfo: info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter } : undefined,
      limits: { maxBufferSize: device.limits.maxBufferSize, maxTextureDimension2D: device.limits.maxTextureDimension2D, maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize },
      features: [...device.features],
      devicePixelRatio: globalThis.devicePixelRatio || 1,
      hardwareConcurrency: nav.hardwareConcurrency,
      deviceMemory: nav.deviceMemory,
      mobile: nav.userAgentData?.mobile,
    };
  }

  // ——— renderer (RendererHost) ———

  /** Which canvas context the current canvas has: a canvas keeps the first one it gave. */
  private canvasKind: 'webgpu' | 'canvas2d' | null = null;

  canvasFor(kind: 'webgpu' | 'canvas2d'): HTMLCanvasElement | null {
    let canvas = this.canvas;
    if (!canvas) return null;
    if (this.canvasKind && this.canvasKind !== kind) {
      const fresh = document.createElement('canvas');
      fresh.setAttribute('part', 'canvas');
      fresh.width = canvas.width;
      fresh.height = canvas.height;
      canvas.replaceWith(fresh);
      canvas = fresh;
    }
    this.canvasKind = kind;
    return canvas;
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
    this.activeRenderer = renderer;
    this.requestUpdate();
    this.invalidate();
  }

  deviceAcquired(device: GPUDevice): void {
    if (!this.autoTune.tier) this.autoTune.start(this.configuration.config, this.hardwareInfo(device), device.features.has('timestamp-query'));
  }

  degradationChanged(detail: QualityDegradation | null): void {
    this.model.options = { ...this.model.options, lod: this.renderers.lodOverride ?? this.lod };
    this.measure();
    this.invalidate();
    const tier = this.autoTune.tier ?? 'high';
    if (detail) this.dispatchEvent(new GpuQualityChangeEvent({ tier, previous: tier, ...detail }));
  }

  showMessage(message: string | null): void {
    this.unavailableMessage = message;
    // Nothing will draw: nobody should wait for a frame.
    if (message) this.flushFrameWaiters();
  }

  // ——— data ———

  private normalizeInput(run: () => NormalizedData, source: string): NormalizedData | null {
    try {
      const normalized = run();
      if (normalized.nonFinite) {
        const { count, firstRow, firstColumn } = normalized.nonFinite;
        this.dispatchEvent(
          new GpuDataErrorEvent({
            code: 'non-finite',
            severity: 'warning',
            source,
            count,
            row: firstRow,
            column: firstColumn,
            message: `${count} non-finite value${count === 1 ? '' : 's'} (NaN, Infinity or empty) drawn as gaps; first at row ${firstRow}, column "${firstColumn}"`,
          }),
        );
      }
      return normalized;
    } catch (error) {
      this.reportDataError(error, source);
      return null;
    }
  }

  private applyData(normalized: NormalizedData, keepView: boolean): void {
    this.showData(this.timeframes.active ? this.timeframes.setData(normalized.data) : normalized.data, keepView);
  }

  /** Draws this data (already resampled when a timeframe is set). */
  private showData(data: ColumnarData, keepView: boolean): void {
    this.model.setData(data, keepView);
    this.applySeries();
    if (this.indicators.size > 0) this.indicators.recompute();
    const type = this.model.options.defaultType;
    if ((type === 'candlestick' || type === 'ohlc') && !hasOhlc(Object.keys(data.columns))) {
      const missing = ['open', 'high', 'low', 'close'].filter((name) => !(name in data.columns));
      this.reportDataError(new DataError(`a ${type} chart needs open, high, low and close columns; missing ${missing.join(', ')} (drawing lines instead)`, { code: 'no-value-columns', column: missing[0]! }), 'data');
    }
    this.errorMessage = null;
    this.invalidate();
    this.viewportChanged('data', false);
  }

  /**
   * Applies `timeframe`: resamples the data as given (kept aside) to bars, or shows it as given
   * again when the timeframe is removed. An invalid timeframe is reported and changes nothing.
   */
  private applyTimeframe(): void {
    const wanted = this.timeframe || null;
    const zone = this.model.options.timeZone;
    try {
      let shown: ColumnarData | null;
      if (wanted) {
        const store = this.model.data;
        // The first timeframe takes the data shown so far (as given) as its source.
        const source = !this.timeframes.active && store ? { time: store.time.slice(0, store.length), columns: Object.fromEntries(store.columnNames.map((name) => [name, store.column(name).slice()])) } : null;
        shown = this.timeframes.configure(wanted, zone);
        if (source) shown = this.timeframes.setData(source);
      } else {
        shown = this.timeframes.release();
      }
      this.timeframeZone = zone;
      if (shown) this.showData(shown, true);
    } catch (error) {
      this.configError('timeframe', error instanceof Error ? error.message : String(error));
    }
  }

  /** The time zone the resampled bars were cut in (a change of `time-zone` cuts them again). */
  private timeframeZone = 'UTC';

  /** Series from the `series` property, else from the configuration's `series.items`. */
  private applySeries(): void {
    const fromConfig = this.configuration.config.series.items.map((item) => ({ ...item, column: item.column ?? item.id }));
    // Resampled bars drawn as lines or areas: the close, not one line per OHLCV column.
    const barsAsLine = this.timeframes.active && !BAR_TYPES.includes(this.model.options.defaultType) ? [{ column: 'close', name: `close (${this.timeframe})` }] : null;
    const list: (Omit<ChartSeriesOptions, 'type'> & { type?: string })[] | null = this.userSeries ?? (fromConfig.length > 0 ? fromConfig : barsAsLine);
    const options = list?.map((s, i): SeriesOptions => {
      const color = s.color ? resolveCssColor(s.color) : null;
      if (s.color && !color) this.configError(`series[${i}].color`, `"${s.color}" is not a CSS colour`);
      // Types this version does not draw yet fall back to the chart's default (reported by applyConfig).
      const type = SERIES_TYPES.find((known) => known === s.type);
      return { ...s, type, color: color ?? null };
    });
    this.model.setSeriesOptions(options ?? null);
    this.requestUpdate();
    this.invalidate();
  }

  private async loadSource(url: string): Promise<void> {
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.loading = { loaded: 0, total: null };
    this.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'start', loaded: 0, total: null }));
    try {
      // Transient failures (network, 5xx, 408, 429) are retried with backoff; a 404 or a garbled
      // file is not. The data is applied only once fully parsed: never a half-loaded mix.
      const normalized = await retry(
        () =>
          loadUrl(new URL(url, document.baseURI).href, {
            signal: abort.signal,
            onProgress: (loaded, total) => {
              if (abort.signal.aborted) return;
              this.loading = { loaded, total };
              this.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'progress', loaded, total }));
            },
          }),
        { ...this.recoveryOptions.retry, signal: abort.signal, shouldRetry: isTransientLoadError },
      );
      if (abort.signal.aborted) return;
      const loaded = this.loading?.loaded ?? 0;
      this.loading = null;
      this.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'done', loaded, total: loaded }));
      const checked = this.normalizeInput(() => normalized, url);
      if (checked) this.applyData(checked, false);
    } catch (error) {
      if (this.loadAbort !== abort) return;
      this.loading = null;
      const aborted = error instanceof DataError && error.code === 'aborted';
      this.dispatchEvent(new GpuLoadProgressEvent({ url, phase: aborted ? 'aborted' : 'error', loaded: 0, total: null }));
      if (!aborted) this.reportDataError(error, url);
    } finally {
      if (this.loadAbort === abort) this.loadAbort = null;
    }
  }

  private reportDataError(error: unknown, source: string): void {
    const detail: GpuDataErrorDetail =
      error instanceof DataError
        ? { code: error.code, message: error.message, severity: 'error', source: error.source ?? source, row: error.row, line: error.line, column: error.column, value: error.value }
        : { code: 'unknown', message: error instanceof Error ? error.message : String(error), severity: 'error', source };
    this.telemetry?.recordError('data', detail.code);
    this.errorMessage = detail.message;
    clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => (this.errorMessage = null), 8000);
    this.dispatchEvent(new GpuDataErrorEvent(detail));
  }

  // ——— configuration (ConfigHost) ———

  applyConfig(config: ChartConfig, diff: ConfigDiff, layer: LayerName, durationMs: number): void {
    const started = performance.now();
    this.syncFromConfig(config, layer);
    if (layer !== 'tier') this.autoTune.configure(config);
    if (diff.changedPaths.some((path) => path.startsWith('indicators'))) this.indicators.setConfigured(config.indicators);
    if (this.activeRenderer && (this.activeRenderer as { sampleCount?: number }).sampleCount !== undefined && (this.activeRenderer as { sampleCount?: number }).sampleCount !== config.quality.msaa) this.renderers.rebuild();
    if (diff.changedPaths.some((path) => path.startsWith('quality.resolutionScale'))) this.measure();
    if (diff.changedPaths.some((path) => path.startsWith('features.'))) this.pointerLeft();
    this.dispatchEvent(
      new GpuConfigChangeEvent({ changedPaths: diff.changedPaths, work: diff.work, subsystems: diff.subsystems, layer, durationMs: durationMs + performance.now() - started }),
    );
  }

  private themeKey = '';
  private readonly themeCache = new Map<string, Theme>();

  /** Makes the model, theme and series follow a resolved configuration. */
  private syncFromConfig(config: ChartConfig, layer: string): void {
    // Theme colours live in CSS custom properties keyed on this attribute (see the styles).
    if (this.getAttribute('data-gpu-theme') !== config.theme) this.setAttribute('data-gpu-theme', config.theme);
    let type = config.series.type as SeriesType;
    if (!SERIES_TYPES.includes(type)) {
      this.reportConfigIssues([{ path: 'series.type', message: `"${type}" is not drawn by this version yet (expected ${SERIES_TYPES.join(' | ')}); drawing lines`, source: layer }]);
      type = 'line';
    }
    // Reading CSS custom properties forces a style recalculation: only when colours can have
    // changed, and once per combination (toggling a theme back and forth reads nothing).
    const themeKey = JSON.stringify([config.theme, config.colors, config.series.areaOpacity]);
    let theme = themeKey === this.themeKey ? this.model.options.theme : this.themeCache.get(themeKey);
    if (!theme) {
      theme = this.readTheme(config);
      if (this.isConnected) {
        if (this.themeCache.size >= 16) this.themeCache.clear();
        this.themeCache.set(themeKey, theme);
      }
    }
    // Not connected: no page styles were read, so read them again once connected.
    this.themeKey = this.isConnected ? themeKey : '';
    this.applyDomColors(config.colors);
    this.model.setOptions({
      defaultType: type,
      yScale: config.axes.y.scale,
      timeZone: config.timeZone,
      grid: config.grid.visible,
      gridStyle: config.grid.style,
      lodAggressiveness: config.quality.lodAggressiveness,
      lineWidth: config.series.lineWidth,
      theme,
    });
    if (this.timeframes.active && config.timeZone !== this.timeframeZone) this.applyTimeframe();
    this.configureTelemetry(config);
    if (!config.axes.y.autoscale && this.model.viewport.autoY && this.model.data) {
      const [min, max] = this.model.yRange();
      this.model.viewport.setY(min, max);
    }
    this.applySeries();
  }

  /**
   * The DOM parts' colours (labels, axes, crosshair): config `colors.text` / `axis` / `crosshair`
   * override the CSS custom properties, as inline properties on the element; only the ones this
   * chart set are removed when the configuration drops them.
   */
  private applyDomColors(colors: ChartConfig['colors']): void {
    for (const [key, property] of DOM_COLOR_PROPERTIES) {
      const value = colors[key];
      if (value) {
        if (this.style.getPropertyValue(property) !== value) this.style.setProperty(property, value);
        this.domColors.add(property);
      } else if (this.domColors.delete(property)) {
        this.style.removeProperty(property);
      }
    }
  }

  private readonly domColors = new Set<string>();

  reportConfigIssues(issues: ConfigIssue[]): void {
    // Attribute errors name the attribute, as the author wrote it.
    const attributeNames: Record<string, string> = { theme: 'theme', timeZone: 'time-zone', 'axes.y.scale': 'y-scale', 'series.type': 'type' };
    const named = issues.map((issue) => (issue.source === 'attributes' ? { ...issue, path: attributeNames[issue.path] ?? issue.path, source: 'attribute' } : issue));
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: named }));
  }

  private configError(path: string, message: string): void {
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: [{ path, message, source: 'attribute' }] }));
  }

  private readTheme(config: ChartConfig = this.configuration.config): Theme {
    const base = config.theme === 'dark' ? DARK_THEME : LIGHT_THEME;
    const style = getComputedStyle(this);
    const read = (name: string) => resolveCssColor(style.getPropertyValue(name));
    const colors = config.colors;
    const configured = colors.series?.map((c) => resolveCssColor(c)).filter((c): c is NonNullable<typeof c> => c !== null) ?? [];
    const palette = configured.length > 0 ? configured : Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--gpu-chart-series-${i + 1}`) ?? base.palette[i]!);
    return {
      background: (colors.background && resolveCssColor(colors.background)) || (read('--gpu-chart-background') ?? base.background),
      grid: (colors.grid && resolveCssColor(colors.grid)) || (read('--gpu-chart-grid-color') ?? base.grid),
      palette,
      areaOpacity: config.series.areaOpacity,
      up: (colors.up && resolveCssColor(colors.up)) || (read('--gpu-chart-up-color') ?? base.up),
      down: (colors.down && resolveCssColor(colors.down)) || (read('--gpu-chart-down-color') ?? base.down),
    };
  }

  // ——— interaction (InteractionHost) ———

  viewportChanged(source: ViewportChangeSource, render = true): void {
    if (render) this.invalidate();
    const { start, end, yMin, yMax, autoY } = this.getViewport();
    this.dispatchEvent(new GpuViewportChangeEvent({ start, end, yMin, yMax, autoY, source }));
    // Streaming moves each chart's own window; everything else moves the whole group.
    if (source !== 'data') this.sync.viewportChanged(start, end);
  }

  // ——— sync-group (SyncMember) ———

  syncViewport(start: number, end: number): void {
    this.sync.receive(() => {
      this.model.viewport.setX(start, end);
      this.viewportChanged('sync');
    });
  }

  syncCrosshair(time: number | null): void {
    this.sync.receive(() => {
      const plot = this.model.plotCss();
      const x = time === null ? NaN : this.model.xOf(time);
      if (!(x >= plot.x && x <= plot.x + plot.width)) this.pointerLeft();
      else this.pointerAt(x, plot.y + 1, true);
    });
  }

  /**
   * The crosshair at an element point (CSS px). `synced`: placed by another chart of the group,
   * so only the vertical line and the legend values show (the pointer is elsewhere).
   */
  pointerAt(cssX: number, cssY: number, synced = false): void {
    const info = this.model.pick(cssX, cssY);
    if (!info) {
      this.pointerLeft();
      return;
    }
    this.pointer = synced ? null : { x: cssX, y: cssY };
    const features = this.configuration.config.features;
    const plot = this.frameInfo?.plot;
    const v = this.crosshairV!;
    const h = this.crosshairH!;
    v.style.display = h.style.display = features.crosshair ? 'block' : 'none';
    v.style.left = `${info.x}px`;
    v.style.top = `${plot?.y ?? 0}px`;
    v.style.height = `${plot?.height ?? this.clientHeight}px`;
    if (synced) h.style.display = 'none';
    h.style.top = `${cssY}px`;
    h.style.left = `${plot?.x ?? 0}px`;
    h.style.width = `${plot?.width ?? this.clientWidth}px`;
    const tooltip = this.tooltip!;
    tooltip.style.display = features.tooltip && !synced ? 'block' : 'none';
    const unit = this.model.viewport.span < 5_000 ? 'millisecond' : this.model.viewport.span < 2 * 86_400_000 ? 'second' : 'minute';
    tooltip.replaceChildren(
      Object.assign(document.createElement('div'), { className: 'time', textContent: formatTime(info.time, this.model.options.timeZone, unit) }),
      ...info.values.map((s) => {
        const row = document.createElement('div');
        row.innerHTML = `<span class="swatch" style="display:inline-block;width:8px;height:8px;margin-right:4px;background:${rgbaToCss(s.color)}"></span>`;
        row.append(`${s.name}: ${Number.isFinite(s.value) ? formatValue(s.value) : '—'}`);
        return row;
      }),
    );
    const flip = info.x > this.clientWidth / 2;
    tooltip.style.left = flip ? '' : `${info.x + 12}px`;
    tooltip.style.right = flip ? `${this.clientWidth - info.x + 12}px` : '';
    tooltip.style.top = `${Math.max(4, cssY - 40)}px`;
    this.legendValues = new Map(info.values.map((s) => [s.id, s.value]));
    // Only when the point under the pointer changes: moving within one point's pixels is silent.
    if (info.time !== this.crosshairTime) {
      this.crosshairTime = info.time;
      this.sync.crosshairMoved(info.time);
      this.dispatchEvent(new GpuCrosshairEvent({ time: info.time, values: info.values.map(({ id, name, value, index }) => ({ id, name, value, index })) }));
    }
  }

  pointerLeft(): void {
    this.pointer = null;
    this.crosshairTime = null;
    if (this.crosshairV) this.crosshairV.style.display = 'none';
    if (this.crosshairH) this.crosshairH.style.display = 'none';
    if (this.tooltip) this.tooltip.style.display = 'none';
    if (this.legendValues) {
      this.legendValues = null;
      this.sync.crosshairMoved(null);
      this.dispatchEvent(new GpuCrosshairEvent({ time: null, values: [] }));
    }
  }

  showZoomBox(box: { x: number; y: number; width: number; height: number } | null): void {
    const element = this.zoomBox;
    if (!element) return;
    element.style.display = box ? 'block' : 'none';
    if (box) Object.assign(element.style, { left: `${box.x}px`, top: `${box.y}px`, width: `${box.width}px`, height: `${box.height}px` });
  }
}

/** Config colours drawn by the DOM rather than the renderer, and the custom property of each. */
const DOM_COLOR_PROPERTIES = [
  ['text', '--gpu-chart-text-color'],
  ['axis', '--gpu-chart-axis-color'],
  ['crosshair', '--gpu-chart-crosshair-color'],
] as const;

declare global {
  interface HTMLElementTagNameMap {
    'gpu-chart': GpuChart;
  }
}

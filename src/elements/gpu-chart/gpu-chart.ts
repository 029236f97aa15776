import { html, nothing, type PropertyValues } from 'lit';
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
import type { GpuShader, ShaderHost } from '../gpu-shader/gpu-shader.js';
import type { ShaderHookStatus } from './chart-shaders.js';
import type { AnnotationHost, GpuAnnotation } from '../gpu-annotation/gpu-annotation.js';
import type { AnnotationJson, AnnotationKind } from '../../annotations/types.js';
import type { ChartSeriesOptions } from './chart-data.js';
import type { Camera } from '../../core/three/camera.js';
import type { RendererPreference } from './chart-renderer-controller.js';
import type { GpuRendererChangeDetail } from '../../events/gpu-renderer-change.js';
import { ChartElement } from './chart-element.js';
import { applyConfigAttributes, rejectChoice } from './chart-attributes.js';
import { EVERYTHING, Invalidation } from './invalidation.js';
import { gpuChartStyles } from './gpu-chart.styles.js';
import { a11yStyles } from './chart-a11y.styles.js';

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
 * @event gpu-tiles - Progress of the `tiles` feed: coarse, exact, live or error, with request and byte counts.
 * @event gpu-fallback - WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`).
 * @event gpu-recovery - Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings.
 * @event gpu-config-error - An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays.
 * @event gpu-quality-change - The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it.
 * @event gpu-camera-change - A 3D chart's camera moved (drag, wheel, keys, reset, setCamera); `detail.camera`, `detail.source`.
 * @event gpu-renderer-change - `renderer="auto"` chose or changed the backend (adapter, trial, measured, reverted), with the frame measurements per backend.
 * @event gpu-config-change - A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration.
 * @event gpu-annotation-change - An annotation was added, changed or removed (pointer, keyboard, API, undo, redo); `detail.annotation` is its JSON.
 * @event gpu-drawing-mode - Drawing mode started (`detail.kind`) or ended (`detail.kind` null).
 * @event gpu-shader-error - A custom WGSL hook (`shaders:` config, or bubbling from a `<gpu-shader>`) was refused, failed to compile, was disabled by the watchdog, or cannot run on Canvas2D; line:column in the hook's text. The series draws its default colour.
 * @event gpu-shader-ready - A custom WGSL hook compiled and draws from the next frame on.
 *
 * @slot - Child elements: `<gpu-indicator>` (drawn over the price series), `<gpu-annotation>` (drawings), `<gpu-drawing-tools>`, `<gpu-shader>` (a sandboxed WGSL hook colouring one series) and `<gpu-perf-overlay>` (drawn over the chart).
 * @csspart container - The box holding canvas, axes and overlays; focusable for keyboard control (Enter: point navigation).
 * @csspart focus-marker - The ring on the point keyboard navigation is at.
 * @csspart data-table - The table alternative of the visible window (visually hidden unless `data-table`).
 * @csspart export-buttons - The PNG / SVG / CSV buttons of `export-button` (each part `export-button`).
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
export class GpuChart extends ChartElement implements IndicatorHost, ShaderHost, AnnotationHost {
  static override styles = [gpuChartStyles, a11yStyles];

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

  /**
   * URL of a series on a tile server (`http://host/v1/series/NAME`, see server/): the chart asks
   * for the window it shows at its pixel width as the view moves (`gpu-tiles` events), and streams
   * the live tail.
   */
  @property() tiles: string | null = null;

  /** The tile feed's state (the last `gpu-tiles` detail), or null without `tiles`. */
  get tilesStatus() {
    return this.tileFeed.status;
  }

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

  /** Shows the data-table alternative of the visible window on screen (it is always there, visually hidden, for screen readers). */
  @property({ type: Boolean, attribute: 'data-table', reflect: true }) dataTable = false;

  /** Shows small PNG / SVG / CSV download buttons over the chart. */
  @property({ type: Boolean, attribute: 'export-button' }) exportButton = false;

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

  /** 3D charts (surface, points3d, bars3d): the orbit camera now, to save a view; null until the chart's 3D code has loaded (a 2D chart, or a 3D one on its first frame). */
  getCamera(): Camera | null {
    return this.orbit && this.model.is3d ? this.orbit.getCamera() : null;
  }

  /** 3D charts: sets the camera (missing keys keep theirs); outside sane bounds it is refused with `gpu-config-error`. */
  setCamera(camera: Partial<Camera>): void {
    if (this.orbit && this.model.is3d) this.orbit.setCamera(camera);
    // The 3D code is still on its way: applied (or refused) once it has loaded.
    else this.pendingCamera = { ...this.pendingCamera, ...camera };
  }

  /** Resolves after the next frame is drawn (at once when nothing is pending); while no renderer is ready yet, after its first frame; while a lazy series type in use (3D) loads, after the first frame drawn with it. */
  nextFrame(): Promise<void> {
    // A lazy type in use (3D) still loading: the frame that counts is the first one drawn with it.
    const loading = this.wantLazyTypes();
    return loading ? loading.then(() => this.frames.nextFrame()) : this.frames.nextFrame();
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

  // ——— export and accessibility ———

  /** The picture as an image (`image/png`, `image/jpeg`, `image/webp`): the drawn pixels with the axes' text, titles and legend composited. */
  toBlob(type = 'image/png', quality?: number): Promise<Blob> {
    return this.exporter.toBlob(type, quality);
  }

  /** The scene as a standalone SVG document (axes, every layer, legend), reduced to what the pixels show. */
  toSVG(): Promise<string> {
    return this.exporter.toSVG();
  }

  /** The rows of the visible window as CSV: time (ISO 8601) or x, then every data column. */
  toCSV(): string {
    return this.exporter.toCSV();
  }

  /** Saves the chart: `.svg`, `.csv`, `.jpg`, `.webp` by the name's extension, PNG otherwise (default `chart.png`). */
  download(filename?: string): Promise<void> {
    return this.exporter.download(filename);
  }

  /** Shows (or hides, or with no argument toggles) the data table on screen; returns whether it shows. */
  toggleDataTable(show = !this.dataTable): boolean {
    this.dataTable = show;
    return show;
  }

  /** Turns keyboard point navigation on or off (Enter and Escape do the same on the focused chart). */
  setPointNavigation(on: boolean): void {
    this.a11y.setNavigating(on);
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

  /** The custom shader hooks (`<gpu-shader>` children, `shaders:` config) and where each stands. */
  get shaderStatus(): ShaderHookStatus[] {
    return this.shaders.statuses;
  }

  addShader(shader: GpuShader): void {
    this.shaders.add(shader);
  }

  removeShader(shader: GpuShader): void {
    this.shaders.remove(shader);
  }

  shaderChanged(): void {
    this.shaders.changed();
  }

  // ——— annotations (see docs/annotations.md) ———

  /** Every annotation (children, `annotations:` config, drawn, edited) as JSON; setting it replaces them all (undoable). */
  get annotations(): AnnotationJson[] {
    return this.annotationLayer.json;
  }

  set annotations(list: AnnotationJson[]) {
    this.annotationLayer.json = list;
  }

  /** Drawing mode: the next press on a pane draws a `kind` (two-point kinds: drag, or click twice), styled by `style`. */
  startDrawing(kind: AnnotationKind, style?: Partial<AnnotationJson>): void {
    this.annotationLayer.startDrawing(kind, style);
  }

  /** Leaves drawing mode. */
  stopDrawing(): void {
    this.annotationLayer.stopDrawing();
  }

  /** The kind drawing mode draws, or null. */
  get drawingKind(): AnnotationKind | null {
    return this.annotationLayer.drawingKind;
  }

  /** The selected annotation's id (handles shown; arrow keys nudge it, Delete removes it), or null. */
  get selectedAnnotation(): string | null {
    return this.annotationLayer.selectedId;
  }

  set selectedAnnotation(id: string | null) {
    this.annotationLayer.selectedId = id;
  }

  /** Removes an annotation (undoable); false when none has that id. */
  removeAnnotation(id: string): boolean {
    return this.annotationLayer.remove(id);
  }

  /** Undoes the last annotation edit (Ctrl+Z / ⌘Z); false when there is none. */
  undo(): boolean {
    return this.annotationLayer.undo();
  }

  /** Redoes the last undone edit (Ctrl+Shift+Z, Ctrl+Y); false when there is none. */
  redo(): boolean {
    return this.annotationLayer.redo();
  }

  get canUndo(): boolean {
    return this.annotationLayer.canUndo;
  }

  get canRedo(): boolean {
    return this.annotationLayer.canRedo;
  }

  /** @internal `<gpu-annotation>` children register here. */
  annotationConnected(annotation: GpuAnnotation): void {
    this.annotationLayer.childConnected(annotation);
  }

  /** @internal */
  annotationDisconnected(annotation: GpuAnnotation): void {
    this.annotationLayer.childDisconnected(annotation);
  }

  /** @internal */
  annotationChanged(): void {
    this.annotationLayer.childChanged();
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
    if (changed.has('tiles')) this.tileFeed.setUrl(this.tiles);
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
      <div class="container" part="container" tabindex="0" role="application" aria-roledescription="interactive chart" aria-describedby="gpu-chart-keys">
        <canvas part="canvas"></canvas>
        <div class="overlay-clusters"></div>
        <div class="overlay-axes"></div>
        <div class="overlay-axes3d"></div>
        <div class="overlay-legend"></div>
        <div class="overlay-pointer"></div>
        <slot></slot>
        <div class="overlay-status"></div>
      </div>
      <div class="a11y"></div>
      ${this.exportButton
        ? html`<div class="export-buttons" part="export-buttons" role="group" aria-label="Download">
            ${(['png', 'svg', 'csv'] as const).map(
              (kind, i) =>
                html`<button type="button" class="export-button" part="export-button" style="right:${4 + (2 - i) * 40}px" aria-label=${`Download ${kind.toUpperCase()}`} @click=${() => void this.download(`chart.${kind}`)}>${kind.toUpperCase()}</button>`,
            )}
          </div>`
        : nothing}
    `;
  }


}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-chart': GpuChart;
  }
}

import { LitElement } from 'lit';
import { ChartModel, type CrosshairInfo } from '../../core/chart-model.js';
import type { XAxisKind } from '../../core/scales.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import type { Renderer } from '../../render/renderer.js';
import type { GpuPicker3d } from './chart-orbit.js';
import type { RendererChoiceOptions } from '../../recovery/renderer-choice.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import type { ChartConfig } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ConfigDiff } from '../../config/diff.js';
import type { LayerName } from '../../config/config-stack.js';
import { GpuConfigChangeEvent } from '../../events/gpu-config-change.js';
import { GpuConfigErrorEvent } from '../../events/gpu-config-error.js';
import { ChartConfigController, type ConfigHost } from './chart-config-controller.js';
import { ChartData, type DataHost } from './chart-data.js';
import { ChartFrameLoop, type FrameLoopHost } from './chart-frame-loop.js';
import { ChartIndicators } from './chart-indicators.js';
import { LazyChartShaders } from './chart-shaders-lazy.js';
import { ChartAnnotations } from './chart-annotations.js';
import { ChartInteraction, type InteractionHost } from './chart-interaction.js';
import type { ChartOrbit, OrbitHost } from './chart-orbit.js';
import type { Camera } from '../../core/three/camera.js';
import { threeDElements } from '../three-d-runtime.js';
import { ChartAxes3d } from './chart-axes3d.js';
import { GpuCameraChangeEvent } from '../../events/gpu-camera-change.js';
import { ChartOverlay, type OverlayHost } from './chart-overlay.js';
import { ChartQuality } from './chart-quality.js';
import { ChartRendererController, DEFAULT_RECOVERY, type QualityDegradation, type RecoveryOptions, type RendererHost } from './chart-renderer-controller.js';
import type { SyncMember } from './chart-sync.js';
import { ChartTheme } from './chart-theme.js';
import { ChartViewport } from './chart-viewport.js';
import { ChartCanvas } from './chart-canvas.js';
import { ChartTiles } from './chart-tiles.js';
import { ChartClusterLabels } from './chart-cluster-labels.js';
import { ChartA11y } from './chart-a11y.js';
import { ChartExport } from './chart-export.js';
import { ChartLazyTypes } from './chart-lazy-types.js';
import { prepareChart, seriesTypeIssue } from './chart-commit.js';
import { gpuLodFor, type GpuLodSetting } from './chart-gpu-lod.js';
import { yAxisIssues } from './chart-axes.js';
import { nameAttributeIssues } from './chart-attributes.js';
import { EVERYTHING, Invalidation, invalidationOf } from './invalidation.js';
import { ChartDevtoolsHook } from './chart-devtools.js';

/**
 * The wiring of `<gpu-chart>`: its controllers, each built once and owning its state, and the
 * host interfaces through which they call back (configuration applied, pointer moved, renderer
 * replaced, …). GpuChart (gpu-chart.ts) puts the public properties, attributes and methods on top,
 * so that file reads as the list of what a page can set and call, and this one as how the parts
 * are connected. Not registered as an element on its own.
 */
export abstract class ChartElement extends LitElement implements InteractionHost, OrbitHost, ConfigHost, RendererHost, SyncMember, FrameLoopHost, OverlayHost, DataHost {
  /** `lod` attribute (GpuChart declares it): the renderer's degradation may override it. */
  abstract lod: 'auto' | 'off';
  /** `label` attribute: the accessible description the overlay shows. */
  abstract label: string | null;
  /** `x-axis` attribute: read as soon as it is set, before the configuration layer is rebuilt. */
  abstract xAxis?: XAxisKind;
  /** `data-table` attribute: the table alternative shown on screen (GpuChart declares it). */
  abstract dataTable: boolean;
  /** Re-reads colours from CSS (GpuChart: public `refreshStyles`). */
  abstract refreshStyles(): void;

  /** Recovery timings (retry backoff, circuit breaker) for every chart on the page; tests shorten them. */
  static recovery: RecoveryOptions = DEFAULT_RECOVERY;

  /**
   * How `renderer="auto"` chooses, for every chart on the page (read when a chart starts):
   * `softwareAdapter` (`canvas2d`: default), `measure` (switch by measured frames; default true),
   * and the window and thresholds of renderer-choice.ts.
   */
  static rendererChoice: Partial<RendererChoiceOptions> = {};

  // ——— controllers: each owns its state ———

  protected readonly chartModel = new ChartModel();

  /**
   * The chart's model (scales, viewport, series, data). Reading it first does the work pending
   * from configuration changes (the animation frame's commit would do it anyway), so what it says
   * is the configuration in effect.
   */
  get model(): ChartModel {
    this.frames.flush();
    return this.chartModel;
  }

  /** frameCount when replaced canvases were last let go (see the frame loop's `drawn` step). */
  private retiredAt = -1;
  /** Chooses and replaces renderers, recovers from device loss, falls back to Canvas2D. */
  protected readonly renderers = new ChartRendererController(this);
  /** Configuration layers: preset, config file, `config`, attributes, runtime updates. */
  readonly configuration = new ChartConfigController(this);
  /** Count labels of grid clusters, read back from the GPU after each frame. */
  protected readonly clusterLabels = new ChartClusterLabels(() => this.renderRoot?.querySelector<HTMLElement>('.overlay-clusters') ?? null);
  /** The invalidation mask, the commit per animation frame, frame stats and telemetry. */
  protected readonly frames = new ChartFrameLoop(this, this.chartModel, {
    prepare: (bits) => {
      prepareChart(bits, this.configuration.config, this.commitParts);
      // A lazy type (3D) in use starts loading; a chunk that fails to load is reported once.
      this.wantLazyTypes();
    },
    drawn: (frame) => {
      // Only once the new renderer really drew (a frame that threw counts no frame): the canvas
      // and renderer it replaced keep the picture until then. A frame drawn by the renderer being
      // replaced does not count: renderer="auto" may switch while that frame is committed (its
      // stats decide), and letting the old canvas go then showed the new, still blank one.
      if (frame && this.frames.renderer && this.frames.lastDrawnBy === this.frames.renderer && this.frames.frameCount !== this.retiredAt) {
        this.retiredAt = this.frames.frameCount;
        this.surface.frameDrawn();
        this.renderers.frameDrawn();
      }
      this.overlay.frameDrawn(frame);
      this.axes3d.frameDrawn(frame);
      this.clusterLabels.frameDrawn(frame, this.frames.renderer);
      this.annotationLayer.frameDrawn();
      this.a11y.frameDrawn();
    },
    measured: (stats) => {
      this.quality.record(stats);
      this.renderers.recordFrame(stats);
    },
  });
  /** The `<gpu-indicator>` children and configured indicators, computed over the data. */
  protected readonly indicators = new ChartIndicators(this.chartModel, () => this.invalidate(Invalidation.OVERLAY), (issues) => this.reportConfigIssues(issues));
  /** Custom WGSL hooks (`<gpu-shader>` children, `shaders:` config): validated, attached, watched. */
  protected readonly shaders = new LazyChartShaders(this, this.chartModel, () => this.invalidate());
  /** Annotations: declared (children, `annotations:`), edited, drawn with the pointer; undo and redo. */
  protected readonly annotationLayer = new ChartAnnotations(this, this.chartModel);
  /** Axis labels, legend, pane titles, crosshair, tooltip, loading and messages. */
  protected readonly overlay = new ChartOverlay(this, this.chartModel);
  protected readonly theming = new ChartTheme(this);
  /** `data`, `series`, `append`, `src`, `timeframe`, and reports of bad data. */
  protected readonly intake = new ChartData(this, this.chartModel, this.indicators, {
    setStatus: (change) => this.overlay.setStatus(change),
    recordError: (kind, code) => this.frames.recordError(kind, code),
  });
  /** The `tiles` attribute: windows of a series kept on a tile server, fetched as the view moves. */
  protected readonly tileFeed = new ChartTiles(this, this.chartModel, this.intake, {
    setStatus: (change) => this.overlay.setStatus(change),
    recordError: (kind, code) => this.frames.recordError(kind, code),
  }, () => this.indicators.size);
  /** The canvas, sized to the element and the GPU. */
  protected readonly surface = new ChartCanvas(this, this.chartModel, (w, h, ratio) => this.renderers.fitPixelRatio(w, h, ratio), () => this.effectiveConfig.quality.resolutionScale, () => this.invalidate());
  /** The quality tier (auto-tuning) and what the renderer gave up to fit the GPU. */
  protected readonly quality = new ChartQuality(this, this.chartModel, this.configuration, this.renderers, this.surface.measure);
  /** The visible window and crosshair: API, events, and this chart's `sync-group`. */
  protected readonly view = new ChartViewport(this, this.chartModel, () => this.frames.flush(), this.overlay);
  /** Role and name, keyboard navigation point to point, the data table, forced colours, reduced motion. */
  protected readonly a11y = new ChartA11y(this);
  /** toBlob, toSVG, toCSV, download. */
  protected readonly exporter = new ChartExport({
    model: () => this.model,
    root: () => this.renderRoot,
    width: () => this.clientWidth,
    capture: () => this.frames.capture(),
    text: () => ({ legend: this.effectiveConfig.features.legend, fontSize: this.effectiveConfig.text.fontSize, fontFamily: this.effectiveConfig.text.fontFamily }),
  });
  protected readonly commitParts = {
    model: this.chartModel,
    theme: this.theming,
    intake: this.intake,
    indicators: this.indicators,
    canvas: this.surface,
    frames: this.frames,
    overlay: this.overlay,
    rebuildPipelines: () => this.renderers.rebuild(),
    gpuLod: (setting: GpuLodSetting) => gpuLodFor(this.frames.renderer, setting, this.renderers.devices.adapterInfo),
  };

  /**
   * 3D charts: the orbit camera's pointer and keyboard (before the 2D interaction), getCamera /
   * setCamera. It comes with the 3D chunk: null until a 3D type has loaded (then made for every chart).
   */
  protected orbit: ChartOrbit | null = null;
  /** A camera set through setCamera before the 3D chunk had loaded: applied once it has. */
  protected pendingCamera: Partial<Camera> | null = null;
  /** Lazy series types (3D): loaded on first use, drawn once loaded, a failed chunk reported. */
  protected readonly lazyTypes = new ChartLazyTypes(this, () => this.lazyTypeLoaded());
  /** 3D charts: the box's tick labels and titles. */
  protected readonly axes3d = new ChartAxes3d(() => this.renderRoot?.querySelector<HTMLElement>('.overlay-axes3d') ?? null);

  constructor() {
    super();
    new ChartInteraction(this);
    this.adoptThreeD();
    new ChartDevtoolsHook(this); // the DevTools panel's registry (globalThis.__GPU_CHARTS__)
  }

  /** @internal host interface of a controller */
  cameraChanged(source: 'pointer' | 'wheel' | 'keyboard' | 'reset' | 'api'): void {
    this.invalidate(Invalidation.VIEW);
    const camera = this.orbit?.getCamera();
    if (camera) this.dispatchEvent(new GpuCameraChangeEvent({ camera, source }));
  }

  /** The lazy types (3D) the chart uses start loading; a promise while some are in flight, else null. */
  protected wantLazyTypes(): Promise<void> | null {
    return this.lazyTypes.want([this.chartType, ...this.configuration.config.series.items.map((item) => item.type)]);
  }

  /** A lazy series type loaded: the orbit controller if 3D came with it, then everything again (series resolved, data taken in again). */
  private lazyTypeLoaded(): void {
    this.adoptThreeD();
    this.invalidate(EVERYTHING);
  }

  /** Once the 3D chunk is there (loaded for this chart or another): the orbit controller, and a camera set before. */
  private adoptThreeD(): void {
    const elements = threeDElements();
    if (elements && !this.orbit) this.orbit = new elements.ChartOrbit(this);
    const pending = this.pendingCamera;
    if (this.orbit && pending && this.chartModel.is3d) {
      this.pendingCamera = null;
      this.orbit.setCamera(pending);
    }
  }

  /** The chart's lifecycle state: initializing, ready, lost, recovering, degraded, fallback, failed, disposed. */
  get state(): LifecycleState {
    return this.renderers.state;
  }

  /** The resolved configuration in effect (defaults filled). */
  get effectiveConfig(): ChartConfig {
    return this.configuration.config;
  }

  /** Marks work to do (bits of Invalidation, default: only a new picture): one commit at the next animation frame. */
  invalidate(bits: number = Invalidation.VIEW): void {
    this.frames.invalidate(bits);
  }

  // ——— configuration (ConfigHost) ———

  applyConfig(config: ChartConfig, diff: ConfigDiff, layer: LayerName, durationMs: number): void {
    const started = performance.now();
    if (layer !== 'tier') this.quality.configure(config);
    const typeIssue = diff.changedPaths.includes('series.type') ? seriesTypeIssue(config, layer) : null;
    if (typeIssue) this.reportConfigIssues([typeIssue]);
    const axisIssues = diff.changedPaths.some((path) => path.startsWith('axes') || path.startsWith('series.items')) ? yAxisIssues(config, layer) : [];
    if (axisIssues.length > 0) this.reportConfigIssues(axisIssues);
    if (diff.changedPaths.some((path) => path.startsWith('shaders'))) this.shaders.setConfigured(config.shaders);
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
  get xAxisKind(): XAxisKind {
    const own = this.xAxis;
    return own === 'time' || own === 'linear' || own === 'log' ? own : this.configuration.config.axes.x.type;
  }

  /** @internal host interface of a controller */
  get chartType(): string {
    const own = (this as { type?: string }).type;
    return own ?? this.configuration.config.series.type;
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
    this.view.changed(source, render);
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
    this.view.crosshairMoved(info);
  }

  // ——— sync-group (SyncMember) ———

  syncViewport(start: number, end: number): void {
    this.view.receiveWindow(start, end);
  }

  syncCrosshair(time: number | null): void {
    this.view.receiveCrosshair(time);
  }

  // ——— renderer (RendererHost) ———

  /** @internal 3D charts' GPU picking (chart-orbit.ts): the renderer when it can pick on the GPU (WebGPU), else null. */
  get gpuPicker3d(): GpuPicker3d | null {
    const renderer = this.frames.renderer as (Renderer & Partial<GpuPicker3d>) | null;
    return renderer && typeof renderer.pick3d === 'function' ? (renderer as GpuPicker3d) : null;
  }

  /** @internal 3D keyboard navigation (chart-orbit.ts) speaks through the 3D overlay's live region. */
  announce3d(text: string): void {
    this.axes3d.announce(text);
  }

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

  get rendererChoiceOptions(): Partial<RendererChoiceOptions> {
    return (this.constructor as typeof ChartElement).rendererChoice;
  }

  get targetFps(): number {
    return this.configuration.config.quality.targetFps;
  }

  get recoveryOptions(): RecoveryOptions {
    return (this.constructor as typeof ChartElement).recovery;
  }

  rendererChanged(renderer: Renderer | null): void {
    this.frames.renderer = renderer;
    this.chartModel.setOptions({ gpuLod: gpuLodFor(renderer, this.effectiveConfig.quality.gpuLod, this.renderers.devices.adapterInfo) });
    this.shaders.rendererChanged(renderer);
    this.requestUpdate();
    this.invalidate();
  }

  deviceAcquired(device: GPUDevice): void {
    this.quality.deviceAcquired(device);
  }

  degradationChanged(detail: QualityDegradation | null): void {
    this.quality.degradationChanged(detail);
  }

  showMessage(message: string | null): void {
    this.overlay.setStatus({ unavailable: message });
    // Nothing will draw: nobody should wait for a frame.
    if (message) this.frames.flushWaiters();
  }}


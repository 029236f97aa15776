import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Canvas2dRenderer } from '../../render/canvas2d/canvas2d-renderer.js';
import type { Renderer } from '../../render/renderer.js';
import { DeviceManager, type DeviceEvent } from '../../render/webgpu/device-manager.js';
import { WebGpuRenderer, type PipelineFailure } from '../../render/webgpu/webgpu-renderer.js';
import { effectiveLimits, type RendererLimits } from '../../render/webgpu/limits.js';
import { WebGpuUnavailableError } from '../../render/webgpu/webgpu-unavailable.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import type { RendererPreference } from '../../recovery/renderer-policy.js';
import { GLOBAL_TIMERS } from '../../recovery/retry.js';
import {
  RendererSupervisor,
  type PendingRenderer,
  type QualityDegradation,
  type RecoveryOptions,
  type RendererFactory,
  type SupervisorClock,
  type SupervisorEvents,
  type WebGpuRendererSettings,
} from '../../recovery/renderer-supervisor.js';
import { GpuFallbackEvent } from '../../events/gpu-fallback.js';
import { GpuReadyEvent } from '../../events/gpu-ready.js';
import { GpuRecoveryEvent } from '../../events/gpu-recovery.js';
import { GpuRendererChangeEvent } from '../../events/gpu-renderer-change.js';
import { RendererChooser, type RendererChoice, type RendererChoiceOptions } from '../../recovery/renderer-choice.js';
import type { FrameStats } from '../../perf/frame-stats.js';

export { DEFAULT_RECOVERY } from '../../recovery/renderer-supervisor.js';
export type { QualityDegradation, RecoveryOptions, RendererPreference };

/** What the controller needs from the element. */
export interface RendererHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
  /** The element's `lod` attribute (out-of-memory degradation may force it to `auto`). */
  readonly lod: 'auto' | 'off';
  /**
   * Degradation settings changed (see `lodOverride`, `fitPixelRatio`): re-apply level of detail,
   * re-measure the canvas and redraw; with a detail, fire `gpu-quality-change`.
   */
  degradationChanged(detail: QualityDegradation | null): void;
  /** The canvas in the shadow root, or a fresh one put in its place (a canvas keeps its first context type). */
  canvasFor(kind: 'webgpu' | 'canvas2d'): HTMLCanvasElement | null;
  readonly sampleCount: 1 | 4;
  /** quality.maxGpuMemoryMB in bytes, or null for no cap: handed to the WebGPU renderer. */
  readonly memoryBudgetBytes: number | null;
  readonly recoveryOptions: RecoveryOptions;
  rendererChanged(renderer: Renderer | null): void;
  /** How `renderer="auto"` chooses (GpuChart.rendererChoice), read when a chart starts. */
  readonly rendererChoiceOptions: Partial<RendererChoiceOptions>;
  /** The frame rate the chart aims at (quality.targetFps): the budget `auto` judges frames by. */
  readonly targetFps: number;
  /** A device is there and no renderer yet: the moment to settle quality settings (MSAA) first. */
  deviceAcquired(device: GPUDevice): void;
  showMessage(message: string | null): void;
}

/** The shared device on this chart's canvas. */
interface CanvasSurface {
  readonly device: GPUDevice;
  readonly context: GPUCanvasContext;
  readonly canvas: HTMLCanvasElement | null;
  readonly limits: RendererLimits;
  canvasSize(): { width: number; height: number } | null;
}

/** The supervisor's types in the browser: the real renderers on the shared device. */
interface BrowserKinds {
  renderer: Renderer;
  device: GPUDevice;
  surface: CanvasSurface;
  failure: PipelineFailure;
}

/** Pipelines a WebGPU renderer builds (primitives, rects, and the third): all failing gives up WebGPU. */
const PIPELINE_COUNT = 3;

/** The page's clock and timers. */
const BROWSER_CLOCK: SupervisorClock = { ...GLOBAL_TIMERS, now: () => performance.now() };

/**
 * The chart's renderer, wired to the page: the recovery state machine is the DOM-free
 * RendererSupervisor (src/recovery/renderer-supervisor.ts); this controller gives it the shared
 * GPU device, the canvas and the two renderers (its factory), turns what it reports into the
 * element's DOM events and reactions, and follows the Lit host (connect, disconnect, update) and
 * the device manager's loss events.
 */
export class ChartRendererController implements ReactiveController, RendererFactory<BrowserKinds> {
  readonly devices = DeviceManager.shared();
  readonly supervisor: RendererSupervisor<BrowserKinds>;
  readonly pipelineCount = PIPELINE_COUNT;
  private unsubscribe: (() => void) | null = null;
  /** `renderer="auto"`: which backend is faster here (null until the first start under `auto`). */
  private chooser: RendererChooser | null = null;
  /** Renderers replaced by an `auto` switch, disposed once the new one has drawn (no blank frame). */
  private retired: Renderer[] = [];

  constructor(private readonly host: RendererHost) {
    host.addController(this);
    this.supervisor = new RendererSupervisor({ factory: this, clock: BROWSER_CLOCK, events: this.events, chart: host });
  }

  /** The renderer drawing now (tests read it). */
  get renderer(): Renderer | null {
    return this.supervisor.renderer;
  }

  get state(): LifecycleState {
    return this.supervisor.state;
  }

  set preference(preference: RendererPreference) {
    if (preference !== this.supervisor.preference) this.chooser = null;
    this.supervisor.preference = preference;
  }

  /** What `renderer="auto"` measured so far per backend (empty when pinned). */
  get choiceMeasurements(): RendererChoice['measurements'] {
    return this.chooser?.measurements ?? {};
  }

  /** `auto` while out-of-memory degradation forces level of detail on, else null (the element's own setting). */
  get lodOverride(): 'auto' | null {
    return this.supervisor.lodOverride;
  }

  /** The pixel ratio to size the canvas with (see RendererSupervisor.fitPixelRatio). */
  fitPixelRatio(cssWidth: number, cssHeight: number, ratio: number): number {
    return this.supervisor.fitPixelRatio(cssWidth, cssHeight, ratio);
  }

  /**
   * Starts (or restarts) drawing with the preferred renderer. Under `auto`, the first time, the
   * adapter is asked for first: a software adapter starts on Canvas2D (renderer-choice.ts).
   */
  async start(): Promise<void> {
    if (this.supervisor.preference === 'auto' && !this.chooser) {
      const chooser = new RendererChooser({ targetFps: this.host.targetFps, ...this.host.rendererChoiceOptions });
      this.chooser = chooser;
      // No adapter (or none that works) is the supervisor's to report: it falls back as before.
      const device = await this.devices.acquire().catch(() => null);
      if (this.chooser !== chooser) return;
      if (!this.host.isConnected) {
        this.chooser = null; // asked again when the chart comes back
        return;
      }
      this.announce(chooser.initial(device ? this.devices.adapterInfo : null));
    }
    return this.supervisor.start();
  }

  /**
   * Every drawn frame's cost, for `auto`: its CPU time, or for back-to-back frames the interval
   * between them (deferred rasterization and presentation included, for both backends alike).
   */
  recordFrame(stats: FrameStats): void {
    const chooser = this.chooser;
    if (!chooser || this.supervisor.preference !== 'auto' || stats.gpuMs !== null) return;
    // A WebGPU frame that is not back-to-back with the previous one (no interval to go by) is not
    // done when its CPU part is: it counts until the queue has finished its work. On a software
    // adapter that work is the rasterization itself, and leaving it out made a trial of WebGPU
    // look several times faster than the Canvas2D frames it replaced (bench FIFO case).
    const device = stats.renderer === 'webgpu' && stats.intervalMs === null ? this.devices.device : null;
    if (device) {
      device.queue.onSubmittedWorkDone().then(
        () => this.chooser === chooser && this.sample(chooser, stats, Math.max(stats.cpuMs, performance.now() - stats.startedAt)),
        () => {},
      );
      return;
    }
    this.sample(chooser, stats, Math.max(stats.cpuMs, stats.intervalMs ?? 0));
  }

  private sample(chooser: RendererChooser, stats: FrameStats, frameMs: number): void {
    if (this.supervisor.preference !== 'auto') return;
    chooser.conditionsChanged(stats.totalPoints);
    const decision = chooser.record(stats.renderer, frameMs);
    if (!decision) return;
    this.announce(decision);
    void this.supervisor.switchAuto(decision.renderer);
  }

  /** A frame was drawn by the current renderer: renderers an `auto` switch replaced can go now. */
  frameDrawn(): void {
    if (this.retired.length === 0) return;
    for (const renderer of this.retired) renderer.dispose();
    this.retired = [];
  }

  private announce(choice: RendererChoice): void {
    this.supervisor.autoKind = choice.renderer;
    const info = this.devices.adapterInfo;
    const adapter = info && { vendor: info.vendor, architecture: info.architecture, description: info.description, isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) };
    this.host.dispatchEvent(new GpuRendererChangeEvent({ ...choice, adapter }));
  }

  /** A renderer with the configured sample count, if the current one has another. */
  rebuild(): void {
    this.supervisor.rebuild();
  }

  hostConnected(): void {
    this.supervisor.connect();
    this.unsubscribe = this.devices.subscribe(this.onDeviceEvent);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.supervisor.dispose();
    this.frameDrawn();
  }

  hostUpdated(): void {
    this.supervisor.settingsChanged();
  }

  private readonly onDeviceEvent = (event: DeviceEvent): void => {
    if (event.type === 'lost') {
      this.chooser?.conditionsChanged(null);
      this.supervisor.deviceLost(event.reason, event.message);
    }
  };

  // ——— the factory: the shared device, the canvas, the two renderers ———

  acquireDevice(): Promise<GPUDevice> {
    return this.devices.acquire();
  }

  openSurface(device: GPUDevice): CanvasSurface {
    const canvas = this.host.canvasFor('webgpu');
    const context = canvas?.getContext('webgpu') ?? null;
    if (!context) throw new WebGpuUnavailableError('device-failed', 'The canvas refused a WebGPU context.');
    const limits = effectiveLimits(device, this.devices.testHooks.limits);
    return { device, context, canvas, limits, canvasSize: () => canvas && { width: canvas.width, height: canvas.height } };
  }

  /**
   * Creates the WebGPU renderer inside a validation error scope; `checked` waits for the scope and
   * each pipeline's own check (compilation messages and validation, see PipelineCache).
   */
  createWebGpu({ device, context }: CanvasSurface, settings: WebGpuRendererSettings): PendingRenderer<BrowserKinds> {
    const format = this.devices.preferredCanvasFormat();
    context.configure({ device, format, alphaMode: 'premultiplied', usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    const hooks = this.devices.testHooks;
    device.pushErrorScope('validation');
    let renderer: WebGpuRenderer | null = null;
    let thrown: unknown = null;
    const budget = settings.memoryBudgetBytes;
    try {
      renderer = new WebGpuRenderer({
        device,
        pipelines: this.devices.pipelines(device),
        allocations: this.devices.allocations.owner(),
        target: { kind: 'canvas', context, format },
        sampleCount: settings.sampleCount,
        limits: hooks.limits,
        shaders: hooks.shaders,
        ...(budget !== null && { memoryBudgetBytes: budget }),
        onIssue: (issue) => settings.onIssue(issue),
      });
    } catch (error) {
      thrown = error;
    }
    const created = renderer;
    const checked = (async () => {
      const scopeError = await device.popErrorScope().catch(() => null);
      const health = created ? await created.ready : null;
      if (thrown || scopeError || !health) throw new WebGpuUnavailableError('device-failed', `WebGPU pipeline creation failed: ${scopeError?.message ?? String(thrown)}`);
      return health.failed;
    })();
    return { renderer: created, checked };
  }

  createCanvas2d(): Renderer | null {
    const canvas = this.host.canvasFor('canvas2d');
    return canvas && new Canvas2dRenderer({ canvas });
  }

  unavailable(error: unknown): WebGpuUnavailableError {
    return error instanceof WebGpuUnavailableError ? error : new WebGpuUnavailableError('device-failed', String(error));
  }

  // ——— what the supervisor reports, as the element's reactions and DOM events ———

  private readonly events: SupervisorEvents<BrowserKinds> = {
    rendererChanged: (renderer) => this.host.rendererChanged(renderer),
    stateChanged: () => this.host.requestUpdate(),
    deviceAcquired: (surface) => this.host.deviceAcquired(surface.device),
    degradationChanged: (detail) => this.host.degradationChanged(detail),
    showMessage: (message) => this.host.showMessage(message),
    ready: (renderer) => {
      const info = renderer === 'webgpu' ? this.devices.adapterInfo : null;
      const adapter = info && { vendor: info.vendor, architecture: info.architecture, description: info.description, isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) };
      this.host.dispatchEvent(new GpuReadyEvent({ renderer, adapter }));
    },
    fallback: (notice) => this.host.dispatchEvent(new GpuFallbackEvent(notice)),
    recovery: (detail) => this.host.dispatchEvent(new GpuRecoveryEvent(detail)),
    retire: (renderer) => this.retired.push(renderer),
  };
}

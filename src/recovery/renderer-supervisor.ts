/**
 * The renderer supervisor: the whole recovery state machine of one chart's renderer, without a
 * DOM. It chooses WebGPU or the Canvas2D fallback, keeps the chart drawing through device loss
 * (retry with backoff), repeated failures (circuit breakers, then Canvas2D and a half-open probe
 * back to WebGPU later), out-of-memory errors (the quality ladder: level of detail, MSAA,
 * resolution, then Canvas2D) and failed pipelines (retried, or given up for Canvas2D).
 *
 * It decides with the pure policy of renderer-policy.ts and acts only through what it is given:
 * a factory that makes renderers (the element's controller wraps DeviceManager, the canvas and
 * the two renderers in it), a clock with timers, an event sink, and the chart's settings read
 * live. So Node tests run whole scenarios with fake renderers and a fake clock, and the element's
 * controller is left with wiring (canvas, DOM events, the Lit host).
 */
import type { Renderer } from '../render/renderer.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { recoverDevice } from './device-recovery.js';
import { Lifecycle, type LifecycleState } from './lifecycle.js';
import { freshQualityLadder, type QualityLadderState } from './quality-ladder.js';
// The decisions, as pure functions (policy.planFallback, policy.planOutOfMemory, …): this class only acts on them.
import * as policy from './renderer-policy.js';
import type { FailedPipeline, RecoveryDetail, RendererPreference } from './renderer-policy.js';
import { sleepFor, type BackoffOptions, type Timers } from './retry.js';

/** Timings of recovery; pages (and tests) may tune them through `GpuChart.recovery`. */
export interface RecoveryOptions {
  retry: BackoffOptions;
  breaker: Omit<CircuitBreakerOptions, 'name' | 'now'>;
}

export const DEFAULT_RECOVERY: RecoveryOptions = {
  retry: { baseMs: 250, factor: 2, maxMs: 4000, attempts: 4, jitter: 0.2 },
  breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 15_000 },
};

/** Why WebGPU does not draw (all of) the chart: the `gpu-fallback` reasons. */
export type FallbackReason = UnavailableReason | 'pipeline-failed' | 'circuit-open' | 'out-of-memory' | 'requested';

/** Why WebGPU could not be had at all (the WebGPU backend's WebGpuUnavailableReason). */
export type UnavailableReason = 'no-webgpu' | 'no-adapter' | 'device-failed' | 'device-lost';

/** An error that says why WebGPU cannot be used (the backend's WebGpuUnavailableError fits). */
export interface UnavailableError extends Error {
  readonly reason: UnavailableReason;
}

/** A pipeline that failed, with the compiler's messages (the WebGPU renderer's PipelineFailure fits). */
export interface PipelineFailureInfo extends FailedPipeline {
  readonly diagnostics: readonly unknown[];
}

/** Something a WebGPU renderer found while drawing (the renderer's RendererIssue fits). */
export interface RendererIssueInfo {
  type: 'out-of-memory' | 'validation' | 'limits' | 'skipped-layers';
  message: string;
}

/** The device's limits the supervisor sizes the canvas by. */
export interface SurfaceLimits {
  readonly maxTextureDimension2D: number;
}

/** A GPU device on the chart's canvas: what a WebGPU renderer is created on. */
export interface GpuSurface {
  /** The device's limits (test caps applied). */
  readonly limits: SurfaceLimits;
  /** The canvas's size in device pixels now (null: no canvas). */
  canvasSize(): { width: number; height: number } | null;
}

/** The types one supervisor works with: the element's are the real renderers, the tests' fakes. */
export interface SupervisorKinds {
  renderer: Renderer;
  device: unknown;
  surface: GpuSurface;
  failure: PipelineFailureInfo;
}

/** A WebGPU renderer being created: it exists (to be disposed at once if need be) before its checks end. */
export interface PendingRenderer<K extends SupervisorKinds> {
  /** Null when constructing it threw (`checked` then rejects). */
  readonly renderer: K['renderer'] | null;
  /** The pipelines that failed (none: all draw); rejects (with an UnavailableError) when the renderer is unusable. */
  readonly checked: Promise<readonly K['failure'][]>;
}

export interface WebGpuRendererSettings {
  sampleCount: 1 | 4;
  memoryBudgetBytes: number | null;
  /** Issues the renderer finds while drawing; may be called during construction. */
  onIssue(issue: RendererIssueInfo): void;
}

/** Makes renderers: the only part that touches a GPU, a canvas or the DOM. */
export interface RendererFactory<K extends SupervisorKinds> {
  /** Pipelines a WebGPU renderer builds: all of them failing gives up WebGPU. */
  readonly pipelineCount: number;
  /** The (shared) GPU device; rejects when WebGPU cannot be had. */
  acquireDevice(): Promise<K['device']>;
  /** Puts the device on the chart's canvas; throws when the canvas refuses a WebGPU context. */
  openSurface(device: K['device']): K['surface'];
  /** A WebGPU renderer on the surface, its pipelines checked asynchronously. */
  createWebGpu(surface: K['surface'], settings: WebGpuRendererSettings): PendingRenderer<K>;
  /** A Canvas2D renderer on a canvas of its own; null without a canvas; throws when it cannot be created. */
  createCanvas2d(): K['renderer'] | null;
  /** Any error of acquiring or opening, as an UnavailableError (unknown ones: `device-failed`). */
  unavailable(error: unknown): UnavailableError;
}

/** A monotonic clock and the timers that wait on it. */
export interface SupervisorClock extends Timers {
  now(): number;
}

/** Quality given up to fit the GPU: the element reports it as `gpu-quality-change` (with its tier). */
export interface QualityDegradation {
  reason: string;
  degradation: { cause: 'out-of-memory' | 'limits'; step: 'lod' | 'msaa' | 'resolution'; lod: 'auto' | 'off'; msaa: 1 | 4; resolutionFactor: number };
}

/** A `gpu-fallback` detail. */
export interface FallbackNotice<K extends SupervisorKinds> {
  reason: FallbackReason;
  message: string;
  renderer: 'canvas2d' | 'none' | 'webgpu';
  layers?: K['failure']['kind'][];
  diagnostics?: K['failure']['diagnostics'][number][];
}

/** What the supervisor reports: the element turns each into its reaction or DOM event. */
export interface SupervisorEvents<K extends SupervisorKinds> {
  /** The renderer that draws the chart changed (null: none for now). */
  rendererChanged(renderer: K['renderer'] | null): void;
  /** The lifecycle state changed (the element shows it: the fallback badge). */
  stateChanged(state: LifecycleState): void;
  /** A device is there and no renderer yet: the moment to settle quality settings (MSAA) first. */
  deviceAcquired(surface: K['surface']): void;
  /**
   * Degradation settings changed (see `lodOverride`, `fitPixelRatio`): re-apply level of detail,
   * re-measure the canvas and redraw; with a detail, report `gpu-quality-change`.
   */
  degradationChanged(detail: QualityDegradation | null): void;
  /** A message instead of the chart (null: none). */
  showMessage(message: string | null): void;
  /** The first renderer is ready (once per connection). */
  ready(renderer: 'webgpu' | 'canvas2d'): void;
  fallback(notice: FallbackNotice<K>): void;
  recovery(detail: RecoveryDetail): void;
  /**
   * `renderer="auto"` switched backends: the renderer drawing until now is handed over instead of
   * disposed, so that its canvas keeps the last picture until the new renderer has drawn (the
   * element disposes it then). Without this member it is disposed at once.
   */
  retire?(renderer: K['renderer']): void;
}

/** The chart's settings, read when needed (they change under the supervisor). */
export interface SupervisedChart {
  /** False once the chart left the page: nothing it started may act any more. */
  readonly isConnected: boolean;
  /** The element's `lod` attribute (out-of-memory degradation may force it to `auto`). */
  readonly lod: 'auto' | 'off';
  /** The configured MSAA sample count. */
  readonly sampleCount: 1 | 4;
  /** quality.maxGpuMemoryMB in bytes, or null for no cap. */
  readonly memoryBudgetBytes: number | null;
  readonly recoveryOptions: RecoveryOptions;
}

export interface SupervisorWorld<K extends SupervisorKinds> {
  factory: RendererFactory<K>;
  clock: SupervisorClock;
  events: SupervisorEvents<K>;
  chart: SupervisedChart;
}

/**
 * A WebGPU renderer whose pipelines failed beyond what the chart can draw without: all of them,
 * or repeatedly enough to open the pipeline circuit breaker.
 */
class PipelineFailureError<F extends PipelineFailureInfo> extends Error {
  constructor(
    readonly reason: 'pipeline-failed' | 'circuit-open',
    message: string,
    readonly failures: readonly F[],
  ) {
    super(message);
  }
}

export class RendererSupervisor<K extends SupervisorKinds = SupervisorKinds> {
  renderer: K['renderer'] | null = null;
  lifecycle = new Lifecycle();
  preference: RendererPreference = 'auto';
  /** The backend `auto` draws with when both work (renderer-choice.ts decides; WebGPU until told). */
  autoKind: 'webgpu' | 'canvas2d' = 'webgpu';
  /** Opens after repeated device failures (losses, failed requests). */
  readonly breaker: CircuitBreaker;
  /** Opens after repeated pipeline failures (a shader that does not compile, a pipeline that does not validate). */
  readonly pipelineBreaker: CircuitBreaker;
  /**
   * Quality given up to fit the GPU: level of detail forced on, MSAA off, a lower resolution.
   * Kept across device losses (the new device has the same memory), reset when the chart is
   * connected again.
   */
  degradation: QualityLadderState = freshQualityLadder();
  /** Pipelines of the current WebGPU renderer that failed (their layers are not drawn). */
  pipelineFailures: readonly K['failure'][] = [];
  /** The limits of the current device (test caps applied), or null before one is acquired. */
  limits: SurfaceLimits | null = null;

  private readonly factory: RendererFactory<K>;
  private readonly clock: SupervisorClock;
  private readonly events: SupervisorEvents<K>;
  private readonly chart: SupervisedChart;
  private surface: K['surface'] | null = null;
  /** A renderer created but still inside its checks. */
  private pending: K['renderer'] | null = null;
  private abort = new AbortController();
  private probeTimer: unknown = null;
  /** Bumped by every start, recovery and disposal: work of an older generation is dropped. */
  private generation = 0;
  private readyFired = false;
  /** The breaker whose opening put the chart on Canvas2D: the half-open probe asks it. */
  private probeBreaker: CircuitBreaker | null = null;
  private pipelineRetryTimer: unknown = null;
  /** The canvas is currently smaller than asked because of maxTextureDimension2D. */
  private limitClamped = false;
  /** The memory budget the current WebGPU renderer was created with: a change rebuilds it. */
  private builtBudget: number | null = null;
  /** Set while `auto` switches backends: the renderer being replaced is retired, not disposed. */
  private switching = false;

  constructor(world: SupervisorWorld<K>) {
    this.factory = world.factory;
    this.clock = world.clock;
    this.events = world.events;
    this.chart = world.chart;
    const now = () => this.clock.now();
    this.breaker = new CircuitBreaker({ name: 'device', ...this.chart.recoveryOptions.breaker, now });
    this.pipelineBreaker = new CircuitBreaker({ name: 'pipeline', ...this.chart.recoveryOptions.breaker, now });
  }

  get state(): LifecycleState {
    return this.lifecycle.state;
  }

  /** `auto` while out-of-memory degradation forces level of detail on, else null (the element's own setting). */
  get lodOverride(): 'auto' | null {
    return policy.lodWith(this.degradation, 'off') === 'auto' ? 'auto' : null;
  }

  /**
   * The pixel ratio to size the canvas with: `ratio` (devicePixelRatio × resolution scale) times
   * the degradation factor, lowered further so that neither side exceeds the largest texture the
   * GPU allows. The first time the canvas has to be clamped, `degradationChanged` says so.
   */
  fitPixelRatio(cssWidth: number, cssHeight: number, ratio: number): number {
    let r = ratio * this.degradation.resolutionFactor;
    const max = this.renderer?.kind === 'canvas2d' ? null : this.limits?.maxTextureDimension2D;
    let clamped = false;
    if (max && cssWidth > 0 && cssHeight > 0) {
      // Half a pixel of margin: the element rounds width × ratio to whole pixels.
      const fit = Math.min(1, (max - 0.5) / (cssWidth * r), (max - 0.5) / (cssHeight * r));
      if (fit < 1) {
        r *= fit;
        clamped = true;
      }
    }
    if (clamped !== this.limitClamped) {
      this.limitClamped = clamped;
      if (clamped) {
        const factor = r / ratio;
        const width = Math.round(cssWidth * ratio);
        const height = Math.round(cssHeight * ratio);
        queueMicrotask(() =>
          this.events.degradationChanged({
            reason: `limits: the canvas (${width}×${height} px) is larger than the largest texture this GPU allows (maxTextureDimension2D ${max}); resolution lowered to ${(factor * 100).toFixed(0)} %`,
            degradation: { cause: 'limits', step: 'resolution', lod: this.lodOverride ?? this.chart.lod, msaa: this.sampleCount(), resolutionFactor: factor },
          }),
        );
      }
    }
    return r;
  }

  /** The chart is (again) on the page: after a disposal, everything starts afresh. */
  connect(): void {
    if (this.lifecycle.state === 'disposed') {
      this.lifecycle = new Lifecycle();
      this.readyFired = false;
      this.degradation = freshQualityLadder();
      this.limitClamped = false;
    }
    this.abort = new AbortController();
  }

  /** The chart left the page: stop every timer, retry and pending creation, release the renderer. */
  dispose(): void {
    this.abort.abort();
    this.clearProbe();
    this.clearPipelineRetry();
    this.generation++;
    this.release();
    this.move('disposed', 'element removed');
  }

  /** A new memory budget (quality.maxGpuMemoryMB) is a renderer option: rebuild, as for MSAA. */
  settingsChanged(): void {
    if (this.renderer?.kind === 'webgpu' && this.builtBudget !== this.chart.memoryBudgetBytes) this.rebuild();
  }

  /** Starts (or restarts) drawing with the preferred renderer. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    if (this.preference === 'canvas2d') {
      this.useCanvas2d('requested', 'Canvas2D was requested (renderer="canvas2d").');
      return;
    }
    if (this.preference === 'auto' && this.autoKind === 'canvas2d') {
      this.useChosenCanvas2d();
      return;
    }
    try {
      await this.startWebGpu(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof PipelineFailureError) {
        this.pipelineFallBack(error);
        return;
      }
      const unavailable = this.factory.unavailable(error);
      this.breaker.recordFailure(unavailable);
      this.fallBack(unavailable.reason, unavailable.message);
    }
  }

  /**
   * MSAA is a pipeline property: a new WebGPU renderer on the same device and canvas. Also how a
   * failed pipeline is tried again (`force`).
   */
  rebuild(force = false): void {
    const current = this.renderer;
    const surface = this.surface;
    if (current?.kind !== 'webgpu' || !surface) return;
    if (!force && current.sampleCount === this.sampleCount() && this.builtBudget === this.chart.memoryBudgetBytes) return;
    const generation = this.generation;
    this.createWebGpuRenderer(surface, generation).then(
      (created) => {
        if (created && generation === this.generation) this.move(this.pipelineFailures.length > 0 ? 'degraded' : 'ready', 'WebGPU renderer rebuilt');
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        if (error instanceof PipelineFailureError) {
          this.pipelineFallBack(error);
          return;
        }
        this.breaker.recordFailure(error);
        this.fallBack('pipeline-failed', error instanceof Error ? error.message : String(error));
      },
    );
  }

  /**
   * `renderer="auto"` measured the other backend faster (or tries it): switch to `kind` without
   * leaving a blank frame (the renderer drawing now is retired, see SupervisorEvents.retire). Only
   * from a healthy state: a chart on Canvas2D because WebGPU failed stays with the recovery.
   */
  async switchAuto(kind: 'webgpu' | 'canvas2d'): Promise<void> {
    this.autoKind = kind;
    if (this.preference !== 'auto' || !this.chart.isConnected) return;
    const state = this.lifecycle.state;
    if (this.renderer?.kind === kind || (state !== 'ready' && state !== 'degraded')) return;
    this.switching = true;
    try {
      if (kind === 'canvas2d') {
        this.useChosenCanvas2d();
        return;
      }
      const generation = ++this.generation;
      try {
        await this.startWebGpu(generation);
      } catch (error) {
        if (generation !== this.generation) return;
        this.switching = false;
        if (error instanceof PipelineFailureError) {
          this.pipelineFallBack(error);
          return;
        }
        const unavailable = this.factory.unavailable(error);
        this.breaker.recordFailure(unavailable);
        this.fallBack(unavailable.reason, unavailable.message);
      }
    } finally {
      this.switching = false;
    }
  }

  /** The shared device was lost (the element forwards DeviceManager's event). */
  deviceLost(reason: string, message: string): void {
    if (!this.chart.isConnected || this.renderer?.kind !== 'webgpu') return;
    void this.recover(reason, message);
  }

  /** The sample count a WebGPU renderer is created with: the configuration's, unless degraded. */
  private sampleCount(): 1 | 4 {
    return policy.sampleCountWith(this.degradation, this.chart.sampleCount);
  }

  private async startWebGpu(generation: number): Promise<void> {
    const device = await this.factory.acquireDevice();
    if (generation !== this.generation || !this.chart.isConnected) return;
    const surface = this.factory.openSurface(device);
    this.surface = surface;
    this.limits = surface.limits;
    this.events.deviceAcquired(surface);
    if (!(await this.createWebGpuRenderer(surface, generation))) return;
    this.breaker.recordSuccess();
    this.events.showMessage(null);
    const failed = this.pipelineFailures;
    this.move(failed.length > 0 ? 'degraded' : 'ready', failed.length > 0 ? `WebGPU renderer created without the ${failed.map((f) => f.kind).join(', ')} pipeline(s)` : 'WebGPU renderer created');
    // The canvas was sized before the device's limits were known: re-measure if it exceeds them.
    const max = surface.limits.maxTextureDimension2D;
    const size = surface.canvasSize();
    if (size && (size.width > max || size.height > max)) this.events.degradationChanged(null);
    if (!this.readyFired) {
      this.readyFired = true;
      this.events.ready('webgpu');
    }
  }

  /**
   * Creates the WebGPU renderer and waits for its checks (the factory's error scope, each
   * pipeline's compilation and validation). A pipeline that fails disables only its layers: the
   * chart draws the rest, a fallback notice (renderer `webgpu`) names the pipeline with the
   * compiler's messages, and the pipeline circuit breaker counts the failure. When every pipeline
   * failed, or the breaker opened, this throws PipelineFailureError (the caller moves the whole
   * chart to Canvas2D). False: the renderer is not wanted any more (disposed or superseded).
   */
  private async createWebGpuRenderer(surface: K['surface'], generation: number): Promise<boolean> {
    this.dropRenderer();
    this.clearPipelineRetry();
    const budget = this.chart.memoryBudgetBytes;
    // Not const: the renderer may report an issue while it is constructed, before `created` is set.
    let created: PendingRenderer<K> | null = null;
    created = this.factory.createWebGpu(surface, {
      sampleCount: this.sampleCount(),
      memoryBudgetBytes: budget,
      onIssue: (issue) => this.onRendererIssue(created?.renderer ?? null, issue),
    });
    const renderer = created.renderer;
    this.pending = renderer;
    let failed: readonly K['failure'][] | null = null;
    let error: unknown = null;
    try {
      failed = await created.checked;
    } catch (thrown) {
      error = thrown;
    }
    if (this.pending !== renderer) return false; // disposed meanwhile
    this.pending = null;
    if (!failed || !renderer) {
      renderer?.dispose();
      throw error;
    }
    // Removed (or restarted) while the checks were pending: this renderer is not wanted.
    if (generation !== this.generation || !this.chart.isConnected) {
      renderer.dispose();
      return false;
    }
    this.pipelineFailures = failed;
    for (const failure of failed) console.error(`gpu-charts: the ${failure.kind} pipeline failed: ${failure.message}`);
    const plan = policy.planPipelineHealth(failed, this.pipelineBreaker, this.factory.pipelineCount);
    if (plan.kind === 'fallback') {
      renderer.dispose();
      throw new PipelineFailureError(plan.reason, plan.message, failed);
    }
    this.renderer = renderer;
    this.builtBudget = budget;
    this.events.rendererChanged(renderer);
    if (failed.length > 0) {
      this.events.fallback({
        reason: 'pipeline-failed',
        renderer: 'webgpu',
        layers: failed.map((f) => f.kind),
        diagnostics: failed.flatMap((f) => f.diagnostics),
        message: `WebGPU draws this chart without its ${failed.map((f) => f.kind).join(', ')} layers: ${failed.map((f) => f.message).join('; ')}`,
      });
    }
    return true;
  }

  /** Something the WebGPU renderer found while drawing (asynchronously, from error scopes, or at once). */
  private onRendererIssue(renderer: K['renderer'] | null, issue: RendererIssueInfo): void {
    if (!renderer || renderer !== this.renderer || !this.chart.isConnected) return;
    switch (issue.type) {
      case 'out-of-memory':
        this.degrade(issue.message);
        break;
      case 'limits':
        // The canvas outgrew the largest texture (a resize since it was measured): re-measure.
        this.events.degradationChanged(null);
        break;
      case 'skipped-layers':
        // Layers the chart needs are missing: try the pipeline again after a backoff; each
        // failure counts, and the breaker moves the chart to Canvas2D when it opens.
        this.schedulePipelineRetry();
        break;
      case 'validation': {
        console.error(`gpu-charts: WebGPU validation error while drawing: ${issue.message}`);
        const plan = policy.planValidationError(issue.message, this.pipelineBreaker);
        if (plan.kind === 'fallback') this.pipelineFallBack(new PipelineFailureError(plan.reason, plan.message, []));
        break;
      }
    }
  }

  /**
   * Out of GPU memory: give up one thing at a time, cheapest loss first, and say so with
   * `degradationChanged`: level of detail forced on (when `lod="off"`), then MSAA, then the
   * resolution (halved down to a quarter); after that, Canvas2D.
   */
  private degrade(message: string): void {
    const current = this.renderer;
    if (!current) return;
    const plan = policy.planOutOfMemory(this.degradation, { lod: this.chart.lod, rendererSampleCount: current.sampleCount, configuredSampleCount: this.chart.sampleCount }, message);
    if (plan.kind === 'fallback') {
      this.fallBack(plan.reason, plan.message, undefined, plan.probe);
      this.events.degradationChanged(null);
      return;
    }
    console.warn(plan.warning);
    this.events.degradationChanged(plan.quality);
    if (plan.rebuild) this.rebuild();
  }

  private schedulePipelineRetry(): void {
    if (this.pipelineRetryTimer !== null || this.pipelineFailures.length === 0) return;
    const delay = policy.pipelineRetryDelay(this.chart.recoveryOptions.retry, this.pipelineBreaker.failures);
    this.pipelineRetryTimer = this.clock.setTimeout(() => {
      this.pipelineRetryTimer = null;
      if (!this.chart.isConnected || this.pipelineFailures.length === 0) return;
      this.rebuild(true);
    }, delay);
  }

  private clearPipelineRetry(): void {
    if (this.pipelineRetryTimer !== null) this.clock.clearTimeout(this.pipelineRetryTimer);
    this.pipelineRetryTimer = null;
  }

  /** The pipelines failed beyond drawing without them: the whole chart to Canvas2D, probed later through the pipeline breaker. */
  private pipelineFallBack(error: PipelineFailureError<K['failure']>): void {
    this.fallBack(error.reason, error.message, { layers: error.failures.map((f) => f.kind), diagnostics: error.failures.flatMap((f) => f.diagnostics) }, true, this.pipelineBreaker);
  }

  private useCanvas2d(reason: FallbackReason, message: string, extra?: Pick<FallbackNotice<K>, 'layers' | 'diagnostics'>): boolean {
    let created: K['renderer'] | null;
    try {
      created = this.factory.createCanvas2d();
      if (!created) return false;
    } catch (error) {
      this.dropRenderer();
      this.events.showMessage(`No renderer could be created: ${String(error)}`);
      this.move('failed', String(error));
      return false;
    }
    this.dropRenderer();
    this.renderer = created;
    this.surface = null;
    this.pipelineFailures = [];
    this.clearPipelineRetry();
    this.events.showMessage(null);
    this.events.rendererChanged(created);
    // Canvas2D has no texture limit of the GPU's: back to the size asked for.
    if (this.limitClamped) this.events.degradationChanged(null);
    this.move('fallback', message);
    this.events.fallback({ reason, message, renderer: 'canvas2d', ...extra });
    if (!this.readyFired) {
      this.readyFired = true;
      this.events.ready('canvas2d');
    }
    return true;
  }

  /** Canvas2D chosen by `auto` for speed: nothing failed, so the chart is `ready` and no fallback is reported. */
  private useChosenCanvas2d(): void {
    let created: K['renderer'] | null;
    try {
      created = this.factory.createCanvas2d();
    } catch (error) {
      this.autoKind = 'webgpu';
      this.events.showMessage(`No renderer could be created: ${String(error)}`);
      return;
    }
    if (!created) return;
    this.dropRenderer();
    this.renderer = created;
    this.surface = null;
    this.pipelineFailures = [];
    this.clearPipelineRetry();
    this.clearProbe();
    this.events.showMessage(null);
    this.events.rendererChanged(created);
    if (this.limitClamped) this.events.degradationChanged(null);
    this.move('ready', 'Canvas2D chosen by renderer="auto"');
    if (!this.readyFired) {
      this.readyFired = true;
      this.events.ready('canvas2d');
    }
  }

  /**
   * WebGPU failed: Canvas2D unless the page insisted on WebGPU; a probe later tries WebGPU again
   * when `breaker` (default: the device breaker) lets one through.
   */
  private fallBack(reason: FallbackReason, message: string, extra?: Pick<FallbackNotice<K>, 'layers' | 'diagnostics'>, probe = true, breaker: CircuitBreaker = this.breaker): void {
    const plan = policy.planFallback(this.preference, message, probe);
    if (plan.renderer === 'none') {
      this.release();
      this.events.showMessage(plan.showMessage);
      this.move(plan.state, message);
      this.events.fallback({ reason, message, renderer: 'none', ...extra });
      return;
    }
    this.probeBreaker = breaker;
    if (this.useCanvas2d(reason, message, extra) && plan.probe) this.scheduleProbe();
  }

  /** When the breaker lets a probe through, try WebGPU again (and go back to it if it works). */
  private scheduleProbe(): void {
    this.clearProbe();
    const wait = policy.probeWait(this.chart.recoveryOptions.breaker.openMs);
    this.probeTimer = this.clock.setTimeout(() => {
      this.probeTimer = null;
      if (!this.chart.isConnected) return;
      const next = policy.planProbe(this.lifecycle.state, this.preference, this.probeBreaker ?? this.breaker);
      if (next === 'stop') return;
      if (next === 'wait') {
        this.scheduleProbe();
        return;
      }
      this.move('recovering', 'half-open probe of WebGPU');
      void this.start();
    }, wait);
  }

  private clearProbe(): void {
    if (this.probeTimer !== null) this.clock.clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  /**
   * The shared device was lost: rebuild on a new device. Everything on the GPU is derived from the
   * CPU-side data, so the first frame on the new device is the same picture.
   */
  private async recover(reason: string, message: string): Promise<void> {
    const generation = ++this.generation;
    const lostAt = this.clock.now();
    this.release();
    this.move('lost', `device lost: ${reason}`);
    this.events.recovery(policy.recoveryDetails.lost(reason, message));
    const plan = policy.planDeviceLoss(message, this.breaker);
    if (plan.kind === 'fallback') {
      this.fallBack(plan.reason, plan.message);
      return;
    }
    this.move('recovering', 'requesting a new device');
    const outcome = await recoverDevice(
      {
        attempt: () => this.startWebGpu(generation),
        isCurrent: () => generation === this.generation,
        // A device that comes back with pipelines that do not compile will not do better on retry.
        isFatal: (error) => error instanceof PipelineFailureError,
        emit: (detail) => this.events.recovery(detail),
        now: () => this.clock.now(),
        retry: { ...this.chart.recoveryOptions.retry, signal: this.abort.signal, sleep: (ms, signal) => sleepFor(ms, signal, this.clock) },
      },
      reason,
      lostAt,
    );
    if (outcome.kind !== 'failed') return;
    if (outcome.error instanceof PipelineFailureError) {
      this.pipelineFallBack(outcome.error);
      return;
    }
    this.breaker.recordFailure(outcome.error);
    this.fallBack('device-lost', policy.deviceLostMessage(outcome.error));
  }

  /** Disposes the renderer (and the one still being checked); the chart draws nothing until another comes. */
  private release(): void {
    this.clearPipelineRetry();
    this.pending?.dispose();
    this.pending = null;
    this.renderer?.dispose();
    this.renderer = null;
    this.surface = null;
    this.events.rendererChanged(null);
  }

  /** Disposes the current renderer, if any, and says so (another is about to take its place). */
  private dropRenderer(): void {
    if (!this.renderer) return;
    if (this.switching && this.events.retire) this.events.retire(this.renderer);
    else this.renderer.dispose();
    this.renderer = null;
    this.events.rendererChanged(null);
  }

  private move(to: LifecycleState, reason: string): void {
    if (this.lifecycle.state === to) return;
    for (const state of policy.lifecyclePath(this.lifecycle.state, to)) this.lifecycle.transition(state, reason);
    this.events.stateChanged(this.lifecycle.state);
  }
}

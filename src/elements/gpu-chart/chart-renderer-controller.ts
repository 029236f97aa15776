import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { freshQualityLadder, type QualityLadderState } from '../../recovery/quality-ladder.js';
import {
  deviceLostMessage,
  lifecyclePath,
  lodWith,
  pipelineRetryDelay,
  planDeviceLoss,
  planFallback,
  planOutOfMemory,
  planPipelineHealth,
  planProbe,
  planValidationError,
  probeWait,
  recoveryDetails,
  sampleCountWith,
  type RendererPreference,
} from '../../recovery/renderer-policy.js';
import { Canvas2dRenderer } from '../../render/canvas2d/canvas2d-renderer.js';
import type { Renderer } from '../../render/renderer.js';
import { DeviceManager, type DeviceEvent } from '../../render/webgpu/device-manager.js';
import { WebGpuRenderer, type PipelineFailure, type RendererIssue } from '../../render/webgpu/webgpu-renderer.js';
import { effectiveLimits, type RendererLimits } from '../../render/webgpu/limits.js';
import { WebGpuUnavailableError, type WebGpuUnavailableReason } from '../../render/webgpu/webgpu-unavailable.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../../recovery/circuit-breaker.js';
import { Lifecycle, type LifecycleState } from '../../recovery/lifecycle.js';
import type { BackoffOptions } from '../../recovery/retry.js';
import { recoverDevice } from '../../recovery/device-recovery.js';
import { GpuFallbackEvent, type GpuFallbackDetail } from '../../events/gpu-fallback.js';
import { GpuReadyEvent } from '../../events/gpu-ready.js';
import { GpuRecoveryEvent } from '../../events/gpu-recovery.js';
import type { GpuQualityChangeDetail } from '../../events/gpu-quality-change.js';

export type { RendererPreference };

/** Timings of recovery; pages (and tests) may tune them through `GpuChart.recovery`. */
export interface RecoveryOptions {
  retry: BackoffOptions;
  breaker: Omit<CircuitBreakerOptions, 'name' | 'now'>;
}

export const DEFAULT_RECOVERY: RecoveryOptions = {
  retry: { baseMs: 250, factor: 2, maxMs: 4000, attempts: 4, jitter: 0.2 },
  breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 15_000 },
};

/** Quality given up to fit the GPU: the host reports it as `gpu-quality-change` (with its tier). */
export interface QualityDegradation {
  reason: string;
  degradation: NonNullable<GpuQualityChangeDetail['degradation']>;
}

/**
 * A WebGPU renderer whose pipelines failed beyond what the chart can draw without: all of them,
 * or repeatedly enough to open the pipeline circuit breaker.
 */
class PipelineFailureError extends Error {
  constructor(
    readonly reason: 'pipeline-failed' | 'circuit-open',
    message: string,
    readonly failures: PipelineFailure[],
  ) {
    super(message);
  }
}

/** Pipelines a WebGPU renderer builds (primitives, rects, and the third): all failing gives up WebGPU. */
const PIPELINE_COUNT = 3;

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
  rendererChanged(renderer: Renderer | null, device: GPUDevice | null): void;
  /** A device is there and no renderer yet: the moment to settle quality settings (MSAA) first. */
  deviceAcquired(device: GPUDevice): void;
  showMessage(message: string | null): void;
}

/**
 * Chooses, creates and replaces the chart's renderer, and keeps the chart drawing: WebGPU when it
 * works, the Canvas2D fallback when WebGPU is missing, fails, or its circuit breaker is open, and
 * back to WebGPU after a device loss (retry with backoff) or a successful half-open probe. Every
 * step is a lifecycle transition and an event.
 */
export class ChartRendererController implements ReactiveController {
  renderer: Renderer | null = null;
  lifecycle = new Lifecycle();
  preference: RendererPreference = 'auto';
  readonly devices = DeviceManager.shared();
  /** Opens after repeated device failures (losses, failed requests). */
  readonly breaker: CircuitBreaker;
  /** Opens after repeated pipeline failures (a shader that does not compile, a pipeline that does not validate). */
  readonly pipelineBreaker: CircuitBreaker;
  /**
   * Quality given up to fit the GPU: level of detail forced on, MSAA off, a lower resolution.
   * Kept across device losses (the new device has the same memory), reset when the element is
   * connected again.
   */
  degradation: QualityLadderState = freshQualityLadder();
  /** Pipelines of the current WebGPU renderer that failed (their layers are not drawn). */
  pipelineFailures: PipelineFailure[] = [];
  /** The limits of the current device (test caps applied), or null before one is acquired. */
  limits: RendererLimits | null = null;

  private device: GPUDevice | null = null;
  /** A renderer created but still inside its validation error scope. */
  private pending: Renderer | null = null;
  private context: GPUCanvasContext | null = null;
  private unsubscribe: (() => void) | null = null;
  private abort = new AbortController();
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private readyFired = false;
  /** The breaker whose opening put the chart on Canvas2D: the half-open probe asks it. */
  private probeBreaker: CircuitBreaker | null = null;
  private pipelineRetryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The canvas is currently smaller than asked because of maxTextureDimension2D. */
  private limitClamped = false;
  /** The memory budget the current WebGPU renderer was created with: a change rebuilds it. */
  private builtBudget: number | null = null;

  constructor(private readonly host: RendererHost) {
    host.addController(this);
    this.breaker = new CircuitBreaker({ name: 'device', ...host.recoveryOptions.breaker });
    this.pipelineBreaker = new CircuitBreaker({ name: 'pipeline', ...host.recoveryOptions.breaker });
  }

  /** `auto` while out-of-memory degradation forces level of detail on, else null (the element's own setting). */
  get lodOverride(): 'auto' | null {
    return lodWith(this.degradation, 'off') === 'auto' ? 'auto' : null;
  }

  /**
   * The pixel ratio to size the canvas with: `ratio` (devicePixelRatio × resolution scale) times
   * the degradation factor, lowered further so that neither side exceeds the largest texture the
   * GPU allows. The first time the canvas has to be clamped, `gpu-quality-change` says so.
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
          this.host.degradationChanged({
            reason: `limits: the canvas (${width}×${height} px) is larger than the largest texture this GPU allows (maxTextureDimension2D ${max}); resolution lowered to ${(factor * 100).toFixed(0)} %`,
            degradation: { cause: 'limits', step: 'resolution', lod: this.lodOverride ?? this.host.lod, msaa: this.sampleCount(), resolutionFactor: factor },
          }),
        );
      }
    }
    return r;
  }

  /** The sample count a WebGPU renderer is created with: the configuration's, unless degraded. */
  private sampleCount(): 1 | 4 {
    return sampleCountWith(this.degradation, this.host.sampleCount);
  }

  get state(): LifecycleState {
    return this.lifecycle.state;
  }

  hostConnected(): void {
    if (this.lifecycle.state === 'disposed') {
      this.lifecycle = new Lifecycle();
      this.readyFired = false;
      this.degradation = freshQualityLadder();
      this.limitClamped = false;
    }
    this.abort = new AbortController();
    this.unsubscribe = this.devices.subscribe(this.onDeviceEvent);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.abort.abort();
    this.clearProbe();
    this.clearPipelineRetry();
    this.generation++;
    this.dispose();
    this.move('disposed', 'element removed');
  }

  /** A new memory budget (quality.maxGpuMemoryMB) is a renderer option: rebuild, as for MSAA. */
  hostUpdated(): void {
    if (this.renderer?.kind === 'webgpu' && this.builtBudget !== this.host.memoryBudgetBytes) this.rebuild();
  }

  /** Starts (or restarts) drawing with the preferred renderer. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    if (this.preference === 'canvas2d') {
      this.useCanvas2d('requested', 'Canvas2D was requested (renderer="canvas2d").');
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
      const unavailable = error instanceof WebGpuUnavailableError ? error : new WebGpuUnavailableError('device-failed', String(error));
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
    if (current?.kind !== 'webgpu' || !this.device || !this.context) return;
    if (!force && current.sampleCount === this.sampleCount() && this.builtBudget === this.host.memoryBudgetBytes) return;
    const generation = this.generation;
    this.createWebGpuRenderer(this.device, this.context, generation).then(
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

  private async startWebGpu(generation: number): Promise<void> {
    const device = await this.devices.acquire();
    if (generation !== this.generation || !this.host.isConnected) return;
    const canvas = this.host.canvasFor('webgpu');
    const context = canvas?.getContext('webgpu') ?? null;
    if (!context) throw new WebGpuUnavailableError('device-failed', 'The canvas refused a WebGPU context.');
    this.device = device;
    this.context = context;
    this.limits = effectiveLimits(device, this.devices.testHooks.limits);
    this.host.deviceAcquired(device);
    if (!(await this.createWebGpuRenderer(device, context, generation))) return;
    this.breaker.recordSuccess();
    this.host.showMessage(null);
    const failed = this.pipelineFailures;
    this.move(failed.length > 0 ? 'degraded' : 'ready', failed.length > 0 ? `WebGPU renderer created without the ${failed.map((f) => f.kind).join(', ')} pipeline(s)` : 'WebGPU renderer created');
    // The canvas was sized before the device's limits were known: re-measure if it exceeds them.
    const max = this.limits.maxTextureDimension2D;
    if (canvas && (canvas.width > max || canvas.height > max)) this.host.degradationChanged(null);
    if (!this.readyFired) {
      this.readyFired = true;
      const info = this.devices.adapterInfo;
      this.host.dispatchEvent(
        new GpuReadyEvent({
          renderer: 'webgpu',
          adapter: info ? { vendor: info.vendor, architecture: info.architecture, description: info.description, isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) } : null,
        }),
      );
    }
  }

  /**
   * Creates the WebGPU renderer inside a validation error scope, and waits for each pipeline's
   * own check (compilation messages and validation, see PipelineCache). A pipeline that fails
   * disables only its layers: the chart draws the rest, `gpu-fallback` (renderer `webgpu`) names
   * the pipeline with the compiler's line and column, and the pipeline circuit breaker counts the
   * failure. When every pipeline failed, or the breaker opened, this throws PipelineFailureError
   * (the caller moves the whole chart to Canvas2D).
   */
  private async createWebGpuRenderer(device: GPUDevice, context: GPUCanvasContext, generation: number): Promise<boolean> {
    const format = this.devices.preferredCanvasFormat();
    if (this.renderer) {
      this.renderer.dispose();
      this.renderer = null;
      this.host.rendererChanged(null, null);
    }
    this.clearPipelineRetry();
    context.configure({ device, format, alphaMode: 'premultiplied', usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    const hooks = this.devices.testHooks;
    device.pushErrorScope('validation');
    let renderer: WebGpuRenderer | null = null;
    let thrown: unknown = null;
    const budget = this.host.memoryBudgetBytes;
    try {
      renderer = new WebGpuRenderer({
        device,
        pipelines: this.devices.pipelines(device),
        allocations: this.devices.allocations.owner(),
        target: { kind: 'canvas', context, format },
        sampleCount: this.sampleCount(),
        limits: hooks.limits,
        shaders: hooks.shaders,
        ...(budget !== null && { memoryBudgetBytes: budget }),
        onIssue: (issue) => this.onRendererIssue(renderer, issue),
      });
    } catch (error) {
      thrown = error;
    }
    this.pending = renderer;
    const scopeError = await device.popErrorScope().catch(() => null);
    const health = renderer ? await renderer.ready : null;
    if (this.pending !== renderer) return false; // disposed meanwhile
    this.pending = null;
    if (thrown || scopeError || !renderer || !health) {
      renderer?.dispose();
      throw new WebGpuUnavailableError('device-failed', `WebGPU pipeline creation failed: ${scopeError?.message ?? String(thrown)}`);
    }
    // Removed (or restarted) while the error scope was pending: this renderer is not wanted.
    if (generation !== this.generation || !this.host.isConnected) {
      renderer.dispose();
      return false;
    }
    const failed = health.failed;
    this.pipelineFailures = failed;
    for (const failure of failed) console.error(`gpu-charts: the ${failure.kind} pipeline failed: ${failure.message}`);
    const plan = planPipelineHealth(failed, this.pipelineBreaker, PIPELINE_COUNT);
    if (plan.kind === 'fallback') {
      renderer.dispose();
      throw new PipelineFailureError(plan.reason, plan.message, failed);
    }
    this.renderer = renderer;
    this.builtBudget = budget;
    this.host.rendererChanged(renderer, device);
    if (failed.length > 0) {
      this.host.dispatchEvent(
        new GpuFallbackEvent({
          reason: 'pipeline-failed',
          renderer: 'webgpu',
          layers: failed.map((f) => f.kind),
          diagnostics: failed.flatMap((f) => f.diagnostics),
          message: `WebGPU draws this chart without its ${failed.map((f) => f.kind).join(', ')} layers: ${failed.map((f) => f.message).join('; ')}`,
        }),
      );
    }
    return true;
  }

  /** Something the WebGPU renderer found while drawing (asynchronously, from error scopes, or at once). */
  private onRendererIssue(renderer: WebGpuRenderer | null, issue: RendererIssue): void {
    if (!renderer || renderer !== this.renderer || !this.host.isConnected) return;
    switch (issue.type) {
      case 'out-of-memory':
        this.degrade(issue.message);
        break;
      case 'limits':
        // The canvas outgrew the largest texture (a resize since it was measured): re-measure.
        this.host.degradationChanged(null);
        break;
      case 'skipped-layers':
        // Layers the chart needs are missing: try the pipeline again after a backoff; each
        // failure counts, and the breaker moves the chart to Canvas2D when it opens.
        this.schedulePipelineRetry();
        break;
      case 'validation': {
        console.error(`gpu-charts: WebGPU validation error while drawing: ${issue.message}`);
        const plan = planValidationError(issue.message, this.pipelineBreaker);
        if (plan.kind === 'fallback') this.pipelineFallBack(new PipelineFailureError(plan.reason, plan.message, []));
        break;
      }
    }
  }

  /**
   * Out of GPU memory: give up one thing at a time, cheapest loss first, and say so with
   * `gpu-quality-change`: level of detail forced on (when `lod="off"`), then MSAA, then the
   * resolution (halved down to a quarter); after that, Canvas2D.
   */
  private degrade(message: string): void {
    const current = this.renderer;
    if (!current) return;
    const plan = planOutOfMemory(this.degradation, { lod: this.host.lod, rendererSampleCount: current.sampleCount, configuredSampleCount: this.host.sampleCount }, message);
    if (plan.kind === 'fallback') {
      this.fallBack(plan.reason, plan.message, undefined, plan.probe);
      this.host.degradationChanged(null);
      return;
    }
    console.warn(plan.warning);
    this.host.degradationChanged(plan.quality);
    if (plan.rebuild) this.rebuild();
  }

  private schedulePipelineRetry(): void {
    if (this.pipelineRetryTimer || this.pipelineFailures.length === 0) return;
    const delay = pipelineRetryDelay(this.host.recoveryOptions.retry, this.pipelineBreaker.failures);
    this.pipelineRetryTimer = setTimeout(() => {
      this.pipelineRetryTimer = null;
      if (!this.host.isConnected || this.pipelineFailures.length === 0) return;
      this.rebuild(true);
    }, delay);
  }

  private clearPipelineRetry(): void {
    if (this.pipelineRetryTimer) clearTimeout(this.pipelineRetryTimer);
    this.pipelineRetryTimer = null;
  }

  /** The pipelines failed beyond drawing without them: the whole chart to Canvas2D, probed later through the pipeline breaker. */
  private pipelineFallBack(error: PipelineFailureError): void {
    this.fallBack(error.reason, error.message, { layers: error.failures.map((f) => f.kind), diagnostics: error.failures.flatMap((f) => f.diagnostics) }, true, this.pipelineBreaker);
  }

  private useCanvas2d(reason: GpuFallbackDetail['reason'], message: string, extra?: Pick<GpuFallbackDetail, 'layers' | 'diagnostics'>): boolean {
    const canvas = this.host.canvasFor('canvas2d');
    if (!canvas) return false;
    if (this.renderer) {
      this.renderer.dispose();
      this.renderer = null;
      this.host.rendererChanged(null, null);
    }
    try {
      this.renderer = new Canvas2dRenderer({ canvas });
    } catch (error) {
      this.renderer = null;
      this.host.showMessage(`No renderer could be created: ${String(error)}`);
      this.move('failed', String(error));
      return false;
    }
    this.device = null;
    this.context = null;
    this.pipelineFailures = [];
    this.clearPipelineRetry();
    this.host.showMessage(null);
    this.host.rendererChanged(this.renderer, null);
    // Canvas2D has no texture limit of the GPU's: back to the size asked for.
    if (this.limitClamped) this.host.degradationChanged(null);
    this.move('fallback', message);
    this.host.dispatchEvent(new GpuFallbackEvent({ reason, message, renderer: 'canvas2d', ...extra }));
    if (!this.readyFired) {
      this.readyFired = true;
      this.host.dispatchEvent(new GpuReadyEvent({ renderer: 'canvas2d', adapter: null }));
    }
    return true;
  }

  /**
   * WebGPU failed: Canvas2D unless the page insisted on WebGPU; a probe later tries WebGPU again
   * when `breaker` (default: the device breaker) lets one through.
   */
  private fallBack(
    reason: WebGpuUnavailableReason | 'circuit-open' | 'pipeline-failed' | 'out-of-memory',
    message: string,
    extra?: Pick<GpuFallbackDetail, 'layers' | 'diagnostics'>,
    probe = true,
    breaker: CircuitBreaker = this.breaker,
  ): void {
    const plan = planFallback(this.preference, message, probe);
    if (plan.renderer === 'none') {
      this.dispose();
      this.host.showMessage(plan.showMessage);
      this.move(plan.state, message);
      this.host.dispatchEvent(new GpuFallbackEvent({ reason, message, renderer: 'none', ...extra }));
      return;
    }
    this.probeBreaker = breaker;
    if (this.useCanvas2d(reason, message, extra) && plan.probe) this.scheduleProbe();
  }

  /** When the breaker lets a probe through, try WebGPU again (and go back to it if it works). */
  private scheduleProbe(): void {
    this.clearProbe();
    const wait = probeWait(this.host.recoveryOptions.breaker.openMs);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      if (!this.host.isConnected) return;
      const next = planProbe(this.lifecycle.state, this.preference, this.probeBreaker ?? this.breaker);
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
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private readonly onDeviceEvent = (event: DeviceEvent): void => {
    if (event.type !== 'lost' || !this.host.isConnected || this.renderer?.kind !== 'webgpu') return;
    void this.recover(event.reason, event.message);
  };

  /**
   * The shared device was lost: rebuild on a new device. Everything on the GPU is derived from the
   * CPU-side data, so the first frame on the new device is the same picture.
   */
  private async recover(reason: string, message: string): Promise<void> {
    const generation = ++this.generation;
    const lostAt = performance.now();
    this.dispose();
    this.move('lost', `device lost: ${reason}`);
    this.host.dispatchEvent(new GpuRecoveryEvent(recoveryDetails.lost(reason, message)));
    const plan = planDeviceLoss(message, this.breaker);
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
        emit: (detail) => this.host.dispatchEvent(new GpuRecoveryEvent(detail)),
        now: () => performance.now(),
        retry: { ...this.host.recoveryOptions.retry, signal: this.abort.signal },
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
    this.fallBack('device-lost', deviceLostMessage(outcome.error));
  }

  private dispose(): void {
    this.clearPipelineRetry();
    this.pending?.dispose();
    this.pending = null;
    this.renderer?.dispose();
    this.renderer = null;
    this.device = null;
    this.context = null;
    this.host.rendererChanged(null, null);
  }

  private move(to: LifecycleState, reason: string): void {
    if (this.lifecycle.state === to) return;
    for (const state of lifecyclePath(this.lifecycle.state, to)) this.lifecycle.transition(state, reason);
    this.host.requestUpdate();
  }
}

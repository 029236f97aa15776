import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Canvas2dRenderer } from '../../render/canvas2d/canvas2d-renderer.js';
import type { Renderer } from '../../render/renderer.js';
import { DeviceManager, type DeviceEvent } from '../../render/webgpu/device-manager.js';
import { WebGpuRenderer } from '../../render/webgpu/webgpu-renderer.js';
import { WebGpuUnavailableError, type WebGpuUnavailableReason } from '../../render/webgpu/webgpu-unavailable.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../../recovery/circuit-breaker.js';
import { Lifecycle, type LifecycleState } from '../../recovery/lifecycle.js';
import { retry, isAbortError, type BackoffOptions } from '../../recovery/retry.js';
import { GpuFallbackEvent, type GpuFallbackDetail } from '../../events/gpu-fallback.js';
import { GpuReadyEvent } from '../../events/gpu-ready.js';
import { GpuRecoveryEvent } from '../../events/gpu-recovery.js';

export type RendererPreference = 'auto' | 'webgpu' | 'canvas2d';

/** Timings of recovery; pages (and tests) may tune them through `GpuChart.recovery`. */
export interface RecoveryOptions {
  retry: BackoffOptions;
  breaker: Omit<CircuitBreakerOptions, 'name' | 'now'>;
}

export const DEFAULT_RECOVERY: RecoveryOptions = {
  retry: { baseMs: 250, factor: 2, maxMs: 4000, attempts: 4, jitter: 0.2 },
  breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 15_000 },
};

/** What the controller needs from the element. */
export interface RendererHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
  /** The canvas in the shadow root, or a fresh one put in its place (a canvas keeps its first context type). */
  canvasFor(kind: 'webgpu' | 'canvas2d'): HTMLCanvasElement | null;
  readonly sampleCount: 1 | 4;
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
  readonly breaker: CircuitBreaker;

  private device: GPUDevice | null = null;
  /** A renderer created but still inside its validation error scope. */
  private pending: Renderer | null = null;
  private context: GPUCanvasContext | null = null;
  private unsubscribe: (() => void) | null = null;
  private abort = new AbortController();
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private readyFired = false;

  constructor(private readonly host: RendererHost) {
    host.addController(this);
    this.breaker = new CircuitBreaker({ name: 'device', ...host.recoveryOptions.breaker });
  }

  get state(): LifecycleState {
    return this.lifecycle.state;
  }

  hostConnected(): void {
    if (this.lifecycle.state === 'disposed') {
      this.lifecycle = new Lifecycle();
      this.readyFired = false;
    }
    this.abort = new AbortController();
    this.unsubscribe = this.devices.subscribe(this.onDeviceEvent);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.abort.abort();
    this.clearProbe();
    this.generation++;
    this.dispose();
    this.move('disposed', 'element removed');
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
      const unavailable = error instanceof WebGpuUnavailableError ? error : new WebGpuUnavailableError('device-failed', String(error));
      this.breaker.recordFailure(unavailable);
      this.fallBack(unavailable.reason, unavailable.message);
    }
  }

  /** MSAA is a pipeline property: a new WebGPU renderer on the same device and canvas. */
  rebuild(): void {
    if (this.renderer?.kind !== 'webgpu' || !this.device || !this.context) return;
    this.createWebGpuRenderer(this.device, this.context, this.generation).catch((error: unknown) => {
      this.breaker.recordFailure(error);
      this.fallBack('pipeline-failed', error instanceof Error ? error.message : String(error));
    });
  }

  private async startWebGpu(generation: number): Promise<void> {
    const device = await this.devices.acquire();
    if (generation !== this.generation || !this.host.isConnected) return;
    const canvas = this.host.canvasFor('webgpu');
    const context = canvas?.getContext('webgpu') ?? null;
    if (!context) throw new WebGpuUnavailableError('device-failed', 'The canvas refused a WebGPU context.');
    this.device = device;
    this.context = context;
    this.host.deviceAcquired(device);
    if (!(await this.createWebGpuRenderer(device, context, generation))) return;
    this.breaker.recordSuccess();
    this.host.showMessage(null);
    this.move('ready', 'WebGPU renderer created');
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
   * Creates the WebGPU renderer inside a validation error scope: a shader or pipeline that fails
   * to compile is reported, and the chart falls back instead of drawing nothing.
   */
  private async createWebGpuRenderer(device: GPUDevice, context: GPUCanvasContext, generation: number): Promise<boolean> {
    const format = this.devices.preferredCanvasFormat();
    if (this.renderer) {
      this.renderer.dispose();
      this.renderer = null;
      this.host.rendererChanged(null, null);
    }
    context.configure({ device, format, alphaMode: 'premultiplied', usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    device.pushErrorScope('validation');
    let renderer: WebGpuRenderer | null = null;
    let thrown: unknown = null;
    try {
      renderer = new WebGpuRenderer({ device, pipelines: this.devices.pipelines(device), allocations: this.devices.allocations.owner(), target: { kind: 'canvas', context, format }, sampleCount: this.host.sampleCount });
    } catch (error) {
      thrown = error;
    }
    this.pending = renderer;
    const scopeError = await device.popErrorScope();
    if (this.pending !== renderer) return false; // disposed meanwhile
    this.pending = null;
    if (thrown || scopeError) {
      renderer?.dispose();
      throw new WebGpuUnavailableError('device-failed', `WebGPU pipeline creation failed: ${scopeError?.message ?? String(thrown)}`);
    }
    // Removed (or restarted) while the error scope was pending: this renderer is not wanted.
    if (generation !== this.generation || !this.host.isConnected) {
      renderer?.dispose();
      return false;
    }
    this.renderer = renderer;
    this.host.rendererChanged(renderer, device);
    return true;
  }

  private useCanvas2d(reason: GpuFallbackDetail['reason'], message: string): boolean {
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
    this.host.showMessage(null);
    this.host.rendererChanged(this.renderer, null);
    this.move('fallback', message);
    this.host.dispatchEvent(new GpuFallbackEvent({ reason, message, renderer: 'canvas2d' }));
    if (!this.readyFired) {
      this.readyFired = true;
      this.host.dispatchEvent(new GpuReadyEvent({ renderer: 'canvas2d', adapter: null }));
    }
    return true;
  }

  /** WebGPU failed: Canvas2D unless the page insisted on WebGPU; a probe later tries WebGPU again. */
  private fallBack(reason: WebGpuUnavailableReason | 'circuit-open' | 'pipeline-failed', message: string): void {
    if (this.preference === 'webgpu') {
      this.dispose();
      this.host.showMessage(message);
      this.move('failed', message);
      this.host.dispatchEvent(new GpuFallbackEvent({ reason, message, renderer: 'none' }));
      return;
    }
    if (this.useCanvas2d(reason, message)) this.scheduleProbe();
  }

  /** When the breaker lets a probe through, try WebGPU again (and go back to it if it works). */
  private scheduleProbe(): void {
    this.clearProbe();
    const wait = Math.max(50, this.host.recoveryOptions.breaker.openMs ?? 15_000);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      if (!this.host.isConnected || this.lifecycle.state !== 'fallback' || this.preference === 'canvas2d') return;
      if (!this.breaker.canTry()) {
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
    this.host.dispatchEvent(new GpuRecoveryEvent({ phase: 'lost', attempt: 0, reason, message }));
    this.breaker.recordFailure(new Error(message));
    if (!this.breaker.canTry()) {
      this.fallBack('circuit-open', `WebGPU failed ${this.breaker.failures} times recently; drawing with Canvas2D and probing WebGPU later.`);
      return;
    }
    this.move('recovering', 'requesting a new device');
    let attempts = 0;
    try {
      await retry(
        async (attempt) => {
          attempts = attempt;
          if (generation !== this.generation) throw new DOMException('superseded', 'AbortError');
          await this.startWebGpu(generation);
        },
        {
          ...this.host.recoveryOptions.retry,
          signal: this.abort.signal,
          shouldRetry: () => generation === this.generation,
          onAttempt: ({ attempt, delayMs, error }) => {
            if (delayMs !== null) this.host.dispatchEvent(new GpuRecoveryEvent({ phase: 'retrying', attempt, delayMs, reason: String(error), message: `attempt ${attempt} failed; retrying in ${Math.round(delayMs)} ms` }));
          },
        },
      );
      if (generation !== this.generation) return;
      this.host.dispatchEvent(new GpuRecoveryEvent({ phase: 'recovered', attempt: attempts, durationMs: performance.now() - lostAt, reason, message: 'WebGPU device restored; chart rebuilt from its data' }));
    } catch (error) {
      if (isAbortError(error) || generation !== this.generation) return;
      const text = error instanceof Error ? error.message : String(error);
      this.host.dispatchEvent(new GpuRecoveryEvent({ phase: 'failed', attempt: attempts, durationMs: performance.now() - lostAt, reason: String(error), message: text }));
      this.breaker.recordFailure(error);
      this.fallBack('device-lost', `The GPU device was lost and could not be restored (${text}).`);
    }
  }

  private dispose(): void {
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
    if (this.lifecycle.can(to)) this.lifecycle.transition(to, reason);
    else if (to !== 'disposed' && this.lifecycle.can('recovering')) {
      // e.g. fallback → ready goes through recovering.
      this.lifecycle.transition('recovering', reason);
      if (this.lifecycle.can(to)) this.lifecycle.transition(to, reason);
    }
    this.host.requestUpdate();
  }
}

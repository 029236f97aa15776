import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartModel, FrameResult } from '../../core/chart-model.js';
import type { ChartConfig } from '../../config/schema.js';
import type { Renderer } from '../../render/renderer.js';
import type { FrameListener, FrameStats } from '../../perf/frame-stats.js';
import { createTelemetry, type Telemetry, type TelemetryBatch } from '../../perf/telemetry.js';
import { Invalidation } from './invalidation.js';

/** A frame starting within this long after the previous one ended was wanted back-to-back (1.5 refreshes at 60 Hz). */
const BACK_TO_BACK_MS = 25;

/** What the frame loop needs from its chart. */
export interface FrameLoopHost extends ReactiveControllerHost, Pick<HTMLElement, 'addEventListener'> {
  readonly isConnected: boolean;
}

/** The chart's parts a frame goes through. */
export interface FrameSteps {
  /** Does the work the bits ask for (everything but drawing). */
  prepare(bits: number): void;
  /** A frame was drawn (or, with no renderer, its work was done): the overlay follows it. */
  drawn(frame: FrameResult | null): void;
  /** Sees every frame's stats first (auto-tuning). */
  measured(stats: FrameStats): void;
}

/**
 * A chart's frames: the invalidation mask, one commit per animation frame that drains it
 * (steps.prepare) and draws, synchronous frames (renderNow, snapshot), waiters of the next frame,
 * the measured stats of each frame for listeners (perf overlay, profiler), auto-tuning and
 * telemetry. An idle chart schedules nothing; nothing here touches the element's reactive state.
 */
export class ChartFrameLoop implements ReactiveController {
  renderer: Renderer | null = null;
  /** Frames drawn since the element was created. */
  frameCount = 0;
  lastFrameStats: FrameStats | null = null;
  /**
   * The renderer that drew the last frame. It may differ from `renderer` right after a frame:
   * a frame's stats can decide a switch (renderer="auto") while that frame is being committed.
   */
  lastDrawnBy: Renderer | null = null;
  /** Receives telemetry batches instead of `telemetry.endpoint`. */
  telemetryCallback: ((batch: TelemetryBatch) => void) | null = null;

  private pending: number = Invalidation.NONE;
  private frameHandle = 0;
  private microtaskQueued = false;
  private waiters: (() => void)[] = [];
  private readonly listeners = new Set<FrameListener>();
  private telemetry: Telemetry | null = null;
  private telemetryKey = '';
  /** Start and end of the previous drawn frame (performance.now()), for `FrameStats.intervalMs`. */
  private lastStart = -Infinity;
  private lastEnd = -Infinity;

  constructor(
    private readonly host: FrameLoopHost,
    private readonly model: ChartModel,
    private readonly steps: FrameSteps,
  ) {
    host.addController(this);
    // Telemetry counts the chart's failures as the page sees them: its error events.
    host.addEventListener('gpu-fallback', (event) => this.recordError('fallback', event.detail.reason));
    host.addEventListener('gpu-recovery', (event) => this.recordError('recovery', event.detail.phase));
    host.addEventListener('gpu-config-error', () => this.recordError('config', 'invalid'));
  }

  hostConnected(): void {
    globalThis.addEventListener?.('pagehide', this.flushTelemetry);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('pagehide', this.flushTelemetry);
    this.telemetry?.dispose();
    this.telemetry = null;
    this.telemetryKey = '';
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
    this.flushWaiters();
  }

  /** Asks for work (bits of Invalidation) and a frame at the next animation frame. */
  invalidate(bits: number = Invalidation.VIEW): void {
    this.pending |= bits;
    if (this.renderer) {
      if (!this.frameHandle && this.host.isConnected) this.frameHandle = requestAnimationFrame(this.onAnimationFrame);
    } else if (!this.microtaskQueued && bits !== Invalidation.VIEW) {
      // Nothing draws yet: the model still follows the change (and the DOM overlay with it).
      this.microtaskQueued = true;
      queueMicrotask(() => {
        this.microtaskQueued = false;
        if (!this.renderer) this.flush();
      });
    }
  }

  /** Does the pending work now, without drawing (the model is then up to date). */
  flush(): void {
    const bits = this.pending & ~Invalidation.VIEW;
    if (bits === Invalidation.NONE) return;
    this.pending &= Invalidation.VIEW;
    this.steps.prepare(bits);
  }

  /** True while work or a frame is pending. */
  get dirty(): boolean {
    return this.pending !== Invalidation.NONE || this.frameHandle !== 0;
  }

  private readonly onAnimationFrame = (): void => {
    this.frameHandle = 0;
    this.commit();
  };

  /** Drains the mask and draws: the one place a chart's frame is made. */
  commit(): void {
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
    this.flush();
    this.pending = Invalidation.NONE;
    const renderer = this.renderer;
    let frame: FrameResult | null = null;
    if (renderer) {
      const started = performance.now();
      const intervalMs = started - this.lastEnd < BACK_TO_BACK_MS ? started - this.lastStart : null;
      frame = this.model.frame();
      const sceneDone = performance.now();
      if (frame) {
        try {
          const result = renderer.render(frame.scene);
          this.frameCount++;
          this.lastDrawnBy = renderer;
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
            intervalMs,
          };
          this.lastStart = started;
          this.lastEnd = performance.now();
          this.lastFrameStats = stats;
          this.emit(stats);
          result.gpuMs?.then((gpuMs) => {
            if (gpuMs === null) return;
            const timed = { ...stats, gpuMs };
            if (this.lastFrameStats === stats) this.lastFrameStats = timed;
            this.emit(timed);
          });
        } catch (error) {
          console.error('gpu-chart: frame failed', error);
        }
      }
    }
    this.steps.drawn(frame);
    this.flushWaiters();
  }

  /** Draws the current state and returns its pixels (the frame counts like any other). */
  async capture(): Promise<import('../../render/renderer.js').FramePixels> {
    const renderer = this.renderer;
    if (!renderer) throw new Error('gpu-chart: no renderer yet (wait for gpu-ready)');
    this.flush();
    const frame = this.model.frame()!;
    // Drawn synchronously below, in this same task: the page never sees the canvas undrawn.
    this.lastDrawnBy = renderer;
    this.steps.drawn(frame);
    this.frameCount++;
    return renderer.capture(frame.scene);
  }

  /** Resolves after the next frame (at once when nothing is pending and a renderer is in place). */
  nextFrame(): Promise<void> {
    if (!this.frameHandle && (this.renderer || !this.host.isConnected)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Nothing will draw (no renderer can): nobody should wait for a frame. */
  flushWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  onFrame(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(stats: FrameStats): void {
    this.steps.measured(stats);
    if (stats.gpuMs === null) this.telemetry?.recordFrame(stats);
    for (const listener of this.listeners) {
      try {
        listener(stats);
      } catch (error) {
        console.error('gpu-chart: frame listener failed', error);
      }
    }
  }

  // ——— telemetry (opt-in: nothing is collected unless `telemetry.enabled`) ———

  configureTelemetry(config: ChartConfig): void {
    const key = JSON.stringify(config.telemetry) + (this.telemetryCallback ? '+callback' : '');
    if (key === this.telemetryKey && (this.telemetry || !config.telemetry.enabled)) return;
    this.telemetryKey = key;
    this.telemetry?.dispose();
    const { enabled, sampling, endpoint, batchSize } = config.telemetry;
    this.telemetry = enabled && this.host.isConnected ? createTelemetry({ enabled, sampling, endpoint, batchSize, callback: this.telemetryCallback ?? undefined }) : null;
  }

  recordError(kind: Parameters<Telemetry['recordError']>[0], code: string): void {
    this.telemetry?.recordError(kind, code);
  }

  private readonly flushTelemetry = () => this.telemetry?.flush();
}

/**
 * `renderer="auto"` as pure logic: which backend draws faster on this machine. No DOM, no GPU,
 * no timers: the element feeds it the adapter it got and one cost per drawn frame, and switches
 * renderers when told; Node tests drive it with simulated frames.
 *
 * Policy (thresholds are options):
 * - First guess from the adapter: a software adapter (SwiftShader, llvmpipe, lavapipe, WARP,
 *   or any adapter that says `isFallbackAdapter`) rasterizes WebGPU on the CPU, which is slower
 *   than Canvas2D over the same level-of-detail scene: Canvas2D. Any other adapter: WebGPU.
 * - Frames are judged in windows of `windowSize` samples (after `warmupFrames` frames following
 *   every switch: the first frames of a renderer upload its data) by their median.
 * - A window slower than the budget (`1000 / targetFps` × `slowFactor`) starts a trial of the
 *   other backend (not of WebGPU on a software adapter, unless `softwareTrials`), unless it was
 *   measured since the last change of conditions, or its trials are
 *   backing off (each failed trial doubles the wait; after `maxTrials` it is not tried again
 *   until conditions change).
 * - A trial keeps the other backend only when its median is at most `switchRatio` × the median of
 *   the one it replaced (hysteresis: equal backends never flip-flop); otherwise it switches back.
 *   A trial that is plainly losing ends early: once `trialAbortSamples` frames (after warm-up)
 *   have a median above `trialAbortFactor` × the replaced backend's, it switches back at once
 *   (WebGPU on a software rasterizer can take seconds a frame: a whole window of those would
 *   freeze the page for a minute to learn what three frames already say).
 * - Conditions that change what is fast (data size by `sizeFactor` or more, canvas area, device)
 *   forget every measurement and lift the back-off: the next slow window tries again.
 */

export type RendererKind = 'webgpu' | 'canvas2d';

/** What the adapter says of itself (GPUAdapterInfo plus `isFallbackAdapter`). */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

export interface RendererChoiceOptions {
  /** What `auto` draws with on a software adapter: `canvas2d` (default), or `webgpu` (as on any GPU). */
  softwareAdapter: RendererKind;
  /** Switch by measured frames (default true); false keeps the adapter's choice. */
  measure: boolean;
  /**
   * On a software adapter, let slow Canvas2D frames try WebGPU (default false). WebGPU there is
   * rasterized by the same CPU cores, so a trial (warm-up plus a window of frames, ~28 frames)
   * only costs: on SwiftShader it never won once its GPU work was counted (bench FIFO case).
   */
  softwareTrials: boolean;
  targetFps: number;
  windowSize: number;
  warmupFrames: number;
  /** A window's median above budget × slowFactor is slow enough to try the other backend. */
  slowFactor: number;
  /** The other backend must be at most this fraction of the current one's median to be kept. */
  switchRatio: number;
  /** Windows to wait after a failed trial before the next; doubles each time. */
  backoffWindows: number;
  maxTrials: number;
  /** A change of the data size by this factor (either way) is a change of conditions. */
  sizeFactor: number;
  /** Longer samples are dropped: a hidden tab or a debugger pause, not drawing cost. */
  maxFrameMs: number;
  /** Frames of a trial after which it may end early (see the policy above). */
  trialAbortSamples: number;
  /** A trial whose median so far exceeds the replaced backend's by this factor ends early. */
  trialAbortFactor: number;
}

export const DEFAULT_RENDERER_CHOICE: Readonly<RendererChoiceOptions> = {
  softwareAdapter: 'canvas2d',
  measure: true,
  softwareTrials: false,
  targetFps: 60,
  windowSize: 24,
  warmupFrames: 4,
  slowFactor: 1.2,
  switchRatio: 0.8,
  backoffWindows: 8,
  maxTrials: 3,
  sizeFactor: 4,
  maxFrameMs: 2000,
  trialAbortSamples: 3,
  trialAbortFactor: 2,
};

/** A window of frame costs on one backend (ms). */
export interface RendererMeasurement {
  p50: number;
  p95: number;
  samples: number;
}

export type ChoiceCause = 'adapter' | 'trial' | 'measured' | 'reverted';

/** A decision: draw with `renderer` from now on (the `gpu-renderer-change` detail, less the element's fields). */
export interface RendererChoice {
  renderer: RendererKind;
  previous: RendererKind | null;
  cause: ChoiceCause;
  reason: string;
  /** The adapter is a software rasterizer. */
  softwareAdapter: boolean;
  /** The latest window measured on each backend since conditions last changed. */
  measurements: Partial<Record<RendererKind, RendererMeasurement>>;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/** True when the adapter rasterizes on the CPU (or says it is a fallback adapter). */
export function isSoftwareAdapter(info: AdapterFacts | null | undefined): boolean {
  if (!info) return false;
  if (info.isFallbackAdapter) return true;
  return [info.architecture, info.description, info.device].some((text) => Boolean(text) && SOFTWARE_NAMES.test(text!));
}

const other = (kind: RendererKind): RendererKind => (kind === 'webgpu' ? 'canvas2d' : 'webgpu');
const fmt = (ms: number) => ms.toFixed(1);

/** The median and p95 of the first `count` samples. */
export function summarizeFrames(samples: Float64Array, count: number): RendererMeasurement {
  const sorted = Array.from(samples.subarray(0, count)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), samples: count };
}

export class RendererChooser {
  readonly options: RendererChoiceOptions;
  /** The backend `auto` draws with now (null before the adapter is known). */
  current: RendererKind | null = null;
  private software = false;
  private measured: Partial<Record<RendererKind, RendererMeasurement>> = {};
  private readonly samples: Float64Array;
  private count = 0;
  private warmup = 0;
  /** The backend a trial left (null: no trial running). */
  private trialFrom: RendererKind | null = null;
  private windows = 0;
  private trials = 0;
  private retryAfter = 0;
  private lastSize: number | null = null;

  constructor(options: Partial<RendererChoiceOptions> = {}) {
    this.options = { ...DEFAULT_RENDERER_CHOICE, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    this.samples = new Float64Array(Math.max(3, Math.floor(this.options.windowSize)));
  }

  /** The measurements so far (copies). */
  get measurements(): Partial<Record<RendererKind, RendererMeasurement>> {
    return { ...this.measured };
  }

  get trialRunning(): boolean {
    return this.trialFrom !== null;
  }

  /** The first choice, from the adapter (null: no adapter at all, which the fallback handles). */
  initial(adapter: AdapterFacts | null): RendererChoice {
    this.software = isSoftwareAdapter(adapter);
    const renderer: RendererKind = this.software ? this.options.softwareAdapter : 'webgpu';
    const name = adapter ? [adapter.vendor, adapter.architecture || adapter.description].filter(Boolean).join(' ') || 'unnamed adapter' : 'no adapter';
    const reason = this.software
      ? renderer === 'canvas2d'
        ? `software adapter (${name}): Canvas2D over the level-of-detail scene is faster than WebGPU rasterized on the CPU`
        : `software adapter (${name}), configured to draw with WebGPU anyway`
      : `hardware adapter (${name}): WebGPU`;
    return this.switchTo(renderer, 'adapter', reason);
  }

  /**
   * One drawn frame's cost on `renderer` (ms). Returns a decision when the backend should change.
   * Frames of another backend than the current one (a renderer still draining) are ignored.
   */
  record(renderer: RendererKind, frameMs: number): RendererChoice | null {
    if (!this.options.measure || renderer !== this.current) return null;
    if (!(frameMs >= 0)) return null;
    // A trial's frames beyond maxFrameMs are its own cost, not a pause: they count (capped), so
    // that a trial of a backend taking seconds a frame still ends.
    if (frameMs > this.options.maxFrameMs) {
      if (this.trialFrom === null) return null;
      frameMs = this.options.maxFrameMs;
    }
    if (this.warmup > 0) {
      this.warmup--;
      return null;
    }
    this.samples[this.count++] = frameMs;
    if (this.trialFrom !== null && this.count >= this.options.trialAbortSamples && this.count < this.samples.length) {
      const before = this.measured[this.trialFrom];
      const soFar = summarizeFrames(this.samples, this.count);
      if (before && soFar.p50 > before.p50 * this.options.trialAbortFactor) {
        this.count = 0;
        this.windows++;
        this.measured[renderer] = soFar;
        return this.evaluate(renderer, soFar);
      }
    }
    if (this.count < this.samples.length) return null;
    const window = summarizeFrames(this.samples, this.count);
    this.count = 0;
    this.windows++;
    this.measured[renderer] = window;
    return this.evaluate(renderer, window);
  }

  /**
   * The data size, canvas area or device changed: what was measured may not hold any more.
   * `size` (points held) is compared with the last one by `sizeFactor`; pass null to force.
   * Returns true when measurements were forgotten.
   */
  conditionsChanged(size: number | null): boolean {
    if (size !== null) {
      const last = this.lastSize;
      this.lastSize = size;
      if (last === null) return false;
      const ratio = Math.max(size, 1) / Math.max(last, 1);
      if (ratio < this.options.sizeFactor && ratio > 1 / this.options.sizeFactor) return false;
    }
    this.measured = {};
    this.count = 0;
    this.trials = 0;
    this.retryAfter = 0;
    return true;
  }

  private evaluate(renderer: RendererKind, window: RendererMeasurement): RendererChoice | null {
    const o = this.options;
    const alternative = other(renderer);
    const theirs = this.measured[alternative];
    if (this.trialFrom !== null) {
      const from = this.trialFrom;
      this.trialFrom = null;
      const before = this.measured[from];
      if (before && window.p50 <= before.p50 * o.switchRatio) {
        this.trials = 0;
        return this.decision(renderer, from, 'measured', `${label(renderer)} median ${fmt(window.p50)} ms against ${fmt(before.p50)} ms on ${label(from)}: keeping ${label(renderer)}`);
      }
      this.retryAfter = this.windows + o.backoffWindows * 2 ** Math.max(0, this.trials - 1);
      return this.switchTo(from, 'reverted', `trial of ${label(renderer)} (median ${fmt(window.p50)} ms) not faster than ${label(from)} (${before ? fmt(before.p50) : '?'} ms) by ${Math.round((1 - o.switchRatio) * 100)} %: back to ${label(from)}`);
    }
    // The other backend was measured faster (since conditions last changed): go back to it.
    if (theirs && theirs.p50 <= window.p50 * o.switchRatio) {
      return this.switchTo(alternative, 'measured', `${label(renderer)} median ${fmt(window.p50)} ms against ${fmt(theirs.p50)} ms measured on ${label(alternative)}`);
    }
    const budget = 1000 / o.targetFps;
    if (window.p50 <= budget * o.slowFactor || theirs) return null;
    if (this.trials >= o.maxTrials || this.windows < this.retryAfter) return null;
    if (this.software && renderer === 'canvas2d' && !o.softwareTrials) return null;
    this.trials++;
    this.trialFrom = renderer;
    return this.switchTo(alternative, 'trial', `${label(renderer)} median ${fmt(window.p50)} ms over ${fmt(budget * o.slowFactor)} ms (${o.slowFactor}× the ${fmt(budget)} ms budget): trying ${label(alternative)}`);
  }

  private switchTo(renderer: RendererKind, cause: ChoiceCause, reason: string): RendererChoice {
    const previous = this.current;
    this.current = renderer;
    this.count = 0;
    this.warmup = this.options.warmupFrames;
    if (cause !== 'trial') this.trialFrom = null;
    return this.decision(renderer, previous, cause, reason);
  }

  private decision(renderer: RendererKind, previous: RendererKind | null, cause: ChoiceCause, reason: string): RendererChoice {
    return { renderer, previous, cause, reason, softwareAdapter: this.software, measurements: this.measurements };
  }
}

function label(kind: RendererKind): string {
  return kind === 'webgpu' ? 'WebGPU' : 'Canvas2D';
}

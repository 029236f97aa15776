/**
 * The decisions of the chart's renderer recovery, as pure functions: which renderer after a
 * failure, which quality step after an out-of-memory error, when a failed pipeline is fatal, when
 * a probe goes back to WebGPU, what to report. No DOM, no GPU, no timers: the element's renderer
 * controller does what these return, and Node tests pin the policy.
 */
import type { CircuitBreaker } from './circuit-breaker.js';
import { canTransition, type LifecycleState } from './lifecycle.js';
import { stepDown, type QualityLadderState, type QualityStep } from './quality-ladder.js';
import type { BackoffOptions } from './retry.js';

export type RendererPreference = 'auto' | 'webgpu' | 'canvas2d';

/** What a fallback does, given the page's preference. */
export type FallbackPlan =
  /** `renderer="webgpu"`: no Canvas2D; the chart shows `message` and fails. */
  | { renderer: 'none'; state: 'failed'; showMessage: string; probe: false }
  /** Canvas2D, with a later probe of WebGPU when `probe`. */
  | { renderer: 'canvas2d'; state: 'fallback'; showMessage: null; probe: boolean };

export function planFallback(preference: RendererPreference, message: string, probe: boolean): FallbackPlan {
  if (preference === 'webgpu') return { renderer: 'none', state: 'failed', showMessage: message, probe: false };
  return { renderer: 'canvas2d', state: 'fallback', showMessage: null, probe };
}

/** The quality the chart currently draws with, as the ladder needs it. */
export interface QualityNow {
  /** The element's own `lod` setting. */
  lod: 'auto' | 'off';
  /** The sample count of the renderer that ran out of memory. */
  rendererSampleCount: 1 | 4;
  /** The sample count the configuration asks for (before the ladder's MSAA step). */
  configuredSampleCount: 1 | 4;
}

export type OutOfMemoryPlan =
  | {
      kind: 'degrade';
      step: Exclude<QualityStep['step'], 'canvas2d'>;
      /** For the console. */
      warning: string;
      /** The `gpu-quality-change` detail (without the tier, which the element adds). */
      quality: { reason: string; degradation: { cause: 'out-of-memory'; step: 'lod' | 'msaa' | 'resolution'; lod: 'auto' | 'off'; msaa: 1 | 4; resolutionFactor: number } };
      /** MSAA is a pipeline property: the WebGPU renderer is rebuilt. */
      rebuild: boolean;
    }
  /** The ladder is exhausted: Canvas2D, without a probe (the GPU has not grown more memory meanwhile). */
  | { kind: 'fallback'; reason: 'out-of-memory'; message: string; probe: false };

/** Out of GPU memory: the next step down the quality ladder (recorded in `ladder`), or Canvas2D. */
export function planOutOfMemory(ladder: QualityLadderState, now: QualityNow, message: string): OutOfMemoryPlan {
  const next = stepDown(ladder, { lodOff: now.lod === 'off', sampleCount: now.rendererSampleCount });
  if (next.step === 'canvas2d') {
    return { kind: 'fallback', reason: 'out-of-memory', message: `The GPU ran out of memory even at the lowest quality (${message}); drawing with Canvas2D.`, probe: false };
  }
  return {
    kind: 'degrade',
    step: next.step,
    warning: `gpu-charts: ${message}; ${next.action}`,
    quality: {
      reason: `out-of-memory: ${message}; ${next.action}`,
      degradation: {
        cause: 'out-of-memory',
        step: next.step,
        lod: lodWith(ladder, now.lod),
        msaa: sampleCountWith(ladder, now.configuredSampleCount),
        resolutionFactor: ladder.resolutionFactor,
      },
    },
    rebuild: next.step === 'msaa',
  };
}

/** The level of detail to draw with: `auto` while the ladder forces it on. */
export function lodWith(ladder: QualityLadderState, lod: 'auto' | 'off'): 'auto' | 'off' {
  return ladder.forceLod ? 'auto' : lod;
}

/** The sample count to create a WebGPU renderer with: the configuration's, unless the ladder turned MSAA off. */
export function sampleCountWith(ladder: QualityLadderState, configured: 1 | 4): 1 | 4 {
  return ladder.msaaOff ? 1 : configured;
}

/** A pipeline that failed, as the policy sees it (the renderer's PipelineFailure fits). */
export interface FailedPipeline {
  kind: string;
  message: string;
}

export type PipelineHealthPlan =
  /** Draw with this renderer; `degraded` when some layers are left out. */
  | { kind: 'use'; degraded: boolean }
  /** Give up this renderer: the whole chart to Canvas2D (or failed), probed later through the pipeline breaker. */
  | { kind: 'fallback'; reason: 'pipeline-failed' | 'circuit-open'; message: string };

/**
 * A WebGPU renderer was created and its pipelines checked. Every failure counts on `breaker`;
 * a renderer with no working pipeline, or a breaker that opened, is given up; one with only some
 * failed pipelines draws the rest. Success closes a half-open breaker.
 */
export function planPipelineHealth(failed: readonly FailedPipeline[], breaker: CircuitBreaker, pipelineCount: number): PipelineHealthPlan {
  if (failed.length === 0) {
    breaker.recordSuccess();
    return { kind: 'use', degraded: false };
  }
  const message = failed.map((f) => `${f.kind}: ${f.message}`).join('; ');
  breaker.recordFailure(new Error(message));
  if (failed.length >= pipelineCount) return { kind: 'fallback', reason: 'pipeline-failed', message: `Every WebGPU pipeline failed (${message}); drawing with Canvas2D.` };
  if (breaker.state === 'open') {
    return { kind: 'fallback', reason: 'circuit-open', message: `WebGPU pipelines failed ${breaker.failures} times recently (${message}); drawing with Canvas2D and probing WebGPU later.` };
  }
  return { kind: 'use', degraded: true };
}

/** A validation error while drawing: counted; once the breaker opens, Canvas2D (with a probe). */
export function planValidationError(message: string, breaker: CircuitBreaker): { kind: 'continue' } | { kind: 'fallback'; reason: 'circuit-open'; message: string } {
  breaker.recordFailure(new Error(message));
  if (breaker.state !== 'open') return { kind: 'continue' };
  return { kind: 'fallback', reason: 'circuit-open', message: `WebGPU validation errors while drawing (${message}); drawing with Canvas2D and probing WebGPU later.` };
}

/** The wait before a failed pipeline is tried again: exponential in the failures the breaker counts. */
export function pipelineRetryDelay(options: BackoffOptions, failures: number): number {
  const { baseMs = 250, factor = 2, maxMs = 8000 } = options;
  return Math.min(maxMs, baseMs * factor ** Math.max(0, failures - 1));
}

/** The shortest wait between two probes, ms, whatever the breaker's openMs. */
export const MIN_PROBE_WAIT_MS = 50;

export function probeWait(openMs: number | undefined): number {
  return Math.max(MIN_PROBE_WAIT_MS, openMs ?? 15_000);
}

/**
 * A probe timer fired. `stop`: nothing to probe (no longer on the fallback, or Canvas2D was asked
 * for); `wait`: the breaker is still open, ask again later; `start`: try WebGPU (the breaker
 * handed out its half-open probe).
 */
export function planProbe(state: LifecycleState, preference: RendererPreference, breaker: CircuitBreaker): 'stop' | 'wait' | 'start' {
  if (state !== 'fallback' || preference === 'canvas2d') return 'stop';
  return breaker.canTry() ? 'start' : 'wait';
}

/** The device was lost: counted on the device breaker; retry unless it opened. */
export function planDeviceLoss(message: string, breaker: CircuitBreaker): { kind: 'retry' } | { kind: 'fallback'; reason: 'circuit-open'; message: string } {
  breaker.recordFailure(new Error(message));
  if (breaker.canTry()) return { kind: 'retry' };
  return { kind: 'fallback', reason: 'circuit-open', message: `WebGPU failed ${breaker.failures} times recently; drawing with Canvas2D and probing WebGPU later.` };
}

/** The `gpu-recovery` details, one per phase of a device recovery. */
export type RecoveryDetail =
  | { phase: 'lost'; attempt: 0; reason: string; message: string }
  | { phase: 'retrying'; attempt: number; delayMs: number; reason: string; message: string }
  | { phase: 'recovered' | 'failed'; attempt: number; durationMs: number; reason: string; message: string };

export const recoveryDetails = {
  lost: (reason: string, message: string): RecoveryDetail => ({ phase: 'lost', attempt: 0, reason, message }),
  retrying: (attempt: number, delayMs: number, error: unknown): RecoveryDetail => ({
    phase: 'retrying',
    attempt,
    delayMs,
    reason: String(error),
    message: `attempt ${attempt} failed; retrying in ${Math.round(delayMs)} ms`,
  }),
  recovered: (attempt: number, durationMs: number, reason: string): RecoveryDetail => ({
    phase: 'recovered',
    attempt,
    durationMs,
    reason,
    message: 'WebGPU device restored; chart rebuilt from its data',
  }),
  failed: (attempt: number, durationMs: number, error: unknown): RecoveryDetail => ({
    phase: 'failed',
    attempt,
    durationMs,
    reason: String(error),
    message: error instanceof Error ? error.message : String(error),
  }),
};

/** The fallback message after a device recovery gave up. */
export function deviceLostMessage(error: unknown): string {
  return `The GPU device was lost and could not be restored (${error instanceof Error ? error.message : String(error)}).`;
}

/**
 * The lifecycle states to pass through from `from` to reach `to`: straight there when the table
 * allows, else through `recovering` (fallback → ready), else nowhere (an impossible move is
 * dropped, as the controller always did). Empty when already there.
 */
export function lifecyclePath(from: LifecycleState, to: LifecycleState): LifecycleState[] {
  if (from === to) return [];
  if (canTransition(from, to)) return [to];
  if (to !== 'disposed' && canTransition(from, 'recovering')) return canTransition('recovering', to) ? ['recovering', to] : ['recovering'];
  return [];
}

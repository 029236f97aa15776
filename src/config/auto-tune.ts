/**
 * Quality auto-tuning as pure logic: the caller feeds frame times and
 * applies the tier it is told about. No timers, no DOM, so it is tested with
 * simulated frame sources.
 *
 * Policy (all thresholds are options):
 * - frames are judged in windows of `windowSize` samples by their p95;
 * - down one tier when a window's p95 > budget × downThreshold (1.2);
 * - up one tier only after `upWindows` (3) consecutive windows with
 *   p95 < budget × upThreshold (0.6);
 * - after any change, `cooldownFrames` frames are ignored (pipeline rebuilds
 *   and resizes cause one-off hitches that say nothing about the new tier);
 * - no oscillation: a tier the tuner had to leave for being too slow is
 *   retried only after a back-off that doubles each time, and after
 *   `maxFailuresPerTier` failures it is never retried (until `reset()`).
 * GPU timestamps are preferred: once one arrives, frame-interval samples are
 * ignored, because intervals are quantised to the display's refresh rate
 * and include CPU work that tiers do not change.
 */
import { TIERS, type Tier } from './schema.js';

export { tierSettings, tierLayer, type TierSettings } from './tiers.js';

export type FrameSource = 'gpu-timestamp' | 'frame-interval';

export interface HardwareInfo {
  /** From GPUAdapter.info. */
  adapterInfo?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  /** From GPUAdapter.limits (only the ones used here). */
  limits?: { maxBufferSize?: number; maxTextureDimension2D?: number; maxStorageBufferBindingSize?: number };
  features?: readonly string[];
  devicePixelRatio?: number;
  hardwareConcurrency?: number;
  /** navigator.deviceMemory in GB (browsers cap it at 8). */
  deviceMemory?: number;
  /** navigator.userAgentData.mobile, when known. */
  mobile?: boolean;
}

export interface AutoTunerOptions {
  targetFps?: number;
  /** Allowed tiers, lowest first. */
  tiers?: readonly Tier[];
  enabled?: boolean;
  /** A fixed tier: initialTier returns it and recordFrame never changes it. */
  pinnedTier?: Tier;
  /**
   * The lowest tier the hardware guess may start at (measured frames may still go lower): a
   * chart that starts blurry before a single slow frame was measured looks broken.
   */
  initialFloor?: Tier;
  /** Samples per evaluation window. */
  windowSize?: number;
  downThreshold?: number;
  upThreshold?: number;
  upWindows?: number;
  cooldownFrames?: number;
  /** Windows to wait before retrying a tier that failed once; doubles per failure. */
  backoffWindows?: number;
  maxFailuresPerTier?: number;
  /** Longer samples are dropped: a hidden tab or a debugger pause, not rendering cost. */
  maxFrameMs?: number;
}

export interface FrameMeasurements {
  p50: number;
  p95: number;
  samples: number;
}

export interface TierDecision {
  tier: Tier;
  reason: string;
  measurements: FrameMeasurements;
}

export interface AutoTuner {
  readonly tier: Tier;
  initialTier(hw: HardwareInfo): { tier: Tier; reason: string };
  /** Returns a decision only when the tier changes. */
  recordFrame(frameMs: number, source: FrameSource): TierDecision | null;
  setPinnedTier(tier: Tier | undefined): void;
  setEnabled(enabled: boolean): void;
  setTargetFps(fps: number): void;
  /** Forgets failures and samples (e.g. after the device changed). */
  reset(): void;
}

const DEFAULTS = {
  targetFps: 60,
  windowSize: 60,
  downThreshold: 1.2,
  upThreshold: 0.6,
  upWindows: 3,
  cooldownFrames: 30,
  backoffWindows: 10,
  maxFailuresPerTier: 2,
  maxFrameMs: 1000,
};

export function createAutoTuner(options: AutoTunerOptions = {}): AutoTuner {
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  const tiers: readonly Tier[] = o.tiers && o.tiers.length > 0 ? [...o.tiers] : TIERS;
  let enabled = options.enabled ?? true;
  let pinned = options.pinnedTier;
  let budget = 1000 / o.targetFps;

  const samples = new Float64Array(Math.max(4, Math.floor(o.windowSize)));
  let count = 0;
  let index = clampIndex(tiers, tiers.indexOf('high') === -1 ? Math.floor(tiers.length / 2) : tiers.indexOf('high'));
  let cooldown = 0;
  let fastWindows = 0;
  let windowsSeen = 0;
  let sawGpuTimestamp = false;
  // Per tier index: how often it was abandoned, and the window count before which it may not be retried.
  let failures = new Array<number>(tiers.length).fill(0);
  let retryAfter = new Array<number>(tiers.length).fill(0);

  const current = (): Tier => pinned ?? (tiers[index] as Tier);

  const restartWindow = () => {
    count = 0;
    fastWindows = 0;
  };

  const change = (to: number, reason: string, measurements: FrameMeasurements): TierDecision => {
    index = to;
    cooldown = o.cooldownFrames;
    restartWindow();
    return { tier: current(), reason, measurements };
  };

  const mayPromoteTo = (target: number): boolean =>
    target < tiers.length && failures[target] < o.maxFailuresPerTier && windowsSeen >= retryAfter[target];

  const evaluate = (): TierDecision | null => {
    const measurements = summarize(samples, count);
    count = 0;
    windowsSeen++;
    const { p95 } = measurements;
    if (p95 > budget * o.downThreshold) {
      fastWindows = 0;
      if (index === 0) return null;
      failures[index]++;
      retryAfter[index] = windowsSeen + o.backoffWindows * 2 ** (failures[index] - 1);
      return change(
        index - 1,
        `p95 ${fmt(p95)} ms over ${fmt(budget * o.downThreshold)} ms (${o.downThreshold}× the ${fmt(budget)} ms budget)`,
        measurements,
      );
    }
    if (p95 < budget * o.upThreshold) {
      fastWindows++;
      if (fastWindows >= o.upWindows && mayPromoteTo(index + 1)) {
        return change(
          index + 1,
          `p95 under ${fmt(budget * o.upThreshold)} ms for ${fastWindows} windows (${o.upThreshold}× the ${fmt(budget)} ms budget)`,
          measurements,
        );
      }
      return null;
    }
    fastWindows = 0;
    return null;
  };

  return {
    get tier() {
      return current();
    },

    initialTier(hw) {
      if (pinned) return { tier: pinned, reason: 'pinned by configuration' };
      const guess = guessTier(hw);
      index = nearestAllowed(tiers, guess.tier);
      let reason = guess.reason;
      const floor = options.initialFloor ? tiers.indexOf(options.initialFloor) : -1;
      if (floor > index) {
        index = floor;
        reason = `${reason}; starting at ${options.initialFloor} until frames are measured`;
      }
      restartWindow();
      return { tier: current(), reason };
    },

    recordFrame(frameMs, source) {
      if (!enabled || pinned) return null;
      if (!(frameMs >= 0) || frameMs > o.maxFrameMs) return null; // NaN, negative, or a pause
      if (source === 'gpu-timestamp') sawGpuTimestamp = true;
      else if (sawGpuTimestamp) return null;
      if (cooldown > 0) {
        cooldown--;
        return null;
      }
      samples[count++] = frameMs;
      return count === samples.length ? evaluate() : null;
    },

    // The element calls these on every configuration change: only a real change restarts the
    // measurement window (else frequent unrelated changes would keep any window from completing).
    setPinnedTier(tier) {
      if (tier === pinned) return;
      pinned = tier;
      restartWindow();
    },

    setEnabled(value) {
      if (value === enabled) return;
      enabled = value;
      restartWindow();
    },

    setTargetFps(fps) {
      if (!(fps > 0 && Number.isFinite(fps)) || 1000 / fps === budget) return;
      budget = 1000 / fps;
      restartWindow();
    },

    reset() {
      failures = new Array<number>(tiers.length).fill(0);
      retryAfter = new Array<number>(tiers.length).fill(0);
      windowsSeen = 0;
      cooldown = 0;
      sawGpuTimestamp = false;
      restartWindow();
    },
  };
}

/** A CPU rasterizer posing as a GPU (SwiftShader, llvmpipe, WARP…), from what the adapter says. */
export function isSoftwareAdapter(info: HardwareInfo['adapterInfo'] | null | undefined): boolean {
  if (!info) return false;
  if (info.isFallbackAdapter) return true;
  const identity = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|software|basic render/.test(identity);
}

/** Heuristic starting point from what the browser tells us; the tuner corrects it from measurements. */
export function guessTier(hw: HardwareInfo): { tier: Tier; reason: string } {
  const info = hw.adapterInfo ?? {};
  const vendor = (info.vendor ?? '').toLowerCase();
  const identity = `${vendor} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  const cores = hw.hardwareConcurrency ?? 4;
  const dpr = hw.devicePixelRatio ?? 1;

  if (info.isFallbackAdapter) return { tier: 'low', reason: 'software fallback adapter' };
  if (isSoftwareAdapter(info)) return { tier: 'low', reason: 'software renderer' };
  if ((hw.deviceMemory !== undefined && hw.deviceMemory <= 2) || cores <= 2) {
    return { tier: 'low', reason: 'low-end device (≤ 2 GB memory or ≤ 2 cores)' };
  }

  const mobileGpu = /qualcomm|adreno|\barm\b|mali|imagination|powervr|samsung|xclipse/.test(identity);
  let tier: Tier;
  let reason: string;
  if (mobileGpu || hw.mobile) {
    tier = 'medium';
    reason = mobileGpu ? 'mobile GPU' : 'mobile device';
  } else if (/nvidia|\bamd\b|\bati\b|radeon/.test(identity) && cores >= 4) {
    tier = 'high';
    reason = 'discrete-class GPU';
  } else if (vendor === 'apple') {
    tier = 'high';
    reason = 'Apple GPU';
  } else if (/intel/.test(identity)) {
    tier = 'medium';
    reason = 'integrated GPU';
  } else if ((hw.limits?.maxBufferSize ?? 0) >= 2 ** 31 && (hw.limits?.maxTextureDimension2D ?? 0) >= 16384) {
    tier = 'high';
    reason = 'high device limits';
  } else {
    tier = 'medium';
    reason = 'unknown GPU';
  }
  // Very dense screens multiply fill cost; start one tier lower and let the tuner earn it back.
  if (dpr >= 3 && tier === 'high') {
    tier = 'medium';
    reason += ', very high pixel density';
  }
  return { tier, reason };
}

function nearestAllowed(tiers: readonly Tier[], wanted: Tier): number {
  const rank = TIERS.indexOf(wanted);
  let best = 0;
  for (let i = 0; i < tiers.length; i++) {
    if (TIERS.indexOf(tiers[i] as Tier) <= rank) best = i;
  }
  return best;
}

function clampIndex(tiers: readonly Tier[], i: number): number {
  return Math.min(Math.max(i, 0), tiers.length - 1);
}

/** Nearest-rank percentiles of the first `n` samples. */
export function summarize(samples: Float64Array, n: number): FrameMeasurements {
  const sorted = samples.slice(0, n).sort();
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), samples: n };
}

function fmt(ms: number): string {
  return ms.toFixed(1);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

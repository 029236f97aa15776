import { createAutoTuner, type AutoTuner, type HardwareInfo } from '../../config/auto-tune.js';
import type { ChartConfig, Tier } from '../../config/schema.js';
import type { FrameStats } from '../../perf/frame-stats.js';
import type { GpuQualityChangeDetail } from '../../events/gpu-quality-change.js';

/**
 * Connects the pure auto-tuner to a chart: the starting tier from the hardware, then one
 * measurement per frame (GPU timestamps when the device has them, else the frame's CPU time),
 * and a tier change reported with the measurements behind it.
 *
 * The starting guess is never below `medium`: lowering the resolution before a single slow frame
 * was measured would blur every chart on software adapters; measured slow frames may still move
 * it lower.
 */
export class ChartAutoTune {
  private tuner: AutoTuner | null = null;
  private timedByGpu = false;
  tier: Tier | null = null;

  constructor(private readonly onTier: (tier: Tier, detail: GpuQualityChangeDetail) => void) {}

  start(config: ChartConfig, hardware: HardwareInfo, hasTimestamps: boolean): void {
    this.timedByGpu = hasTimestamps;
    const pinned = config.quality.tier === 'auto' ? undefined : config.quality.tier;
    this.tuner = createAutoTuner({ targetFps: config.quality.targetFps, enabled: config.features.autoTune, pinnedTier: pinned, initialFloor: 'medium' });
    const { tier, reason } = this.tuner.initialTier(hardware);
    this.set(tier, reason);
  }

  /** Follows configuration changes (pinning, switching off, target fps). */
  configure(config: ChartConfig): void {
    const tuner = this.tuner;
    if (!tuner) return;
    tuner.setEnabled(config.features.autoTune);
    tuner.setTargetFps(config.quality.targetFps);
    const pinned = config.quality.tier === 'auto' ? undefined : config.quality.tier;
    tuner.setPinnedTier(pinned);
    if (tuner.tier !== this.tier) this.set(tuner.tier, pinned ? `pinned by configuration (quality.tier: ${pinned})` : 'unpinned by configuration');
  }

  record(stats: FrameStats): void {
    const tuner = this.tuner;
    if (!tuner) return;
    // Each frame is reported once without GPU time and, where timestamps exist, once more with it.
    if (this.timedByGpu && stats.gpuMs === null) return;
    const source = stats.gpuMs !== null ? 'gpu-timestamp' : 'frame-interval';
    const decision = tuner.recordFrame(stats.gpuMs ?? stats.cpuMs, source);
    if (decision) this.set(decision.tier, decision.reason, { ...decision.measurements, source });
  }

  private set(tier: Tier, reason: string, measurements?: GpuQualityChangeDetail['measurements']): void {
    const previous = this.tier;
    this.tier = tier;
    this.onTier(tier, { tier, previous, reason, ...(measurements ? { measurements } : {}) });
  }
}

import type { ChartModel } from '../../core/chart-model.js';
import type { ChartConfig } from '../../config/schema.js';
import { tierLayer } from '../../config/tiers.js';
import { GpuQualityChangeEvent } from '../../events/gpu-quality-change.js';
import type { FrameStats } from '../../perf/frame-stats.js';
import { ChartAutoTune } from './chart-auto-tune.js';
import type { ChartConfigController } from './chart-config-controller.js';
import type { ChartRendererController, QualityDegradation } from './chart-renderer-controller.js';
import { hardwareInfo } from './hardware-info.js';

/** What the quality controller needs from its chart. */
export interface QualityHost extends EventTarget {
  /** The element's `lod` attribute (the renderer's degradation may override it). */
  readonly lod: 'auto' | 'off';
  /** Draws again. */
  invalidate(): void;
}

/**
 * The quality a chart draws with, from its two sources: the tier (auto-tuning from the hardware
 * and the measured frames, or pinned by configuration; applied as the configuration's `tier`
 * layer) and what the renderer gave up to fit the GPU (level of detail forced on, a lower
 * resolution). Both report `gpu-quality-change`. Kept apart from the element so that the
 * element only delegates, and apart from the renderer controller, which decides the degradation
 * but knows nothing of tiers, the model or the canvas.
 */
export class ChartQuality {
  private readonly autoTune = new ChartAutoTune((tier, detail) => {
    this.configuration.setLayer('tier', tierLayer(tier), `tier ${tier}`);
    this.host.dispatchEvent(new GpuQualityChangeEvent(detail));
  });

  constructor(
    private readonly host: QualityHost,
    private readonly model: ChartModel,
    private readonly configuration: ChartConfigController,
    private readonly renderers: ChartRendererController,
    /** Sizes the canvas again (the resolution factor changed). */
    private readonly measure: () => void,
  ) {}

  /** The tier in effect, or null before a device was acquired. */
  get tier(): ChartAutoTune['tier'] {
    return this.autoTune.tier;
  }

  /** Every frame's measurements (auto-tuning). */
  record(stats: FrameStats): void {
    this.autoTune.record(stats);
  }

  /** The configuration changed (pinning, switching auto-tuning off, the target fps). */
  configure(config: ChartConfig): void {
    this.autoTune.configure(config);
  }

  /** A device is there and no renderer yet: the first tier, from the hardware, settles MSAA before the renderer is made. */
  deviceAcquired(device: GPUDevice): void {
    if (!this.autoTune.tier) this.autoTune.start(this.configuration.config, hardwareInfo(device, this.renderers.devices.adapterInfo), device.features.has('timestamp-query'));
  }

  /** The renderer's degradation changed: level of detail and canvas size follow; a detail is reported. */
  degradationChanged(detail: QualityDegradation | null): void {
    this.applyLod();
    this.measure();
    const tier = this.autoTune.tier ?? 'high';
    if (detail) this.host.dispatchEvent(new GpuQualityChangeEvent({ tier, previous: tier, ...detail }));
  }

  /** The level of detail in effect: forced on by degradation, else the element's `lod`. */
  applyLod(): void {
    this.model.options = { ...this.model.options, lod: this.renderers.lodOverride ?? this.host.lod };
    this.host.invalidate();
  }
}

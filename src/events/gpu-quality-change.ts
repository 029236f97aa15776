/** The quality tier changed (auto-tuning, a pin, or degradation); says why and on what evidence. */
export interface GpuQualityChangeDetail {
  tier: 'low' | 'medium' | 'high' | 'ultra';
  previous: 'low' | 'medium' | 'high' | 'ultra' | null;
  reason: string;
  /** The frame-time measurements behind an auto-tuning move (absent for the initial choice). */
  measurements?: { p50: number; p95: number; samples: number; source: 'gpu-timestamp' | 'frame-interval' };
  /**
   * Present when quality was lowered to fit the GPU rather than chosen by the tier: `cause` says
   * why (`out-of-memory`: an allocation failed; `limits`: the canvas is larger than the largest
   * texture), `step` what was given up now, and the settings in effect since.
   */
  degradation?: {
    cause: 'out-of-memory' | 'limits';
    step: 'lod' | 'msaa' | 'resolution';
    /** Level of detail in effect (`auto` when it was forced on). */
    lod: 'auto' | 'off';
    msaa: 1 | 4;
    /** Factor applied to the canvas resolution on top of `quality.resolutionScale` (1: none). */
    resolutionFactor: number;
  };
}

/** `gpu-quality-change` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuQualityChangeEvent extends Event {
  static readonly type = 'gpu-quality-change';
  readonly detail: Readonly<GpuQualityChangeDetail>;

  constructor(detail: GpuQualityChangeDetail) {
    super('gpu-quality-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-quality-change': GpuQualityChangeEvent;
  }
}

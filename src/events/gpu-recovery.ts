/** A step of recovering from a lost GPU device. */
export interface GpuRecoveryDetail {
  /** lost → retrying (once per attempt) → recovered, or → failed (the chart moves to Canvas2D). */
  phase: 'lost' | 'retrying' | 'recovered' | 'failed';
  /** Attempt number (1-based) for retrying / recovered / failed; 0 for lost. */
  attempt: number;
  /** Wait before the next attempt, ms (retrying). */
  delayMs?: number;
  /** Time since the loss, ms (recovered / failed). */
  durationMs?: number;
  /** The device's loss reason, or the last error. */
  reason: string;
  message: string;
}

/** `gpu-recovery` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuRecoveryEvent extends Event {
  static readonly type = 'gpu-recovery';
  readonly detail: Readonly<GpuRecoveryDetail>;

  constructor(detail: GpuRecoveryDetail) {
    super('gpu-recovery', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-recovery': GpuRecoveryEvent;
  }
}

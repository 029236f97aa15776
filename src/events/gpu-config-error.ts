/** An attribute, property or config document was invalid; the last good configuration stays live. */
export interface GpuConfigErrorDetail {
  issues: { path: string; message: string; line?: number; column?: number; source?: string }[];
}

/** `gpu-config-error` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuConfigErrorEvent extends Event {
  static readonly type = 'gpu-config-error';
  readonly detail: Readonly<GpuConfigErrorDetail>;

  constructor(detail: GpuConfigErrorDetail) {
    super('gpu-config-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-config-error': GpuConfigErrorEvent;
  }
}

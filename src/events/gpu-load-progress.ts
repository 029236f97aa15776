/** Progress of loading the `src` URL. */
export interface GpuLoadProgressDetail {
  url: string;
  phase: 'start' | 'progress' | 'done' | 'error' | 'aborted';
  /** Bytes received so far. */
  loaded: number;
  /** Total bytes, when the server sent a length. */
  total: number | null;
}

/** `gpu-load-progress` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuLoadProgressEvent extends Event {
  static readonly type = 'gpu-load-progress';
  readonly detail: Readonly<GpuLoadProgressDetail>;

  constructor(detail: GpuLoadProgressDetail) {
    super('gpu-load-progress', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-load-progress': GpuLoadProgressEvent;
  }
}

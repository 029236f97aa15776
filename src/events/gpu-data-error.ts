/** Data was rejected (the previous data stays on screen) or accepted with warnings (gaps). */
export interface GpuDataErrorDetail {
  /** Machine-readable reason, e.g. 'unsorted-time', 'http', 'non-finite'. */
  code: string;
  /** What is wrong and where. */
  message: string;
  /** 'error': the data was rejected and the previous data stays. 'warning': accepted (e.g. gaps). */
  severity: 'error' | 'warning';
  /** Where the data came from: 'data', 'append', or the URL. */
  source: string;
  /** 0-based row (data point) index, when known. */
  row?: number;
  /** 1-based line in a CSV file, when known. */
  line?: number;
  column?: string;
  value?: unknown;
  /** For code 'non-finite': how many NaN/Infinity/empty values became gaps. */
  count?: number;
}

/** `gpu-data-error` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuDataErrorEvent extends Event {
  static readonly type = 'gpu-data-error';
  readonly detail: Readonly<GpuDataErrorDetail>;

  constructor(detail: GpuDataErrorDetail) {
    super('gpu-data-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-data-error': GpuDataErrorEvent;
  }
}

/** Why WebGPU could not be used: the element reports it and shows a message instead of a chart. */
export type WebGpuUnavailableReason = 'no-webgpu' | 'no-adapter' | 'device-failed' | 'device-lost';

export class WebGpuUnavailableError extends Error {
  override readonly name = 'WebGpuUnavailableError';

  constructor(
    readonly reason: WebGpuUnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const UNAVAILABLE_MESSAGES: Record<WebGpuUnavailableReason, string> = {
  'no-webgpu': 'This browser has no WebGPU (navigator.gpu is missing).',
  'no-adapter': 'WebGPU is present but no GPU adapter is available (it may be disabled or blocklisted).',
  'device-failed': 'The GPU adapter refused to create a device.',
  'device-lost': 'The GPU device was lost.',
};

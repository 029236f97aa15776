import type { HardwareInfo } from '../../config/auto-tune.js';

/** What auto-tuning's first guess looks at: the adapter, the device's limits, the screen and the machine. */
export function hardwareInfo(device: GPUDevice, info: GPUAdapterInfo | null): HardwareInfo {
  const nav = navigator as Navigator & { deviceMemory?: number; userAgentData?: { mobile?: boolean } };
  return {
    adapterInfo: info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter } : undefined,
    limits: { maxBufferSize: device.limits.maxBufferSize, maxTextureDimension2D: device.limits.maxTextureDimension2D, maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize },
    features: [...device.features],
    devicePixelRatio: globalThis.devicePixelRatio || 1,
    hardwareConcurrency: nav.hardwareConcurrency,
    deviceMemory: nav.deviceMemory,
    mobile: nav.userAgentData?.mobile,
  };
}

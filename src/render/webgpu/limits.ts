/**
 * The device limits the renderer sizes its resources by. WebGPU does not let a page request limits
 * below the defaults (a lower request is raised to the default), so tests that need a "small"
 * device cap the limits the library assumes instead: `DeviceManager.testHooks.limits`.
 */
export interface RendererLimits {
  /** Largest buffer, bytes. */
  maxBufferSize: number;
  /** Largest range of a storage buffer one binding may see, bytes. */
  maxStorageBufferBindingSize: number;
  /** Largest width or height of a 2D texture (the canvas included), texels. */
  maxTextureDimension2D: number;
}

/** The device's limits, each lowered to the override where one is given. */
export function effectiveLimits(device: GPUDevice, override?: Partial<RendererLimits> | null): RendererLimits {
  const limits = device.limits;
  const pick = (name: keyof RendererLimits): number => {
    const own = Number(limits[name]);
    const cap = override?.[name];
    return typeof cap === 'number' && cap > 0 ? Math.min(own, cap) : own;
  };
  return { maxBufferSize: pick('maxBufferSize'), maxStorageBufferBindingSize: pick('maxStorageBufferBindingSize'), maxTextureDimension2D: pick('maxTextureDimension2D') };
}

/**
 * Elements that fit one storage binding (and one buffer), for elements of `bytes` each; `even`
 * keeps pairs together (independent segments).
 */
export function elementsPerBinding(limits: RendererLimits, bytes: number, even = false): number {
  const most = Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) / bytes);
  const n = even ? most & ~1 : most;
  return Math.max(even ? 2 : 1, n);
}

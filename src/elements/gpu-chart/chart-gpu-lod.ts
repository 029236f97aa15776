import { isSoftwareAdapter } from '../../config/auto-tune.js';
import type { ChartConfig } from '../../config/schema.js';
import type { Renderer } from '../../render/renderer.js';
import { WebGpuRenderer } from '../../render/webgpu/webgpu-renderer.js';
import type { GpuLod } from '../../series/series-type.js';

export type GpuLodSetting = ChartConfig['quality']['gpuLod'];

/**
 * Below this many rows `auto` keeps a line on the CPU: its pyramid walk costs well under a
 * millisecond there, and the GPU path's upload would not pay for itself.
 */
export const GPU_LOD_AUTO_MIN_ROWS = 1_000_000;

/**
 * Whether the chart's lines are reduced on the GPU (`quality.gpuLod`): only WebGPU can, and `auto`
 * only on a real GPU — on a software adapter the "GPU" is the same CPU, and the pyramid walk is
 * cheaper than a scan of every visible value.
 */
export function gpuLodFor(renderer: Renderer | null, setting: GpuLodSetting, adapter: GPUAdapterInfo | null): GpuLod | null {
  if (setting === 'off' || !(renderer instanceof WebGpuRenderer)) return null;
  if (setting === 'auto') {
    const info = adapter && { vendor: adapter.vendor, architecture: adapter.architecture, device: adapter.device, description: adapter.description, isFallbackAdapter: (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter };
    if (!info || isSoftwareAdapter(info)) return null;
  }
  return { maxRows: renderer.gpuLodMaxRows, minRows: setting === 'on' ? 0 : GPU_LOD_AUTO_MIN_ROWS };
}

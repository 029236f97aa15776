// The WebGPU backend: draws the core's FrameScenes on a GPUDevice (browser, or Node with Dawn).
// Kept out of gpu-charts/core so that DOM-free users who bring their own renderer ship none of it.
export { WebGpuRenderer, type RenderTarget, type WebGpuRendererOptions, type RendererIssue, type PipelineKind } from './webgpu-renderer.js';
export { DeviceManager, type DeviceEvent } from './device-manager.js';
export { WebGpuUnavailableError, type WebGpuUnavailableReason } from './webgpu-unavailable.js';

// Direct users of the renderer (Node + Dawn, tests) get the 3D kinds at once; the chart element
// loads them with the rest of 3D, as a lazy chunk (elements/three-d-chunk.ts).
import { registerPrimitiveKinds } from './primitives/index.js';
import { THREE_D_KINDS } from './primitives/three-d-kinds.js';
registerPrimitiveKinds(THREE_D_KINDS);

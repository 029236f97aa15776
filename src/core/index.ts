// DOM-free chart core: usable in Node (tests, benchmarks, server-side rendering with Dawn).
export * from './chart-model.js';
export * from './layout.js';
export * from './scales.js';
export * from './series-spec.js';
export * from './panes.js';
export * from './theme.js';
export * from './viewport.js';
export * from './ticks/index.js';
export * from './time-zone.js';
export { WebGpuRenderer, type RenderTarget, type WebGpuRendererOptions } from '../render/webgpu/webgpu-renderer.js';
export { DeviceManager } from '../render/webgpu/device-manager.js';
export * from '../render/frame-scene.js';

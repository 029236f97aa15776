// What the Node + Dawn benchmark needs in one module: the DOM-free core and the WebGPU backend
// (two package entries, gpu-charts/core and gpu-charts/webgpu).
export * from '../../src/core/index.js';
export * from '../../src/render/webgpu/index.js';

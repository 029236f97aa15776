// DOM-free chart core: usable in Node (tests, benchmarks, server-side rendering). It builds
// renderer-neutral FrameScenes; the WebGPU backend that draws them is its own entry
// (gpu-charts/webgpu), so importing the core ships no renderer.
export * from './chart-model.js';
export * from './layout.js';
export * from './scales.js';
export * from '../series/index.js';
export * from './derived-series.js';
export * from './grid-layers.js';
export * from './panes.js';
export * from './theme.js';
export * from './viewport.js';
export * from './ticks/index.js';
export * from '../time/time-zone.js';
export * from './scene/frame-scene.js';
export * from './scene/grid-sampling.js';
export * from './colormap/index.js';
export * from './scene/density-grid.js';
export * from './scene/cluster-levels.js';
export * from './scene/cluster-cells.js';
export * from './scene/cluster-discs.js';
export * from './scene/resident-line-points.js';
export * from './scene/marker-splat.js';
export * from './scene/detail-budget.js';
export * from './shader-hooks.js';
export * from './three/index.js';

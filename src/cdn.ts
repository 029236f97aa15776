// The CDN bundle: one file that defines every element and exposes the API on window.GpuCharts.
import './define/index.js';
import * as GpuCharts from './index.js';

(globalThis as unknown as { GpuCharts: typeof GpuCharts }).GpuCharts = GpuCharts;

export * from './index.js';

// What the browser tests and the e2e pages find at run time but TypeScript cannot see from imports:
// `<gpu-chart>` registered by the define entry, and the CDN bundle's `window.GpuCharts` global (the
// bundle itself is built, minified JavaScript, kept out of the check: its API is src/index.ts's).
import type { GpuChart } from '../../dist/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'gpu-chart': GpuChart;
  }
  interface Window {
    GpuCharts?: typeof import('../../dist/index.js');
  }
  // eslint-disable-next-line no-var
  var GpuCharts: typeof import('../../dist/index.js') | undefined;
}

export {};

// What the browser tests and the e2e pages find at run time but TypeScript cannot see from imports:
// the CDN bundle's `window.GpuCharts` global (the bundle itself is built, minified JavaScript, kept
// out of the check: its API is the one of dist/index.js, that is src/index.ts's).

declare global {
  interface Window {
    GpuCharts?: typeof import('../../dist/index.js');
  }
  // eslint-disable-next-line no-var
  var GpuCharts: typeof import('../../dist/index.js') | undefined;
}

export {};
